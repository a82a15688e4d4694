// The /gpts and /projects lists: a GET filter form (name, owner, visibility, deleted at source), sortable
// column headers (name, last changed, versions, conversations) and keyset paging, all carried in the URL.
import Link from "next/link";
import { defaultDirection, VISIBILITIES, type ConfigurableListQuery, type ConfigurableListRow, type ListSort } from "@/lib/archive/gpts";
import { EmptyState } from "@/components/shell/empty-state";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { fieldClasses } from "@/components/ui/input";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { custodianHref, formatDateTime, visibilityLabel, type ConfigurableLabels } from "./format";

type Query = ConfigurableListQuery & { dir: "asc" | "desc" };

function filterParams(q: Query): URLSearchParams {
  const sp = new URLSearchParams();
  if (q.name) sp.set("name", q.name);
  if (q.owner) sp.set("owner", q.owner);
  if (q.visibility) sp.set("visibility", q.visibility);
  if (q.deleted) sp.set("deleted", q.deleted);
  return sp;
}

function withSort(labels: ConfigurableLabels, q: Query, sort: ListSort, dir: string, cursor?: string): string {
  const sp = filterParams(q);
  if (sort !== "changed" || dir !== defaultDirection(sort)) {
    sp.set("sort", sort);
    sp.set("dir", dir);
  }
  if (cursor) sp.set("cursor", cursor);
  return `${labels.basePath}${sp.size ? `?${sp}` : ""}`;
}

function SortHeader({ labels, q, sort, children, className }: { labels: ConfigurableLabels; q: Query; sort: ListSort; children: string; className?: string }) {
  const active = q.sort === sort;
  const nextDir = active ? (q.dir === "asc" ? "desc" : "asc") : defaultDirection(sort);
  return (
    <Th aria-sort={active ? (q.dir === "asc" ? "ascending" : "descending") : undefined} className={className}>
      <Link href={withSort(labels, q, sort, nextDir)} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
        {children}
        {active && <span aria-hidden="true">{q.dir === "asc" ? "▲" : "▼"}</span>}
        <span className="sr-only">{active ? `, sorted ${q.dir === "asc" ? "ascending" : "descending"}; sort ${nextDir === "asc" ? "ascending" : "descending"}` : `; sort by ${children.toLowerCase()}`}</span>
      </Link>
    </Th>
  );
}

export function ConfigurableList({ labels, rows, query, nextCursor, isPaged }: { labels: ConfigurableLabels; rows: ConfigurableListRow[]; query: Query; nextCursor: string | null; isPaged: boolean }) {
  const filtered = Boolean(query.name || query.owner || query.visibility || query.deleted);
  const noun = labels.lower;
  return (
    <>
      <form method="get" action={labels.basePath} role="search" aria-label={`Filter ${labels.plural}`} className="mb-4 flex flex-wrap items-end gap-3">
        {query.sort !== "changed" && <input type="hidden" name="sort" value={query.sort} />}
        {query.dir !== defaultDirection(query.sort) && <input type="hidden" name="dir" value={query.dir} />}
        <div className="space-y-1">
          <label htmlFor="filter-name" className="block text-sm font-medium text-slate-800">
            Name contains
          </label>
          <input id="filter-name" name="name" defaultValue={query.name} className={cn(fieldClasses, "w-56")} />
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-owner" className="block text-sm font-medium text-slate-800">
            Owner email
          </label>
          <input id="filter-owner" name="owner" defaultValue={query.owner} className={cn(fieldClasses, "w-56")} />
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-visibility" className="block text-sm font-medium text-slate-800">
            Visibility
          </label>
          <select id="filter-visibility" name="visibility" defaultValue={query.visibility ?? ""} className={cn(fieldClasses, "pr-8")}>
            <option value="">Any</option>
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {visibilityLabel(v)}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-800">
          <input type="checkbox" name="deleted" value="include" defaultChecked={Boolean(query.deleted)} className="size-4 rounded border-slate-300" />
          Include deleted at source
        </label>
        <button type="submit" className={buttonClasses("secondary", "md")}>
          Filter
        </button>
        {filtered && (
          <Link href={labels.basePath} className="pb-2 text-sm text-accent-700 hover:underline">
            Clear filters
          </Link>
        )}
      </form>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? `No ${labels.plural} match these filters` : isPaged ? `No more ${labels.plural}` : `No ${labels.plural} captured yet`}>
          {filtered
            ? "Try a shorter name, another owner or visibility, or include items deleted at the source."
            : `${labels.plural}, their configuration history and the conversations that used them appear here after a source has synced (Admin → Sources).`}
        </EmptyState>
      ) : (
        <Table caption={labels.plural}>
          <THead>
            <Tr>
              <SortHeader labels={labels} q={query} sort="name">
                Name
              </SortHeader>
              <Th>Owner</Th>
              <Th>Visibility</Th>
              <SortHeader labels={labels} q={query} sort="versions" className="text-right">
                Versions
              </SortHeader>
              <SortHeader labels={labels} q={query} sort="conversations" className="text-right">
                Conversations
              </SortHeader>
              <SortHeader labels={labels} q={query} sort="changed">
                Last changed
              </SortHeader>
            </Tr>
          </THead>
          <TBody>
            {rows.map((r) => (
              <Tr key={r.id}>
                <Td>
                  <Link href={`${labels.basePath}/${encodeURIComponent(r.id)}`} className="font-medium text-accent-700 hover:underline">
                    {r.name || `(unnamed ${noun})`}
                  </Link>
                  {r.deletedAtSource && (
                    <Badge tone="danger" className="ml-2">
                      Deleted at source
                    </Badge>
                  )}
                  {r.builderName && <div className="text-xs text-slate-500">Builder: {r.builderName}</div>}
                </Td>
                <Td>
                  {r.ownerId ? (
                    <Link href={custodianHref(r.ownerId)} className="text-accent-700 hover:underline">
                      {r.ownerEmail ?? r.ownerId}
                    </Link>
                  ) : (
                    (r.ownerEmail ?? "—")
                  )}
                </Td>
                <Td>{visibilityLabel(r.visibility)}</Td>
                <Td className="text-right tabular-nums">{r.versions.toLocaleString("en-US")}</Td>
                <Td className="text-right tabular-nums">{r.conversations.toLocaleString("en-US")}</Td>
                <Td>{formatDateTime(r.lastChangedAt)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {(nextCursor || isPaged) && (
        <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
          {isPaged && (
            <Link href={withSort(labels, query, query.sort, query.dir)} className="font-medium text-accent-700 hover:underline">
              ← First page
            </Link>
          )}
          {nextCursor && (
            <Link href={withSort(labels, query, query.sort, query.dir, nextCursor)} className="font-medium text-accent-700 hover:underline">
              Next page →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
