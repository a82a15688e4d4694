// react-query wrappers for one archive item's review state (/api/v1/review/*), the tag catalogue
// (/api/v1/tags) and review comments. Keys nest under ["review", itemType, itemId] so a write on an item
// refreshes its summary and comments with one invalidation; tags live under ["tags"] (usage counts change).
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { ItemRef, ItemReview } from "@/lib/review/items";
import type { TagView } from "@/lib/review/tags";
import type { CommentThread, CommentView } from "@/lib/review/comments";
import type { ReviewStateValue } from "@/lib/review/status";
import type { Reviewer } from "@/lib/review/reviewers";
import { fetchJson } from "./fetch-json";

export type { ItemRef, ItemReview, FlagView, ReviewItemType } from "@/lib/review/items";
export type { TagView } from "@/lib/review/tags";
export type { CommentThread, CommentView } from "@/lib/review/comments";
export type { ReviewStateValue } from "@/lib/review/status";
export type { Reviewer } from "@/lib/review/reviewers";

export const reviewKeys = {
  all: ["review"] as const,
  item: (ref: ItemRef) => ["review", ref.itemType, ref.itemId] as const,
  summary: (ref: ItemRef) => ["review", ref.itemType, ref.itemId, "summary"] as const,
  comments: (ref: ItemRef) => ["review", ref.itemType, ref.itemId, "comments"] as const,
  tags: () => ["tags"] as const,
  reviewers: () => ["reviewers"] as const,
  queue: () => ["review-queue"] as const,
};

const refParams = (ref: ItemRef) => new URLSearchParams({ itemType: ref.itemType, itemId: ref.itemId });

/** Something about the item changed: refresh its summary and comments. */
function invalidateItem(queryClient: QueryClient, ref: ItemRef) {
  void queryClient.invalidateQueries({ queryKey: reviewKeys.item(ref) });
}

export function useItemReview(ref: ItemRef) {
  return useQuery({
    queryKey: reviewKeys.summary(ref),
    queryFn: ({ signal }) => fetchJson<{ review: ItemReview }>(`/api/v1/review/items?${refParams(ref)}`, { signal }),
    select: (data) => data.review,
  });
}

export function useTags({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: reviewKeys.tags(),
    queryFn: ({ signal }) => fetchJson<{ tags: TagView[] }>("/api/v1/tags", { signal }),
    select: (data) => data.tags,
    enabled,
  });
}

export function useItemComments(ref: ItemRef) {
  return useQuery({
    queryKey: reviewKeys.comments(ref),
    queryFn: ({ signal }) => fetchJson<{ threads: CommentThread[] }>(`/api/v1/review/comments?${refParams(ref)}`, { signal }),
    select: (data) => data.threads,
  });
}

export function useApplyTag(ref: ItemRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tagId, action }: { tagId: string; action: "add" | "remove" }) =>
      fetchJson<{ result: unknown }>("/api/v1/review/tags", { method: "POST", body: { items: [ref], tagIds: [tagId], action } }),
    onSuccess: () => {
      invalidateItem(queryClient, ref);
      void queryClient.invalidateQueries({ queryKey: reviewKeys.tags() });
    },
  });
}

export function useFlagItem(ref: ItemRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => fetchJson<{ flags: unknown[] }>("/api/v1/review/flags", { method: "POST", body: { items: [ref], reason } }),
    onSuccess: () => invalidateItem(queryClient, ref),
  });
}

export function useResolveFlag(ref: ItemRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (flagId: string) => fetchJson<{ flag: unknown }>(`/api/v1/flags/${encodeURIComponent(flagId)}/resolve`, { method: "POST", body: {} }),
    onSuccess: () => invalidateItem(queryClient, ref),
  });
}

export type StatusChange = { status?: ReviewStateValue; assigneeId?: string | null };

export function useSetReviewStatus(ref: ItemRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: StatusChange) => fetchJson<{ result: unknown }>("/api/v1/review/status", { method: "POST", body: { items: [ref], ...change } }),
    onSuccess: () => {
      invalidateItem(queryClient, ref);
      void queryClient.invalidateQueries({ queryKey: reviewKeys.queue() });
    },
  });
}

export function useReviewers({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: reviewKeys.reviewers(),
    queryFn: ({ signal }) => fetchJson<{ reviewers: Reviewer[] }>("/api/v1/reviewers", { signal }),
    select: (data) => data.reviewers,
    staleTime: 60_000,
    enabled,
  });
}

/** One review action on many items at once (search-result bulk actions). */
export type BulkAction =
  | { kind: "tag"; tagId: string; action: "add" | "remove" }
  | { kind: "flag"; reason: string }
  | ({ kind: "status" } & StatusChange);

export function useBulkReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ items, action }: { items: ItemRef[]; action: BulkAction }) => {
      if (action.kind === "tag") return fetchJson<unknown>("/api/v1/review/tags", { method: "POST", body: { items, tagIds: [action.tagId], action: action.action } });
      if (action.kind === "flag") return fetchJson<unknown>("/api/v1/review/flags", { method: "POST", body: { items, reason: action.reason } });
      const { kind: _kind, ...change } = action;
      return fetchJson<unknown>("/api/v1/review/status", { method: "POST", body: { items, ...change } });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.tags() });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.queue() });
    },
  });
}

export function useAddComment(ref: ItemRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, parentId }: { body: string; parentId?: string }) =>
      fetchJson<{ comment: CommentView }>("/api/v1/review/comments", { method: "POST", body: { ...ref, body, ...(parentId ? { parentId } : {}) } }),
    onSuccess: () => invalidateItem(queryClient, ref),
  });
}

export function useEditComment(ref: ItemRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) =>
      fetchJson<{ comment: CommentView }>(`/api/v1/comments/${encodeURIComponent(id)}`, { method: "PATCH", body: { body } }),
    onSuccess: () => invalidateItem(queryClient, ref),
  });
}

// ---- the tag catalogue (admins) -----------------------------------------------------------------------------

export type TagInput = { name: string; color: string; description: string | null };

export function useSaveTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: TagInput }) =>
      id
        ? fetchJson<{ tag: TagView }>(`/api/v1/tags/${encodeURIComponent(id)}`, { method: "PATCH", body: input })
        : fetchJson<{ tag: TagView }>("/api/v1/tags", { method: "POST", body: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: reviewKeys.tags() });
      // Items show tag names and colours.
      void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
    },
  });
}

export function useDeleteTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ ok: true }>(`/api/v1/tags/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: reviewKeys.tags() });
      void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
    },
  });
}
