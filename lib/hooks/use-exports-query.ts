// react-query wrappers for /api/v1/exports. The list polls every 2 s while any export is queued or
// running (so progress bars move) and stops once all have finished.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isExportActive, type CreateExportInput, type ExportView } from "@/lib/exports/schemas";
import { fetchJson } from "./fetch-json";

export type { ExportView, ExportProgress, ExportCounts, ExportStatus } from "@/lib/exports/schemas";

export const exportKeys = {
  all: ["exports"] as const,
  list: () => ["exports", "list"] as const,
  detail: (id: string) => ["exports", "detail", id] as const,
};

const POLL_MS = 2000;

export function exportDownloadHref(id: string): string {
  return `/api/v1/exports/${encodeURIComponent(id)}/download`;
}

export function useExports() {
  return useQuery({
    queryKey: exportKeys.list(),
    queryFn: ({ signal }) => fetchJson<{ exports: ExportView[] }>("/api/v1/exports", { signal }),
    select: (data) => data.exports,
    refetchInterval: (query) => (query.state.data?.exports.some((e) => isExportActive(e.status)) ? POLL_MS : false),
  });
}

export function useExport(id: string) {
  return useQuery({
    queryKey: exportKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<{ export: ExportView }>(`/api/v1/exports/${encodeURIComponent(id)}`, { signal }),
    select: (data) => data.export,
    refetchInterval: (query) => (query.state.data && isExportActive(query.state.data.export.status) ? POLL_MS : false),
  });
}

export function useCreateExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateExportInput) => fetchJson<{ export: ExportView }>("/api/v1/exports", { method: "POST", body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: exportKeys.all }),
  });
}

export function useDiscardExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ export: ExportView }>(`/api/v1/exports/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: exportKeys.all }),
  });
}
