import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { getConversationReader } from "@/lib/archive/reader";
import { recordAudit } from "@/lib/audit/audit";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { MessageThread, type ThreadContext } from "@/components/conversation/message-thread";
import { TreeOutline } from "@/components/conversation/tree-outline";
import { MessageDeepLink } from "@/components/conversation/deep-link";
import { termsPattern } from "@/components/conversation/highlight-terms";
import { formatTime, readerHref } from "@/components/conversation/reader-links";
import { ReviewPanel } from "@/components/review/review-panel";
import { WhyRetained } from "@/components/retention/why-retained";
import { can } from "@/lib/auth/permissions";
import { highlightTerms, parseQuery } from "@/lib/search/query-parser";

export const metadata: Metadata = { title: "Conversation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(v: string | string[] | undefined): string | null {
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

const HEX = /^#[0-9a-f]{6}$/i;

export default async function ConversationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const user = await requirePermission("archive:read");
  const { id } = await params;
  const sp = await searchParams;
  // ?m=<message id> selects the branch through that message; ?page= the window of the thread; ?q= marks terms.
  const pageParam = Number(first(sp.page));
  const data = await getConversationReader(decodeURIComponent(id), { focusId: first(sp.m), page: Number.isInteger(pageParam) && pageParam > 0 ? pageParam : null });
  if (!data) notFound();
  const q = first(sp.q);
  const parsed = q ? parseQuery(q) : null;
  const pattern = termsPattern(parsed?.ok ? highlightTerms(parsed.query.tree) : []);
  const { conversation: c, window: w } = data;
  await recordAudit({
    action: "conversation.view",
    actor: user,
    target: { type: "conversation", id: c.id },
    details: { messageId: data.focusId, page: w.page, onActiveBranch: data.onActiveBranch },
  });

  const custodian = { id: c.userId, name: c.custodian?.name ?? null, email: c.custodian?.email ?? c.userEmail };
  const ctx: ThreadContext = { conversationId: c.id, q, pattern, custodian, canWrite: can(user.role, "review:write"), viewerId: user.id };
  const state = { conversationId: c.id, m: data.focusId, q };
  const windowNav = (where: string) => w.pageCount > 1 && (
    <nav aria-label={`Thread pages (${where})`} className="my-3 flex flex-wrap items-center justify-between gap-2 text-sm">
      {w.page > 1 ? (
        <Link href={readerHref({ ...state, page: w.page - 1 })} className="text-indigo-700 hover:underline">
          ← Earlier messages
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">
        Messages {(w.start + 1).toLocaleString("en-US")}–{w.end.toLocaleString("en-US")} of {data.branch.length.toLocaleString("en-US")} on this branch (page {w.page} of {w.pageCount})
      </span>
      {w.page < w.pageCount ? (
        <Link href={readerHref({ ...state, page: w.page + 1 })} className="text-indigo-700 hover:underline">
          Later messages →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/conversations" className="text-indigo-700 hover:underline">
          ← Conversations
        </Link>
      </p>
      <PageHeader
        title={c.title || "(untitled)"}
        description={
          <>
            <Link href={`/custodians/${encodeURIComponent(c.userId)}`} className="text-indigo-700 hover:underline">
              {custodian.name ? `${custodian.name} <${custodian.email ?? c.userId}>` : (custodian.email ?? c.userId)}
            </Link>
            {c.deletedAtSource && (
              <Badge tone="danger" className="ml-2">
                Deleted at source
              </Badge>
            )}
          </>
        }
      />
      <dl className="mb-4 grid grid-cols-2 gap-x-6 gap-y-2 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-6" aria-label="Conversation details">
        <div>
          <dt className="text-xs text-slate-500">Created</dt>
          <dd>{formatTime(c.createdAtSource) ?? "unknown"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Last active</dt>
          <dd>{formatTime(c.lastActiveAt) ?? "unknown"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Versions seen</dt>
          <dd>
            {c.versionsSeen.toLocaleString("en-US")} (current v{c.currentVersion})
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Messages</dt>
          <dd>
            {data.totalMessages.toLocaleString("en-US")} in {data.leafCount.toLocaleString("en-US")} branch{data.leafCount === 1 ? "" : "es"}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Legal holds</dt>
          <dd className="flex flex-wrap gap-1">
            {data.holds.length
              ? data.holds.map((h) => (
                  <Badge key={h.id} tone="warning">
                    {h.name}
                    {h.matter ? ` (${h.matter})` : ""}
                  </Badge>
                ))
              : "None"}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Tags</dt>
          <dd className="flex flex-wrap gap-1">
            {data.tags.length
              ? data.tags.map((t) => (
                  <span key={t.id} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 ring-1 ring-slate-300 ring-inset">
                    <span aria-hidden="true" className="size-2 rounded-full" style={{ backgroundColor: HEX.test(t.color) ? t.color : "#64748b" }} />
                    {t.name}
                  </span>
                ))
              : "None"}
          </dd>
        </div>
      </dl>
      {!data.onActiveBranch && (
        <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
          Showing an alternate branch (an edited prompt or a regenerated answer), not the conversation&apos;s active branch.{" "}
          <Link href={readerHref({ conversationId: c.id, q })} className="font-medium underline">
            Show the active branch
          </Link>
        </p>
      )}
      <ReviewPanel itemType="CONVERSATION" itemId={c.id} canWrite={ctx.canWrite} viewerId={user.id} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0">
          {windowNav("top")}
          {data.totalMessages === 0 && <p className="rounded-md bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200">No messages were captured for this conversation.</p>}
          <MessageThread
            messages={data.messages}
            ctx={ctx}
            start={w.start}
            label={data.onActiveBranch ? "Messages on the active branch" : "Messages on the branch through the linked message"}
          />
          {windowNav("bottom")}
        </div>
        <aside className="lg:sticky lg:top-4 lg:self-start">
          <TreeOutline roots={data.outline.roots} ctx={{ conversationId: c.id, q }} leafCount={data.leafCount} branchPointCount={data.branchPointCount} />
          <div className="mt-4">
            <WhyRetained itemType="CONVERSATION" itemId={c.id} />
          </div>
        </aside>
      </div>
      <Suspense fallback={null}>
        <MessageDeepLink />
      </Suspense>
    </>
  );
}
