import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { conversationListQuery, defaultConversationDir, listConversations, parseListParams, type ConversationSort, type SortDir } from "@/lib/archive/queries";
import { AppError } from "@/lib/http/errors";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ConversationTable } from "@/components/conversation/conversation-table";
import { FilterIssues, NextPageLink, withParams } from "@/components/custodian/list-controls";

export const metadata: Metadata = { title: "Conversations" };

const FIELD_LABELS: Record<string, string> = {
  q: "Title",
  custodian: "Custodian",
  userId: "Custodian id",
  gpt: "GPT id",
  project: "Project id",
  createdFrom: "Created from",
  createdTo: "Created to",
  activeFrom: "Last active from",
  activeTo: "Last active to",
  deleted: "Include deleted",
  sort: "Sort",
  dir: "Direction",
  limit: "Page size",
  cursor: "Page",
};

const SORT_OPTIONS: { value: ConversationSort; label: string }[] = [
  { value: "lastActive", label: "Last active" },
  { value: "created", label: "Created" },
  { value: "messages", label: "Messages" },
  { value: "title", label: "Title" },
];

const SORT_PHRASES: Record<ConversationSort, Record<SortDir, string>> = {
  lastActive: { desc: "most recently active first", asc: "least recently active first" },
  created: { desc: "newest first", asc: "oldest first" },
  messages: { desc: "most messages first", asc: "fewest messages first" },
  title: { asc: "by title, A to Z", desc: "by title, Z to A" },
};

export default async function ConversationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("archive:read");
  const { data: query, issues } = parseListParams(conversationListQuery, await searchParams);
  let pageError: string | null = null;
  let result: Awaited<ReturnType<typeof listConversations>>;
  try {
    result = await listConversations(query);
  } catch (err) {
    // A cursor from another order (or a mangled one): say so and show the first page.
    if (!(err instanceof AppError) || err.code !== "invalid") throw err;
    pageError = err.message;
    result = await listConversations({ ...query, cursor: undefined });
  }
  const { conversations, nextCursor, sort, dir } = result;
  // The list state without the page: filters plus the order when it is not the default.
  const current: Record<string, string | undefined> = {
    q: query.q,
    custodian: query.custodian,
    userId: query.userId,
    gpt: query.gpt,
    project: query.project,
    createdFrom: query.createdFrom,
    createdTo: query.createdTo,
    activeFrom: query.activeFrom,
    activeTo: query.activeTo,
    deleted: query.deleted ? "1" : undefined,
    sort: sort === "lastActive" ? undefined : sort,
    dir: dir === defaultConversationDir(sort) ? undefined : dir,
    limit: query.limit === 50 ? undefined : String(query.limit),
  };
  const filtered = Boolean(query.q || query.custodian || query.userId || query.gpt || query.project || query.createdFrom || query.createdTo || query.activeFrom || query.activeTo);
  return (
    <>
      <PageHeader title="Conversations" description={`Captured ChatGPT Enterprise conversations, ${SORT_PHRASES[sort][dir]}.`} />
      {/* Keyed by the list state: uncontrolled fields must show the new URL's values after a client navigation. */}
      <form key={JSON.stringify(current)} className="mb-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" role="search" aria-label="Filter conversations" action="/conversations">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Input name="q" label="Title contains" defaultValue={query.q} placeholder="Title contains…" />
          <Input name="custodian" label="Custodian" defaultValue={query.custodian} placeholder="E-mail or user id" />
          <Input name="gpt" label="GPT id" defaultValue={query.gpt} placeholder="g-…" />
          <Input name="project" label="Project id" defaultValue={query.project} placeholder="g-p-…" />
          <Input type="date" name="createdFrom" label="Created from" defaultValue={query.createdFrom} />
          <Input type="date" name="createdTo" label="Created to" defaultValue={query.createdTo} />
          <Input type="date" name="activeFrom" label="Last active from" defaultValue={query.activeFrom} />
          <Input type="date" name="activeTo" label="Last active to" defaultValue={query.activeTo} />
          <Select name="sort" label="Sort by" defaultValue={sort} options={SORT_OPTIONS} />
          <Select
            name="dir"
            label="Order"
            defaultValue={query.dir ?? ""}
            options={[
              { value: "", label: "Default for the sort" },
              { value: "desc", label: "Descending" },
              { value: "asc", label: "Ascending" },
            ]}
          />
          {query.userId && <input type="hidden" name="userId" value={query.userId} />}
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-4">
          <Checkbox name="deleted" value="1" defaultChecked={Boolean(query.deleted)} label="Include conversations deleted at source" />
          <Button type="submit" size="sm">
            Apply
          </Button>
          {(filtered || query.deleted) && (
            <Link href="/conversations" className="text-sm text-indigo-700 hover:underline">
              Clear filters
            </Link>
          )}
        </div>
      </form>
      {query.userId && (
        <p className="mb-3 text-sm text-slate-700">
          Only the conversations of custodian <span className="font-mono">{query.userId}</span> ·{" "}
          <Link href={`/custodians/${encodeURIComponent(query.userId)}`} className="text-indigo-700 hover:underline">
            open their page
          </Link>{" "}
          ·{" "}
          <Link href={withParams("/conversations", current, { userId: undefined })} className="text-indigo-700 hover:underline">
            show everyone&apos;s
          </Link>
        </p>
      )}
      <FilterIssues issues={issues} labels={FIELD_LABELS} />
      {pageError && (
        <Alert tone="error" className="mb-4">
          {pageError}
        </Alert>
      )}
      {conversations.length === 0 ? (
        <EmptyState title={filtered || query.cursor ? "No matching conversations" : "No conversations captured yet"}>
          {filtered ? (
            <>
              Nothing matches these filters{query.deleted ? "" : " (conversations deleted at source are hidden unless included)"}.{" "}
              <Link href="/conversations" className="text-indigo-700 hover:underline">
                Clear filters
              </Link>
            </>
          ) : (
            "Conversations appear here once a source has synced (Admin → Sources)."
          )}
        </EmptyState>
      ) : (
        <>
          <ConversationTable
            conversations={conversations.map((c) => ({
              ...c,
              lastActiveAt: c.lastActiveAt?.toISOString() ?? null,
              createdAtSource: c.createdAtSource?.toISOString() ?? null,
              deleted: Boolean(c.deletedAtSource),
            }))}
            sort={{
              key: sort,
              dir,
              defaultDir: defaultConversationDir,
              href: (key, d) => withParams("/conversations", current, { sort: key === "lastActive" ? undefined : key, dir: d === defaultConversationDir(key) ? undefined : d }),
            }}
          />
          <NextPageLink href={nextCursor ? withParams("/conversations", current, { cursor: nextCursor }) : null} />
        </>
      )}
    </>
  );
}
