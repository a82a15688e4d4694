import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  await requirePermission("source:read");
  return (
    <>
      <PageHeader title="Sources" description="ChatGPT Enterprise workspaces connected through the Compliance API." />
      <EmptyState title="No sources connected">Connected workspaces, their capture status and sync history appear here.</EmptyState>
    </>
  );
}
