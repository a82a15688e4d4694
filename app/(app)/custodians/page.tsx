import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";

export const metadata: Metadata = { title: "Custodians" };

export default async function CustodiansPage() {
  await requirePermission("archive:read");
  return (
    <>
      <PageHeader title="Custodians" description="People whose conversations are archived." />
      <EmptyState title="No custodians yet">Each workspace member whose conversations are captured appears here, with their volumes and the holds that cover them.</EmptyState>
    </>
  );
}
