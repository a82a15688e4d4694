import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage() {
  await requirePermission("export:read");
  return (
    <>
      <PageHeader title="Exports" description="Packages of conversations for review or production." />
      <EmptyState title="No exports yet">Requested exports appear here with their status, contents and a download link once they are ready.</EmptyState>
    </>
  );
}
