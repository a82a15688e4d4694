"use client";
// The search page. The URL (`?q=…&sort=…`) is the state: submitting, a filter control, a facet or a
// saved search pushes a new URL, so back/forward and reload restore the search. Every control edits the
// query text (lib/search/query-edit.ts); a text that does not parse is reported in place and never sent.
import { useRef, useState } from "react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { isApiError } from "@/lib/hooks/fetch-json";
import { useSearchResults } from "@/lib/hooks/use-search-query";
import { parseQuery, type QueryParseError } from "@/lib/search/query-parser";
import { addFacetFilter, hasFacetFilter, readPanelValues, removeFacetFilter, setPanelFilter, type PanelField, type QueryEditResult } from "@/lib/search/query-edit";
import { searchSortSchema } from "@/lib/search/schemas";
import type { FacetName, SearchSort } from "@/lib/search/types";
import { EmptyState } from "@/components/shell/empty-state";
import { LoadMore, Loading } from "@/components/shell/query-states";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { FacetList } from "./facet-list";
import { FilterPanel, type PanelChanges } from "./filter-panel";
import { formatCount, formatTotal, searchHref } from "./hit-format";
import { QueryBox, type QueryBoxError } from "./query-box";
import { SavedSearchesPanel } from "./saved-searches-panel";
import { SaveSearchDialog } from "./save-search-dialog";
import { SearchHelp } from "./search-help";
import { SearchHit } from "./search-hit";
import { SelectionBar } from "./selection-bar";
import { NewExportDialog } from "@/components/exports/new-export-dialog";
import type { BulkTarget } from "@/components/review/bulk-review";
import type { SearchHitDocument } from "@/lib/search/schemas";
import { DOCUMENT_ITEM_TYPES } from "@/lib/search/types";

/** A hit as a review target: the item itself, and the conversation or GPT that contains it. */
function bulkTarget(doc: SearchHitDocument): BulkTarget {
  const container =
    doc.type === "gpt" && doc.gptId
      ? ({ itemType: "GPT", itemId: doc.gptId } as const)
      : (doc.type === "message" || doc.type === "file") && doc.conversationId
        ? ({ itemType: "CONVERSATION", itemId: doc.conversationId } as const)
        : null;
  return { item: { itemType: DOCUMENT_ITEM_TYPES[doc.type], itemId: doc.itemId }, container };
}

function parseError(text: string): QueryParseError | null {
  if (text.trim() === "") return null;
  const parsed = parseQuery(text);
  return parsed.ok ? null : parsed.error;
}

export function SearchView({ viewer }: { viewer: { id: string; canReview: boolean; canExport: boolean; canHold: boolean } }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const q = searchParams.get("q") ?? "";
  const sortParam = searchSortSchema.safeParse(searchParams.get("sort") ?? "relevance");
  const sort: SearchSort = sortParam.success ? sortParam.data : "relevance";
  const urlError = parseError(q);

  const { toast } = useToast();
  const inputRef = useRef<HTMLInputElement>(null);
  // The box's text follows the URL (back/forward, facets, saved searches) and is free to edit in between.
  const [draftState, setDraftState] = useState({ q, draft: q, attempt: null as QueryBoxError | null });
  if (draftState.q !== q) setDraftState({ q, draft: q, attempt: null });
  const draft = draftState.q === q ? draftState.draft : q;
  const attempt = draftState.q === q ? draftState.attempt : null;
  const setDraft = (text: string) => setDraftState({ q, draft: text, attempt: null });

  // The error shown under the box: the last rejected attempt while its text is still there, otherwise
  // the URL's own query when it does not parse (a hand-edited or outdated link).
  const boxError: QueryBoxError | null =
    attempt && attempt.text === draft ? attempt : urlError && draft === q ? { text: q, error: urlError } : null;

  const [selection, setSelection] = useState({ key: `${sort}\n${q}`, ids: new Set<string>() });
  const selectionKey = `${sort}\n${q}`;
  if (selection.key !== selectionKey) setSelection({ key: selectionKey, ids: new Set() });
  const selected = selection.key === selectionKey ? selection.ids : new Set<string>();
  const [isSaveOpen, setIsSaveOpen] = useState(false);
  const [isExportOpen, setIsExportOpen] = useState(false);

  const results = useSearchResults({ q, sort, enabled: urlError === null });
  const pages = results.data?.pages ?? [];
  const first = pages[0];
  const hits = pages.flatMap((p) => p.hits);
  const facets = first?.facets ?? null;

  function focusError(error: QueryParseError) {
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    input.setSelectionRange(error.position, error.position + error.length);
  }

  /** Runs `text` (when it parses) by pushing its URL; otherwise shows where it fails. */
  function submit(text: string, nextSort: SearchSort = sort) {
    const error = parseError(text);
    if (error) {
      setDraftState({ q, draft: text, attempt: { text, error } });
      requestAnimationFrame(() => focusError(error));
      return;
    }
    const href = searchHref(text.trim(), nextSort);
    if (text.trim() === q && nextSort === sort) {
      // Same search again: fetch fresh results rather than pushing an identical history entry.
      setDraftState({ q, draft: text, attempt: null });
      void results.refetch();
      return;
    }
    router.push(href);
  }

  function applyEdit(result: QueryEditResult) {
    if (result.ok) submit(result.text);
    else {
      setDraftState({ q, draft: result.text, attempt: { text: result.text, error: result.error } });
      requestAnimationFrame(() => focusError(result.error));
    }
  }

  function onPanelChange(changes: PanelChanges) {
    let result: QueryEditResult = { ok: true, text: draft };
    for (const [field, value] of Object.entries(changes) as [PanelField, string | null][]) {
      if (!result.ok) break;
      result = setPanelFilter(result.text, field, value);
    }
    applyEdit(result);
  }

  function onFacetToggle(facet: FacetName, value: string, active: boolean) {
    applyEdit(active ? removeFacetFilter(draft, facet, value) : addFacetFilter(draft, facet, value));
  }

  function toggleHit(id: string, on: boolean) {
    const ids = new Set(selected);
    if (on) ids.add(id);
    else ids.delete(id);
    setSelection({ key: selectionKey, ids });
  }

  const selectedTargets = hits.filter((h) => selected.has(h.document.id)).map((h) => bulkTarget(h.document));
  const allLoadedSelected = hits.length > 0 && hits.every((h) => selected.has(h.document.id));
  const someLoadedSelected = hits.some((h) => selected.has(h.document.id));

  async function copyIds() {
    const ids = [...selected];
    try {
      await navigator.clipboard.writeText(ids.join("\n"));
      toast({ tone: "success", title: `Copied ${formatCount(ids.length)} id${ids.length === 1 ? "" : "s"}` });
    } catch {
      toast({ tone: "error", title: "Could not copy to the clipboard", description: "Your browser refused access to the clipboard." });
    }
  }

  const canSave = q.trim() !== "" && urlError === null;
  const panelValues = readPanelValues(q);

  return (
    <div className="space-y-4">
      <QueryBox
        draft={draft}
        onDraftChange={setDraft}
        sort={sort}
        onSortChange={(next) => submit(draft, next)}
        onSubmit={() => submit(draft)}
        error={boxError}
        inputRef={inputRef}
        isSearching={results.isFetching && !results.isFetchingNextPage}
        actions={
          <>
            <Button variant="secondary" onClick={() => setIsSaveOpen(true)} disabled={!canSave} title={canSave ? undefined : "Run a search first"}>
              Save search
            </Button>
            {viewer.canHold && (
              <Link href={`/holds/new?${new URLSearchParams({ q: q.trim() })}`} className={buttonClasses("secondary", "md", canSave ? undefined : "pointer-events-none opacity-50")} aria-disabled={!canSave}>
                Place hold
              </Link>
            )}
            {viewer.canExport && (
              <Button variant="secondary" onClick={() => setIsExportOpen(true)} disabled={!canSave} title={canSave ? undefined : "Run a search first"}>
                Export results
              </Button>
            )}
            <SearchHelp />
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <aside className="space-y-4" aria-label="Filters and saved searches">
          <FilterPanel values={panelValues} facets={facets} onChange={onPanelChange} />
          {facets && (
            <FacetList facets={facets} estimated={first?.totalIsExact === false} isActive={(facet, value) => hasFacetFilter(q, facet, value)} onToggle={onFacetToggle} />
          )}
          <SavedSearchesPanel current={canSave ? { query: q.trim(), sort } : null} />
        </aside>

        <section aria-label="Results" className="min-w-0 space-y-3">
          {urlError ? (
            <EmptyState title="Fix the query to search">The query above has a syntax error; correct it and press Enter.</EmptyState>
          ) : results.isPending ? (
            <Loading>Searching…</Loading>
          ) : results.isError && hits.length === 0 ? (
            <SearchError error={results.error} onRetry={() => void results.refetch()} />
          ) : hits.length === 0 ? (
            <EmptyState title={q.trim() ? `No results for “${q.trim()}”` : "Nothing is indexed yet"}>
              {q.trim()
                ? "Check the spelling, remove a filter or an exclusion, or try fewer words."
                : "Archived conversations, GPTs and memories appear here once a source has synced and been indexed."}
            </EmptyState>
          ) : (
            <>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p role="status" className="text-sm font-medium text-slate-800" data-testid="search-total">
                  {first ? formatTotal(first.total, first.totalIsExact) : null}
                </p>
                <SelectAll
                  checked={allLoadedSelected}
                  indeterminate={someLoadedSelected && !allLoadedSelected}
                  count={hits.length}
                  onChange={(on) => setSelection({ key: selectionKey, ids: on ? new Set([...selected, ...hits.map((h) => h.document.id)]) : new Set() })}
                />
              </div>
              <ol className="space-y-3" aria-label="Search results">
                {hits.map((hit) => (
                  <li key={hit.document.id}>
                    <SearchHit hit={hit} q={q} selected={selected.has(hit.document.id)} onSelect={(on) => toggleHit(hit.document.id, on)} />
                  </li>
                ))}
              </ol>
              <LoadMore query={results} summary={`Showing ${formatCount(hits.length)} of ${first ? formatTotal(first.total, first.totalIsExact) : ""}`} />
            </>
          )}
          <SelectionBar
            count={selected.size}
            onClear={() => setSelection({ key: selectionKey, ids: new Set() })}
            onCopyIds={() => void copyIds()}
            review={viewer.canReview ? { targets: selectedTargets, viewerId: viewer.id } : null}
            exportItems={viewer.canExport ? selectedTargets.map((t) => t.item) : null}
            holdItems={viewer.canHold ? selectedTargets.map((t) => t.item) : null}
          />
        </section>
      </div>

      {/* Dialogs live outside the query box's <form>: a form inside it would submit the search too. */}
      {canSave && <SaveSearchDialog open={isSaveOpen} onClose={() => setIsSaveOpen(false)} query={q.trim()} sort={sort} />}
      {canSave && viewer.canExport && <NewExportDialog open={isExportOpen} onClose={() => setIsExportOpen(false)} target={{ kind: "SEARCH", params: { query: q.trim(), sort } }} />}
    </div>
  );
}

function SelectAll({ checked, indeterminate, count, onChange }: { checked: boolean; indeterminate: boolean; count: number; onChange: (on: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input
        type="checkbox"
        checked={checked}
        ref={(el) => {
          if (el) el.indeterminate = indeterminate;
        }}
        onChange={(e) => onChange(e.target.checked)}
        className="size-4 rounded border-slate-300 accent-accent-600"
      />
      Select all loaded ({formatCount(count)})
    </label>
  );
}

function SearchError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const status = isApiError(error) ? error.status : 0;
  const message = error instanceof Error ? error.message : "Something went wrong.";
  const title = status === 503 ? null : status === 400 ? "The search could not run" : "Search failed";
  return (
    <Alert tone="error" title={title ?? message}>
      {title && <span className="font-normal">{message}</span>}{" "}
      <Button variant="ghost" size="sm" onClick={onRetry}>
        Retry
      </Button>
    </Alert>
  );
}
