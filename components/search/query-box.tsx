"use client";
// The search box: query text, sort, Search. A query that does not parse is never sent: the error shows
// under the box with the offending part of the text underlined, and the caret is put on it.
import type { FormEvent, ReactNode, Ref } from "react";
import type { QueryParseError } from "@/lib/search/query-parser";
import type { SearchSort } from "@/lib/search/types";
import { SEARCH_SORTS } from "@/lib/search/schemas";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { fieldClasses } from "@/components/ui/input";
import { sortLabels } from "./hit-format";

export type QueryBoxError = { text: string; error: QueryParseError };

export function QueryBox({
  draft,
  onDraftChange,
  sort,
  onSortChange,
  onSubmit,
  error,
  inputRef,
  isSearching,
  actions,
}: {
  draft: string;
  onDraftChange: (text: string) => void;
  sort: SearchSort;
  onSortChange: (sort: SearchSort) => void;
  onSubmit: () => void;
  error: QueryBoxError | null;
  inputRef: Ref<HTMLInputElement>;
  isSearching: boolean;
  actions?: ReactNode;
}) {
  function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    onSubmit();
  }

  return (
    <div className="space-y-2">
      <form role="search" aria-label="Search the archive" onSubmit={handleSubmit} className="flex flex-col gap-2 lg:flex-row lg:items-end">
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor="search-query" className="block text-sm font-medium text-slate-800">
            Search query
          </label>
          <input
            ref={inputRef}
            id="search-query"
            type="search"
            value={draft}
            onChange={(e) => onDraftChange(e.target.value)}
            placeholder='e.g. "quarterly budget" role:assistant after:2025-01-01'
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "search-query-error" : "search-query-hint"}
            className={cn(fieldClasses, "font-mono", error && "ring-red-500 focus:ring-red-600")}
          />
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor="search-sort" className="block text-sm font-medium text-slate-800">
              Sort
            </label>
            <select id="search-sort" value={sort} onChange={(e) => onSortChange(e.target.value as SearchSort)} className={cn(fieldClasses, "w-40 pr-8")}>
              {SEARCH_SORTS.map((s) => (
                <option key={s} value={s}>
                  {sortLabels[s]}
                </option>
              ))}
            </select>
          </div>
          {/* Never disabled while a search runs: a disabled default button would block Enter in the box. */}
          <Button type="submit" aria-busy={isSearching || undefined}>
            Search
          </Button>
          {actions}
        </div>
      </form>
      {error ? (
        <QueryErrorMessage error={error} />
      ) : (
        <p id="search-query-hint" className="text-xs text-slate-500">
          Words, &quot;phrases&quot;, -exclusions, OR, parentheses and filters such as user:, role:, type:, after:. Leave it empty to browse
          everything, newest first.
        </p>
      )}
    </div>
  );
}

function QueryErrorMessage({ error: { text, error } }: { error: QueryBoxError }) {
  const start = Math.min(Math.max(error.position, 0), text.length);
  const end = Math.min(start + Math.max(error.length, 0), text.length);
  const before = text.slice(0, start);
  const bad = text.slice(start, end);
  const after = text.slice(end);
  return (
    <div id="search-query-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 ring-inset">
      <p className="font-medium">{error.message}</p>
      {text.trim() !== "" && (
        <p className="mt-1 font-mono text-xs break-all whitespace-pre-wrap text-slate-700">
          <span>{before}</span>
          <u data-query-error-span="" className="bg-red-100 text-red-900 decoration-red-600 decoration-wavy decoration-2 underline-offset-4">
            {bad || "\u00a0"}
          </u>
          <span>{after}</span>
        </p>
      )}
    </div>
  );
}
