import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { getConversationThread } from "@/lib/archive/queries";
import { recordAudit } from "@/lib/audit/audit";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { MessageThread } from "@/components/conversation/message-thread";
import { ReviewPanel } from "@/components/review/review-panel";
import { can } from "@/lib/auth/permissions";
import { highlightTerms, parseQuery } from "@/lib/search/query-parser";

export const metadata: Metadata = { title: "Conversation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(v: string | string[] | undefined): string | null {
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

export default async function ConversationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const user = await requirePermission("archive:read");
  const { id } = await params;
  const sp = await searchParams;
  // ?m=<message id> opens the branch holding that message; ?q=<query> marks the query's terms.
  const data = await getConversationThread(decodeURIComponent(id), first(sp.m));
  if (!data) notFound();
  const parsed = first(sp.q) ? parseQuery(first(sp.q)!) : null;
  const terms = parsed?.ok ? highlightTerms(parsed.query.tree) : [];
  const { conversation: c, messages, totalMessages, onActiveBranch } = data;
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
            {c.userEmail ?? c.userId} · {totalMessages.toLocaleString("en-US")} messages ({messages.length} on {onActiveBranch ? "the active branch" : "this branch"}) · version {c.currentVersion}
            {c.deletedAtSource && <Badge tone="danger" className="ml-2">Deleted at source</Badge>}
          </>
        }
      />
      {!onActiveBranch && (
        <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
          This message is on an alternate branch (an edited prompt or a regenerated answer), not the conversation&apos;s active branch. Shown: the branch through it.
        </p>
      )}
      <ReviewPanel itemType="CONVERSATION" itemId={c.id} canWrite={can(user.role, "review:write")} viewerId={user.id} />
      <MessageThread
        terms={terms}
        label={onActiveBranch ? "Messages on the active branch" : "Messages on the branch through the linked message"}
        messages={messages.map((m) => ({ ...m, createdAtSource: m.createdAtSource?.toISOString() ?? null, deleted: Boolean(m.deletedAtSource) }))}
      />
    </>
  );
}
