import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";

export const metadata: Metadata = { title: "Conversations" };

export default async function ConversationsPage() {
  await requirePermission("archive:read");
  return (
    <>
      <PageHeader title="Conversations" description="Captured ChatGPT Enterprise conversations." />
      <EmptyState title="No conversations captured yet">Conversations appear here, newest first, once a source has synced. Open one to read its messages, attachments and version history.</EmptyState>
    </>
  );
}
