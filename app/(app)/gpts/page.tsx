import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";

export const metadata: Metadata = { title: "GPTs" };

export default async function GptsPage() {
  await requirePermission("archive:read");
  return (
    <>
      <PageHeader title="GPTs" description="Custom GPTs discovered in the workspace." />
      <EmptyState title="No GPTs captured yet">Custom GPTs, their configuration history and the conversations that used them will appear here after the first sync.</EmptyState>
    </>
  );
}
