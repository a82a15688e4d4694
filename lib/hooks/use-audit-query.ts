// react-query wrappers for the audit log: keyset-paged reads (nextCursor) and chain verification.
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

export type AuditOutcome = "success" | "failure" | "denied";

export type AuditEventRow = {
  id: string;
  seq: number;
  at: string;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  details: Record<string, unknown> | null;
  hash: string;
};

export type AuditPage = { events: AuditEventRow[]; nextCursor: string | null };
export type AuditFilters = { action?: string; actor?: string };
export type AuditVerifyResult = { ok: boolean; checked: number; firstBroken: null | { seq: number; id: string; reason: string } };

const PAGE_SIZE = 50;

export function useAuditEvents(filters: AuditFilters) {
  const action = filters.action?.trim() || undefined;
  const actor = filters.actor?.trim() || undefined;
  return useInfiniteQuery({
    queryKey: ["audit", { action, actor }],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (pageParam) params.set("cursor", pageParam);
      if (action) params.set("action", action);
      if (actor) params.set("actor", actor);
      return fetchJson<AuditPage>(`/api/v1/audit?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    // The log is append-only and read for investigation: don't refetch every loaded page behind the reader.
    staleTime: 60_000,
  });
}

export function useVerifyAuditChain() {
  return useMutation({
    mutationFn: () => fetchJson<AuditVerifyResult>("/api/v1/audit/verify", { method: "POST" }),
  });
}
