// react-query wrappers for /api/v1/sources, their authorizations, sync runs and capture errors.
// Keys nest under ["sources"] so one invalidation can refresh a source and everything shown with it;
// a sync run is also cached under ["sync-runs", id] because it is polled on its own while it runs.
import { useCallback } from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { CreateSourceInput, UpdateSourceInput } from "@/lib/sources/schemas";
import { fetchJson } from "./fetch-json";

export type {
  AuthorizationStatus,
  RunStatus,
  RunTrigger,
  HealthState,
  CaptureErrorKind,
  AuthorizationSummary,
  StreamSummary,
  RunProgress,
  RunSummary,
  SourceCounts,
  SourceSummary,
  CaptureErrorRow,
} from "@/lib/sources/types";
import type { AuthorizationSummary, CaptureErrorKind, CaptureErrorRow, RunStatus, RunSummary, SourceSummary } from "@/lib/sources/types";

export type CaptureErrorPage = { errors: CaptureErrorRow[]; nextCursor: string | null };
export type CaptureErrorFilters = { kind?: CaptureErrorKind; unresolved?: boolean };

export const sourceKeys = {
  all: ["sources"] as const,
  list: () => ["sources", "list"] as const,
  detail: (id: string) => ["sources", "detail", id] as const,
  runs: (id: string) => ["sources", "detail", id, "runs"] as const,
  captureErrors: (id: string, filters?: CaptureErrorFilters) =>
    filters ? (["sources", "detail", id, "capture-errors", filters] as const) : (["sources", "detail", id, "capture-errors"] as const),
  run: (runId: string) => ["sync-runs", runId] as const,
};

export function isRunActive(status: RunStatus | null | undefined): boolean {
  return status === "QUEUED" || status === "RUNNING";
}

const RUNS_LIMIT = 20;
const CAPTURE_ERRORS_PAGE_SIZE = 50;

function sourceUrl(id: string, suffix = ""): string {
  return `/api/v1/sources/${encodeURIComponent(id)}${suffix}`;
}

/** A source changed: refresh its own row (not its runs or errors) and the list. */
function invalidateSource(queryClient: QueryClient, id: string) {
  void queryClient.invalidateQueries({ queryKey: sourceKeys.detail(id), exact: true });
  void queryClient.invalidateQueries({ queryKey: sourceKeys.list() });
}

export function useSources() {
  return useQuery({
    queryKey: sourceKeys.list(),
    queryFn: ({ signal }) => fetchJson<{ sources: SourceSummary[] }>("/api/v1/sources", { signal }),
    select: (data) => data.sources,
  });
}

export function useSource(id: string) {
  return useQuery({
    queryKey: sourceKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<{ source: SourceSummary }>(sourceUrl(id), { signal }),
    select: (data) => data.source,
  });
}

export function useCreateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSourceInput) => fetchJson<{ source: SourceSummary }>("/api/v1/sources", { method: "POST", body: input }),
    onSuccess: ({ source }) => {
      queryClient.setQueryData(sourceKeys.detail(source.id), { source });
      void queryClient.invalidateQueries({ queryKey: sourceKeys.list() });
    },
  });
}

export function useUpdateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateSourceInput & { id: string }) =>
      fetchJson<{ source: SourceSummary }>(sourceUrl(id), { method: "PATCH", body: input }),
    onSuccess: ({ source }) => {
      queryClient.setQueryData(sourceKeys.detail(source.id), { source });
      void queryClient.invalidateQueries({ queryKey: sourceKeys.list() });
    },
  });
}

export function useCreateAuthorization() {
  const queryClient = useQueryClient();
  return useMutation({
    // The server tests the key before storing it; a rejected key comes back as a 400 with a human message.
    mutationFn: ({ sourceId, secret }: { sourceId: string; secret: string }) =>
      fetchJson<{ authorization: AuthorizationSummary }>(sourceUrl(sourceId, "/authorizations"), { method: "POST", body: { secret } }),
    onSuccess: (_data, { sourceId }) => invalidateSource(queryClient, sourceId),
  });
}

export function useDeleteAuthorization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sourceId, authorizationId }: { sourceId: string; authorizationId: string }) =>
      fetchJson<{ ok: true }>(sourceUrl(sourceId, `/authorizations/${encodeURIComponent(authorizationId)}`), { method: "DELETE" }),
    onSuccess: (_data, { sourceId }) => invalidateSource(queryClient, sourceId),
  });
}

export function useStartSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sourceId, full }: { sourceId: string; full?: boolean }) =>
      fetchJson<{ run: RunSummary }>(sourceUrl(sourceId, "/sync"), { method: "POST", body: full ? { full: true } : {} }),
    onSuccess: ({ run }, { sourceId }) => {
      // Seed the poller so the progress panel renders at once, before the first poll answers.
      queryClient.setQueryData(sourceKeys.run(run.id), { run });
      void queryClient.invalidateQueries({ queryKey: sourceKeys.runs(sourceId) });
      invalidateSource(queryClient, sourceId);
    },
  });
}

export function useSourceRuns(sourceId: string) {
  return useQuery({
    queryKey: sourceKeys.runs(sourceId),
    queryFn: ({ signal }) => fetchJson<{ runs: RunSummary[] }>(`${sourceUrl(sourceId, "/runs")}?limit=${RUNS_LIMIT}`, { signal }),
    select: (data) => data.runs,
    // Keep the history live while any listed run is still queued or running.
    refetchInterval: (query) => (query.state.data?.runs.some((r) => isRunActive(r.status)) ? 2000 : false),
  });
}

export function useSyncRun(runId: string | null) {
  return useQuery({
    queryKey: sourceKeys.run(runId ?? ""),
    queryFn: ({ signal }) => fetchJson<{ run: RunSummary }>(`/api/v1/sync-runs/${encodeURIComponent(runId ?? "")}`, { signal }),
    select: (data) => data.run,
    enabled: runId !== null,
    staleTime: 0,
    refetchInterval: (query) => (isRunActive(query.state.data?.run.status) ? 1000 : false),
    refetchIntervalInBackground: false,
  });
}

/** After a run ends, everything derived from it (counts, health, history, errors) may have changed. */
export function useRefreshAfterRun() {
  const queryClient = useQueryClient();
  return useCallback(
    (sourceId: string) => {
      void queryClient.invalidateQueries({ queryKey: sourceKeys.detail(sourceId) });
      void queryClient.invalidateQueries({ queryKey: sourceKeys.list() });
    },
    [queryClient],
  );
}

export function useCaptureErrors(sourceId: string, filters: CaptureErrorFilters) {
  const kind = filters.kind;
  const unresolved = filters.unresolved ?? false;
  return useInfiniteQuery({
    queryKey: sourceKeys.captureErrors(sourceId, { kind, unresolved }),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(CAPTURE_ERRORS_PAGE_SIZE) });
      if (pageParam) params.set("cursor", pageParam);
      if (kind) params.set("kind", kind);
      if (unresolved) params.set("unresolved", "true");
      return fetchJson<CaptureErrorPage>(`${sourceUrl(sourceId, "/capture-errors")}?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}
