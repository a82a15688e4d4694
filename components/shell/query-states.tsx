// The states every data view shares: loading, failed (with the API's message and a Retry), and the
// "Load more" footer of keyset-paged lists. One look and one accessible behaviour everywhere.
"use client";

import type { ReactNode } from "react";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { Alert } from "@/components/ui/alert";
import { Button, Spinner } from "@/components/ui/button";

export function Loading({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="flex items-center gap-2 py-6 text-sm text-slate-600">
      <Spinner /> {children}
    </p>
  );
}

export function LoadError({ title, error, onRetry }: { title: ReactNode; error: unknown; onRetry: () => void }) {
  return (
    <Alert tone="error" title={title}>
      <span className="font-normal">{getErrorMessage(error)}</span>{" "}
      <Button variant="ghost" size="sm" onClick={onRetry}>
        Retry
      </Button>
    </Alert>
  );
}

type InfiniteLike = { hasNextPage: boolean; isFetchingNextPage: boolean; isFetchNextPageError: boolean; error: unknown; fetchNextPage: () => unknown };

/** Footer of a paged list: how much is shown, a paging error if any, and "Load more" while there is more. */
export function LoadMore({ query, summary }: { query: InfiniteLike; summary: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2">
      <p role="status" className="text-xs text-slate-500">
        {summary}
      </p>
      {query.isFetchNextPageError && <Alert tone="error">{getErrorMessage(query.error)}</Alert>}
      {query.hasNextPage && (
        <Button variant="secondary" onClick={() => void query.fetchNextPage()} isLoading={query.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </div>
  );
}
