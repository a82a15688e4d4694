import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { conversationListQuery, listConversations } from "@/lib/archive/queries";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";
import { ConversationTable } from "@/components/conversation/conversation-table";

export const metadata: Metadata = { title: "Conversations" };

export default async function ConversationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("archive:read");
  const parsed = conversationListQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const { conversations, nextCursor } = await listConversations(query);
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.custodian) params.set("custodian", query.custodian);
  return (
    <>
      <PageHeader title="Conversations" description="Captured ChatGPT Enterprise conversations, most recently active first." />
      <form className="mb-4 flex flex-wrap gap-2" role="search" aria-label="Filter conversations">
        <label className="sr-only" htmlFor="conv-q">Title contains</label>
        <input id="conv-q" name="q" defaultValue={query.q} placeholder="Title contains…" className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <label className="sr-only" htmlFor="conv-custodian">Custodian</label>
        <input id="conv-custodian" name="custodian" defaultValue={query.custodian} placeholder="Custodian email…" className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <button className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">Filter</button>
      </form>
      {conversations.length === 0 ? (
        <EmptyState title={query.q || query.custodian || query.cursor ? "No matching conversations" : "No conversations captured yet"}>
          Conversations appear here once a source has synced (Admin → Sources).
        </EmptyState>
      ) : (
        <>
          <ConversationTable conversations={conversations.map((c) => ({ ...c, lastActiveAt: c.lastActiveAt?.toISOString() ?? null, deleted: Boolean(c.deletedAtSource) }))} />
          {nextCursor && (
            <div className="mt-4">
              <Link className="text-sm font-medium text-indigo-700 hover:underline" href={`/conversations?${new URLSearchParams([...params, ["cursor", nextCursor]])}`}>
                Next page →
              </Link>
            </div>
          )}
        </>
      )}
    </>
  );
}
