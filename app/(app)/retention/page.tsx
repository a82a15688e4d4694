import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";

export const metadata: Metadata = { title: "Retention" };

export default async function RetentionPage() {
  await requirePermission("retention:read");
  return (
    <>
      <PageHeader title="Retention" description="Policies that decide how long archived conversations are kept." />
      <EmptyState title="No retention policies">Retention policies and upcoming dispositions appear here. Conversations under a legal hold are never disposed of.</EmptyState>
    </>
  );
}
