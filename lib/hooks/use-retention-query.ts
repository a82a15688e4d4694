// react-query wrappers for retention policies, dry runs, disposition runs and "why retained".
// Keys nest under ["retention"]; the runs list polls every second while a run is queued or running so its
// progress bar moves live.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PolicyFormInput } from "@/lib/governance/retention-schemas";
import type { DispositionRunView, DryRunResult, WhyRetained } from "@/lib/governance/retention-types";
import { fetchJson } from "./fetch-json";

export type { DispositionRunView, DryRunResult, WhyRetained };

/** A policy as the API returns it (lib/governance/retention.ts PolicyView). */
export type PolicyRow = {
  id: string;
  policyId: string;
  name: string;
  description: string | null;
  itemTypes: ("CONVERSATION" | "GPT_CONFIG" | "MEMORY" | "FILE")[];
  sourceId: string | null;
  custodianIds: string[];
  periodDays: number;
  dateBasis: "CAPTURED" | "SOURCE_CREATED";
  versionsKept: number | null;
  enabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export const retentionKeys = {
  all: ["retention"] as const,
  policies: () => ["retention", "policies"] as const,
  runs: () => ["retention", "runs"] as const,
  why: (itemType: string, itemId: string) => ["retention", "why", itemType, itemId] as const,
};

export function isDispositionActive(status: DispositionRunView["status"] | undefined): boolean {
  return status === "QUEUED" || status === "RUNNING";
}

export function usePolicies() {
  return useQuery({
    queryKey: retentionKeys.policies(),
    queryFn: ({ signal }) => fetchJson<{ policies: PolicyRow[] }>("/api/v1/retention/policies", { signal }),
    select: (data) => data.policies,
  });
}

export function useSavePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: Partial<PolicyFormInput> & { reason?: string } }) =>
      id
        ? fetchJson<{ policy: PolicyRow }>(`/api/v1/retention/policies/${encodeURIComponent(id)}`, { method: "PATCH", body: input })
        : fetchJson<{ policy: PolicyRow }>("/api/v1/retention/policies", { method: "POST", body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: retentionKeys.all }),
  });
}

export function useDryRun() {
  return useMutation({
    mutationFn: (input: { policyId?: string; draft?: PolicyFormInput; samples?: number }) =>
      fetchJson<{ dryRun: DryRunResult }>("/api/v1/retention/dry-run", { method: "POST", body: input }).then((r) => r.dryRun),
  });
}

export function useDispositionRuns() {
  return useQuery({
    queryKey: retentionKeys.runs(),
    queryFn: ({ signal }) => fetchJson<{ runs: DispositionRunView[] }>("/api/v1/disposition/runs?limit=20", { signal }),
    select: (data) => data.runs,
    refetchInterval: (query) => (query.state.data?.runs.some((r) => isDispositionActive(r.status)) ? 1000 : false),
  });
}

export function useStartDisposition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<{ run: DispositionRunView; created: boolean }>("/api/v1/disposition/runs", { method: "POST", body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: retentionKeys.runs() }),
  });
}

export function useWhyRetained(itemType: string, itemId: string) {
  return useQuery({
    queryKey: retentionKeys.why(itemType, itemId),
    queryFn: ({ signal }) =>
      fetchJson<{ why: WhyRetained }>(`/api/v1/retention/why?itemType=${encodeURIComponent(itemType)}&itemId=${encodeURIComponent(itemId)}`, { signal }),
    select: (data) => data.why,
    enabled: Boolean(itemType && itemId),
  });
}
