// react-query wrappers for legal holds (/api/v1/holds/**). Keys nest under ["holds"]: any write refreshes
// lists, the hold, its items and every "covered by" panel with one invalidation (a hold's items change what
// covers which item). A preview is computed on demand (it evaluates the whole scope), never on focus.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  ActivationResult,
  Covering,
  CustodianRef,
  HeldItemsPage,
  HoldDetail,
  HoldItemsResult,
  HoldPreview,
  HoldView,
} from "@/lib/governance/holds";
import type { CreateHoldInput, HeldUnitType, HoldItemRef, HoldItemsChange, HoldStatus, UpdateHoldInput } from "@/lib/governance/hold-schemas";
import { fetchJson } from "./fetch-json";

export type { ActivationResult, Covering, CoveringHold, CustodianRef, HeldItemView, HoldDetail, HoldPreview, HoldView, ScopeVersionView } from "@/lib/governance/holds";
export type { ScopeCounts, CustodianCount, UnitCounts } from "@/lib/governance/hold-scope";

export const holdKeys = {
  all: ["holds"] as const,
  list: (status?: HoldStatus | "OPEN") => ["holds", "list", status ?? "ALL"] as const,
  detail: (id: string) => ["holds", "detail", id] as const,
  preview: (id: string) => ["holds", "preview", id] as const,
  items: (id: string, filter: { itemType?: HeldUnitType; heldBy?: "SCOPE" | "EXPLICIT" }) => ["holds", "items", id, filter.itemType ?? "ALL", filter.heldBy ?? "ALL"] as const,
  covering: (ref: HoldItemRef) => ["holds", "covering", ref.itemType, ref.itemId] as const,
  custodians: (q: string) => ["holds", "custodians", q] as const,
};

const enc = encodeURIComponent;

/** Holds, newest first; "OPEN" = drafts and active holds (what explicit items can be added to). */
export function useHolds(status?: HoldStatus | "OPEN", { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: holdKeys.list(status),
    queryFn: ({ signal }) => fetchJson<{ holds: HoldView[] }>(`/api/v1/holds${status && status !== "OPEN" ? `?status=${status}` : ""}`, { signal }),
    select: (data) => (status === "OPEN" ? data.holds.filter((h) => h.status !== "RELEASED") : data.holds),
    enabled,
  });
}

export function useHold(id: string, initialData?: HoldDetail) {
  return useQuery({
    queryKey: holdKeys.detail(id),
    queryFn: ({ signal }) => fetchJson<HoldDetail>(`/api/v1/holds/${enc(id)}`, { signal }),
    initialData,
  });
}

/** Runs only when asked (refetch()), since it evaluates the whole scope. */
export function useHoldPreview(id: string) {
  return useQuery({
    queryKey: holdKeys.preview(id),
    queryFn: ({ signal }) => fetchJson<{ preview: HoldPreview }>(`/api/v1/holds/${enc(id)}/preview`, { signal }),
    select: (data) => data.preview,
    enabled: false,
    staleTime: Infinity,
    retry: false,
  });
}

export function useHeldItems(id: string, filter: { itemType?: HeldUnitType; heldBy?: "SCOPE" | "EXPLICIT" } = {}, pageSize = 25) {
  return useInfiniteQuery({
    queryKey: holdKeys.items(id, filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (pageParam) params.set("cursor", pageParam);
      if (filter.itemType) params.set("itemType", filter.itemType);
      if (filter.heldBy) params.set("heldBy", filter.heldBy);
      return fetchJson<HeldItemsPage>(`/api/v1/holds/${enc(id)}/items?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useHoldsCovering(ref: HoldItemRef) {
  return useQuery({
    queryKey: holdKeys.covering(ref),
    queryFn: ({ signal }) => fetchJson<Covering>(`/api/v1/holds/covering?${new URLSearchParams(ref)}`, { signal }),
    select: (data) => data.holds,
  });
}

export function useCustodianSearch(q: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: holdKeys.custodians(q),
    queryFn: ({ signal }) => fetchJson<{ custodians: CustodianRef[] }>(`/api/v1/holds/custodians?q=${enc(q)}`, { signal }),
    select: (data) => data.custodians,
    enabled,
    staleTime: 30_000,
  });
}

function useInvalidateHolds() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: holdKeys.all });
}

export function useCreateHold() {
  const invalidate = useInvalidateHolds();
  return useMutation({
    mutationFn: (input: CreateHoldInput) => fetchJson<{ hold: HoldView }>("/api/v1/holds", { method: "POST", body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateHold(id: string) {
  const invalidate = useInvalidateHolds();
  return useMutation({
    mutationFn: (input: UpdateHoldInput) => fetchJson<{ hold: HoldView }>(`/api/v1/holds/${enc(id)}`, { method: "PATCH", body: input }),
    onSuccess: invalidate,
  });
}

export function useActivateHold(id: string) {
  const invalidate = useInvalidateHolds();
  return useMutation({
    mutationFn: () => fetchJson<ActivationResult>(`/api/v1/holds/${enc(id)}/activate`, { method: "POST", body: {} }),
    onSuccess: invalidate,
  });
}

export function useReleaseHold(id: string) {
  const invalidate = useInvalidateHolds();
  return useMutation({
    mutationFn: (reason: string) => fetchJson<{ hold: HoldView }>(`/api/v1/holds/${enc(id)}/release`, { method: "POST", body: { reason } }),
    onSuccess: invalidate,
  });
}

/** Adds or removes explicit items; the hold is a variable so one dialog can target any hold. */
export function useChangeHoldItems() {
  const invalidate = useInvalidateHolds();
  return useMutation({
    mutationFn: ({ holdId, ...change }: HoldItemsChange & { holdId: string }) =>
      fetchJson<{ result: HoldItemsResult }>(`/api/v1/holds/${enc(holdId)}/items`, { method: "POST", body: change }),
    onSuccess: invalidate,
  });
}
