import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";

export const metadata: Metadata = { title: "Holds" };

export default async function HoldsPage() {
  await requirePermission("hold:read");
  return (
    <>
      <PageHeader title="Holds" description="Legal holds preserve conversations from retention and deletion." />
      <EmptyState title="No legal holds">Holds placed on custodians or searches appear here, with their scope, status and the number of conversations they preserve.</EmptyState>
    </>
  );
}
