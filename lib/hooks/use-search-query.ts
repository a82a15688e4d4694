// react-query wrappers for /api/v1/search (cursor-paged results; facets come with the first page) and
// /api/v1/saved-searches. Results are keyed by the query text and sort exactly as the URL holds them.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateSavedSearchForm, SavedSearchView, SearchResponse, UpdateSavedSearchInput } from "@/lib/search/schemas";
import { SEARCH_PAGE_SIZE } from "@/lib/search/schemas";
import type { SearchSort } from "@/lib/search/types";
import { fetchJson } from "./fetch-json";

export type { SavedSearchView, SearchHitView, SearchResponse } from "@/lib/search/schemas";

export const searchKeys = {
  all: ["search"] as const,
  results: (q: string, sort: SearchSort) => ["search", "results", { q, sort }] as const,
  saved: () => ["saved-searches"] as const,
};

/** Results for `q` (blank = browse). `enabled: false` while the text is known not to parse. */
export function useSearchResults({ q, sort, enabled = true }: { q: string; sort: SearchSort; enabled?: boolean }) {
  return useInfiniteQuery({
    queryKey: searchKeys.results(q, sort),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ q, sort, limit: String(SEARCH_PAGE_SIZE) });
      if (pageParam) params.set("cursor", pageParam);
      return fetchJson<SearchResponse>(`/api/v1/search?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    // Each request is audited; don't re-run every loaded page behind the reviewer.
    staleTime: 60_000,
  });
}

export function useSavedSearches() {
  return useQuery({
    queryKey: searchKeys.saved(),
    queryFn: ({ signal }) => fetchJson<{ savedSearches: SavedSearchView[] }>("/api/v1/saved-searches", { signal }),
    select: (data) => data.savedSearches,
  });
}

function savedSearchUrl(id: string, suffix = ""): string {
  return `/api/v1/saved-searches/${encodeURIComponent(id)}${suffix}`;
}

export function useCreateSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSavedSearchForm) => fetchJson<{ savedSearch: SavedSearchView }>("/api/v1/saved-searches", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: searchKeys.saved() }),
  });
}

export function useUpdateSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateSavedSearchInput & { id: string }) =>
      fetchJson<{ savedSearch: SavedSearchView }>(savedSearchUrl(id), { method: "PATCH", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: searchKeys.saved() }),
  });
}

export function useDeleteSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ ok: true }>(savedSearchUrl(id), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: searchKeys.saved() }),
  });
}

/** Records a rerun (lastRunAt); fire-and-forget from the list, which refreshes when it lands. */
export function useMarkSavedSearchRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ savedSearch: SavedSearchView }>(savedSearchUrl(id, "/run"), { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: searchKeys.saved() }),
  });
}
