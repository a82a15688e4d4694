import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import {
  activityRangeSchema,
  getActivityHistogram,
  getCustodian,
  listMemoryTimeline,
  memoryPageOf,
  memoryFilterSchema,
  recordMemoryViews,
  type MemoryFilter,
} from "@/lib/archive/custodians";
import { conversationListQuery, defaultConversationDir, listConversations, parseListParams } from "@/lib/archive/queries";
import { recordAudit } from "@/lib/audit/audit";
import { AppError } from "@/lib/http/errors";
import { highlightTerms, parseQuery } from "@/lib/search/query-parser";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { termsPattern } from "@/components/conversation/highlight-terms";
import { ConversationTable } from "@/components/conversation/conversation-table";
import { ActivityChart } from "@/components/custodian/activity-chart";
import { FilterIssues, NextPageLink, UtcTime, withParams } from "@/components/custodian/list-controls";
import { MemoryTimeline } from "@/components/custodian/memory-timeline";
import { holdsCovering } from "@/lib/governance/holds";

export const metadata: Metadata = { title: "Custodian" };

const CONVERSATION_PAGE = 25;
const CONVERSATION_LABELS: Record<string, string> = { q: "Title", createdFrom: "Created from", createdTo: "Created to", sort: "Sort", dir: "Direction", cursor: "Page", deleted: "Include deleted" };
const MEMORY_FILTERS: { value: MemoryFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "current", label: "Current" },
  { value: "changed", label: "Changed" },
  { value: "deleted", label: "Deleted at source" },
];

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export default async function CustodianPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePermission("archive:read");
  const id = decodeURIComponent((await params).id);
  const sp = await searchParams;
  const data = await getCustodian(id);
  if (!data) notFound();
  const { user, counts, gpts } = data;

  // ?q= marks a search's terms (memory hits link here); the rest is this page's own state.
  const q = first(sp.q);
  const parsed = q ? parseQuery(q) : null;
  const pattern = termsPattern(parsed?.ok ? highlightTerms(parsed.query.tree) : []);
  const range = activityRangeSchema.parse(first(sp.range));
  const memoryFilter = memoryFilterSchema.parse(first(sp.memories));
  // ?memory=<id> (search hits, the review queue) opens the timeline page holding that memory.
  const focusMemory = first(sp.memory);
  const memoryPage =
    (!first(sp.mpage) && focusMemory ? await memoryPageOf(user.id, memoryFilter, focusMemory) : null) ?? Math.max(1, Number.parseInt(first(sp.mpage) ?? "1", 10) || 1);
  const conv = parseListParams(conversationListQuery, {
    q: sp.title,
    createdFrom: sp.createdFrom,
    createdTo: sp.createdTo,
    sort: sp.sort,
    dir: sp.dir,
    cursor: sp.cursor,
    deleted: sp.deleted,
  });
  const convQuery = { ...conv.data, userId: user.id, limit: CONVERSATION_PAGE };

  // A cursor from another order (or a mangled one) is explained and the first page shown.
  const listMine = async (): Promise<{ list: Awaited<ReturnType<typeof listConversations>>; error: string | null }> => {
    try {
      return { list: await listConversations(convQuery), error: null };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "invalid") throw err;
      return { list: await listConversations({ ...convQuery, cursor: undefined }), error: err.message };
    }
  };
  const [activity, { list: conversations, error: pageError }, timeline] = await Promise.all([
    getActivityHistogram(user.id, range),
    listMine(),
    listMemoryTimeline(user.id, memoryFilter, memoryPage),
  ]);

  await recordAudit({ action: "custodian.view", actor: viewer, target: { type: "workspace_user", id: user.id } });
  await recordMemoryViews(viewer, user.id, timeline.memories.map((m) => m.id));
  const memoryHolds = await holdsCovering(timeline.memories.map((m) => ({ itemType: "MEMORY" as const, itemId: m.id })));

  const path = `/custodians/${encodeURIComponent(user.id)}`;
  const { sort, dir } = conversations;
  const state: Record<string, string | undefined> = {
    q,
    range: range === "180" ? undefined : range,
    memories: memoryFilter === "all" ? undefined : memoryFilter,
    mpage: timeline.page > 1 ? String(timeline.page) : undefined,
    title: conv.data.q,
    createdFrom: conv.data.createdFrom,
    createdTo: conv.data.createdTo,
    deleted: conv.data.deleted ? "1" : undefined,
    sort: sort === "lastActive" ? undefined : sort,
    dir: dir === defaultConversationDir(sort) ? undefined : dir,
  };
  const convFiltered = Boolean(conv.data.q || conv.data.createdFrom || conv.data.createdTo);
  const canReview = can(viewer.role, "review:write");

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/custodians" className="text-indigo-700 hover:underline">
          ← Custodians
        </Link>
      </p>
      <PageHeader
        title={user.name || user.email}
        description={
          <>
            {user.email}
            {user.role && <> · {user.role}</>}
            {user.status && <> · {user.status}</>}
            {user.deletedAtSource && (
              <Badge tone="danger" className="ml-2">
                Removed from the workspace
              </Badge>
            )}
          </>
        }
        actions={
          <Link className="text-sm font-medium text-indigo-700 hover:underline" href={`/search?q=${encodeURIComponent(`email:${user.email}`)}`}>
            Search their items
          </Link>
        }
      />

      <section aria-label="Profile" className="mb-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-3 lg:grid-cols-6">
          <Stat label="Conversations">
            {counts.conversations.toLocaleString("en-US")}
            {counts.deletedConversations > 0 && <span className="block text-xs font-normal text-slate-500">{counts.deletedConversations.toLocaleString("en-US")} deleted at source</span>}
          </Stat>
          <Stat label="Messages">{counts.messages.toLocaleString("en-US")}</Stat>
          <Stat label="GPTs owned">{counts.gpts.toLocaleString("en-US")}</Stat>
          <Stat label="Memories">
            {counts.memories.current.toLocaleString("en-US")}
            <span className="block text-xs font-normal text-slate-500">
              {counts.memories.changed} changed · {counts.memories.deleted} deleted
            </span>
          </Stat>
          <Stat label="Last active">
            <UtcTime value={data.lastActiveAt} />
          </Stat>
          <Stat label="In workspace since">
            <UtcTime value={user.createdAtSource} />
            {user.deletedAtSource && (
              <span className="block text-xs font-normal text-slate-500">
                removed <UtcTime value={user.deletedAtSource} />
              </span>
            )}
          </Stat>
        </dl>
      </section>

      <ActivityChart data={activity} rangeHref={(r) => `${withParams(path, state, { range: r === "180" ? undefined : r })}#activity`} />

      <section aria-labelledby="conversations" className="mb-6">
        <h2 id="conversations" className="mb-2 text-base font-semibold text-slate-900">
          Conversations ({counts.conversations.toLocaleString("en-US")})
        </h2>
        <form key={JSON.stringify(state)} action={`${path}#conversations`} className="mb-3 flex flex-wrap items-end gap-3" role="search" aria-label="Filter their conversations">
          {Object.entries({ q, range: state.range, memories: state.memories, sort: state.sort, dir: state.dir }).map(([k, v]) => v && <input key={k} type="hidden" name={k} value={v} />)}
          <Input name="title" label="Title contains" defaultValue={conv.data.q} className="w-56" />
          <Input type="date" name="createdFrom" label="Created from" defaultValue={conv.data.createdFrom} />
          <Input type="date" name="createdTo" label="Created to" defaultValue={conv.data.createdTo} />
          <Checkbox name="deleted" value="1" defaultChecked={Boolean(conv.data.deleted)} label="Include deleted at source" className="mb-2" />
          <Button type="submit" size="sm" className="mb-0.5">
            Filter
          </Button>
        </form>
        <FilterIssues issues={conv.issues} labels={CONVERSATION_LABELS} />
        {pageError && (
          <Alert tone="error" className="mb-3">
            {pageError}
          </Alert>
        )}
        {conversations.conversations.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
            {convFiltered ? "No conversations match these filters." : counts.conversations ? "Only conversations deleted at source: include them to see them." : "No conversations captured for this custodian."}
          </p>
        ) : (
          <>
            <ConversationTable
              caption={`Conversations of ${user.name || user.email}`}
              showCustodian={false}
              conversations={conversations.conversations.map((c) => ({
                ...c,
                lastActiveAt: c.lastActiveAt?.toISOString() ?? null,
                createdAtSource: c.createdAtSource?.toISOString() ?? null,
                deleted: Boolean(c.deletedAtSource),
              }))}
              sort={{
                key: sort,
                dir,
                defaultDir: defaultConversationDir,
                href: (key, d) =>
                  `${withParams(path, state, { sort: key === "lastActive" ? undefined : key, dir: d === defaultConversationDir(key) ? undefined : d })}#conversations`,
              }}
            />
            <NextPageLink href={conversations.nextCursor ? `${withParams(path, state, { cursor: conversations.nextCursor })}#conversations` : null} label="More conversations" />
          </>
        )}
      </section>

      <section aria-labelledby="owned-gpts" className="mb-6">
        <h2 id="owned-gpts" className="mb-2 text-base font-semibold text-slate-900">
          GPTs owned ({gpts.length})
        </h2>
        {gpts.length === 0 ? (
          <p className="text-sm text-slate-600">They own no captured GPTs.</p>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {gpts.map((g) => (
              <li key={g.id} className="rounded-md bg-white px-2 py-1 shadow-sm ring-1 ring-slate-200">
                <Link className="text-indigo-700 hover:underline" href={`/gpts/${encodeURIComponent(g.id)}`}>
                  {g.name || g.id}
                </Link>
                {g.visibility && <span className="ml-1 text-xs text-slate-500">{g.visibility}</span>}
                {g.deletedAtSource && (
                  <Badge tone="danger" className="ml-1">
                    Deleted at source
                  </Badge>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="memories">
        <h2 id="memories" className="mb-2 text-base font-semibold text-slate-900">
          Memories ({counts.memories.all})
        </h2>
        <nav aria-label="Memory filter" className="mb-3 flex flex-wrap gap-1 text-sm">
          {MEMORY_FILTERS.map((f) => (
            <Link
              key={f.value}
              href={`${withParams(path, state, { memories: f.value === "all" ? undefined : f.value, mpage: undefined })}#memories`}
              aria-current={memoryFilter === f.value ? "true" : undefined}
              className={cn("rounded px-2 py-0.5", memoryFilter === f.value ? "bg-slate-900 text-white" : "text-indigo-700 hover:bg-slate-100")}
            >
              {f.label} ({counts.memories[f.value]})
            </Link>
          ))}
        </nav>
        {timeline.memories.length === 0 ? (
          <p className="text-sm text-slate-600">{counts.memories.all === 0 ? "No memories captured." : "No memories match this filter."}</p>
        ) : (
          <>
            <MemoryTimeline memories={timeline.memories.map((m, i) => ({ ...m, holds: memoryHolds[i].holds }))} pattern={pattern} labelledBy="memories" review={{ canWrite: canReview, viewerId: viewer.id }} />
            {timeline.pageCount > 1 && (
              <nav aria-label="Memory pages" className="mt-3 flex items-center gap-4 text-sm">
                {timeline.page > 1 && (
                  <Link className="text-indigo-700 hover:underline" href={`${withParams(path, state, { mpage: timeline.page > 2 ? String(timeline.page - 1) : undefined })}#memories`}>
                    ← Newer memories
                  </Link>
                )}
                <span className="text-slate-500">
                  Page {timeline.page} of {timeline.pageCount}
                </span>
                {timeline.page < timeline.pageCount && (
                  <Link className="text-indigo-700 hover:underline" href={`${withParams(path, state, { mpage: String(timeline.page + 1) })}#memories`}>
                    Older memories →
                  </Link>
                )}
              </nav>
            )}
          </>
        )}
      </section>
    </>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold text-slate-900 tabular-nums">{children}</dd>
    </div>
  );
}
