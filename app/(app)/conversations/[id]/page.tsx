import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { getConversationThread } from "@/lib/archive/queries";
import { recordAudit } from "@/lib/audit/audit";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { MessageThread } from "@/components/conversation/message-thread";

export const metadata: Metadata = { title: "Conversation" };

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("archive:read");
  const { id } = await params;
  const data = await getConversationThread(decodeURIComponent(id));
  if (!data) notFound();
  const { conversation: c, messages, totalMessages } = data;
  await recordAudit({ action: "conversation.view", actor: user, target: { type: "conversation", id: c.id } });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/conversations" className="text-indigo-700 hover:underline">← Conversations</Link>
      </p>
      <PageHeader
        title={c.title || "(untitled)"}
        description={
          <>
            {c.userEmail ?? c.userId} · {totalMessages.toLocaleString("en-US")} messages ({messages.length} on the active branch) · version {c.currentVersion}
            {c.deletedAtSource && <Badge tone="danger" className="ml-2">Deleted at source</Badge>}
          </>
        }
      />
      <MessageThread
        messages={messages.map((m) => ({ ...m, createdAtSource: m.createdAtSource?.toISOString() ?? null, deleted: Boolean(m.deletedAtSource) }))}
      />
    </>
  );
}
