"use client";
// Index health for the admin page, polled while a reindex runs or the outbox has work waiting.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/hooks/fetch-json";
import type { IndexHealth } from "@/lib/search/indexer";

export type { IndexHealth };

const key = ["search-index"] as const;

export function isReindexActive(health: IndexHealth | undefined): boolean {
  return health?.reindex?.status === "QUEUED" || health?.reindex?.status === "RUNNING";
}

export function useIndexHealth() {
  return useQuery({
    queryKey: key,
    queryFn: () => fetchJson<{ health: IndexHealth }>("/api/v1/search-index").then((r) => r.health),
    refetchInterval: (query) => (isReindexActive(query.state.data) ? 1000 : (query.state.data?.pending ?? 0) > 0 ? 5000 : 30_000),
  });
}

export function useStartReindex() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<{ runId: string }>("/api/v1/search-index/reindex", { method: "POST", body: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}
