// How search hits read and where they lead. Pure helpers shared by the result list and the facet panel.
import type { DocumentType, ReviewStatus, Role } from "@/lib/search/query-ast";
import type { SearchHitDocument } from "@/lib/search/schemas";
import type { FacetName, SearchSort } from "@/lib/search/types";

export const typeLabels: Record<DocumentType, string> = { message: "Message", gpt: "GPT", memory: "Memory", file: "File" };
export const roleLabels: Record<Role, string> = { user: "User", assistant: "Assistant", tool: "Tool", system: "System" };
export const statusLabels: Record<ReviewStatus, string> = { unreviewed: "Unreviewed", in_review: "In review", reviewed: "Reviewed", escalated: "Escalated" };
export const facetLabels: Record<FacetName, string> = {
  type: "Type",
  role: "Role",
  user: "Custodian",
  gpt: "GPT",
  project: "Project",
  tag: "Tag",
  status: "Review status",
};
export const sortLabels: Record<SearchSort, string> = { relevance: "Best match", newest: "Newest first", oldest: "Oldest first" };

/** A facet bucket as people read it: enum values get their label, the rest the engine's label. */
export function getBucketLabel(facet: FacetName, value: string, label: string): string {
  if (facet === "type") return typeLabels[value as DocumentType] ?? label;
  if (facet === "role") return roleLabels[value as Role] ?? label;
  if (facet === "status") return statusLabels[value as ReviewStatus] ?? label;
  return label;
}

/** The URL state of a search: `?q=…&sort=…` (sort omitted when it is the default). */
export function searchHref(q: string, sort: SearchSort): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set("q", q);
  if (sort !== "relevance") params.set("sort", sort);
  const s = params.toString();
  return s ? `/search?${s}` : "/search";
}

/**
 * Where a hit opens: messages (and files, through the message that references them) inside their
 * conversation, scrolled to the message and carrying the query for in-page highlighting; GPT
 * configurations on the GPT page; memories on their custodian's page.
 */
export function getHitHref(doc: SearchHitDocument, q: string): string | null {
  if ((doc.type === "message" || doc.type === "file") && doc.conversationId) {
    // ?m= makes the page show the branch holding the message even when it is not the active one.
    const params = new URLSearchParams();
    if (doc.messageId) params.set("m", doc.messageId);
    if (q.trim()) params.set("q", q);
    const query = params.size ? `?${params}` : "";
    const hash = doc.messageId ? `#m-${encodeURIComponent(doc.messageId)}` : "";
    return `/conversations/${encodeURIComponent(doc.conversationId)}${query}${hash}`;
  }
  if (doc.type === "gpt" && doc.gptId) {
    // b= opens the hit's configuration version compared with the one before it.
    const params = new URLSearchParams({ b: doc.itemId });
    if (q.trim()) params.set("q", q);
    return `/gpts/${encodeURIComponent(doc.gptId)}?${params}#compare`;
  }
  if (doc.type === "file" && doc.gptId) return `/gpts/${encodeURIComponent(doc.gptId)}`;
  if (doc.type === "memory" && doc.userId) {
    // memory= opens the timeline page holding it (a custodian may have more memories than one page shows).
    const params = new URLSearchParams({ memory: doc.itemId });
    if (q.trim()) params.set("q", q);
    return `/custodians/${encodeURIComponent(doc.userId)}?${params}#memory-${encodeURIComponent(doc.itemId)}`;
  }
  return null;
}

export function getHitTitle(doc: SearchHitDocument): string {
  if (doc.title) return doc.title;
  if (doc.type === "memory") return `Memory of ${doc.userName ?? doc.userEmail ?? "a custodian"}`;
  if (doc.type === "gpt") return doc.gptName ?? "(unnamed GPT)";
  return "(untitled conversation)";
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatTotal(total: number, isExact: boolean): string {
  const noun = total === 1 ? "result" : "results";
  return isExact ? `${formatCount(total)} ${noun}` : `about ${formatCount(total)} ${noun}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Only called in client-rendered rows (react-query data), so the viewer's locale and zone are safe to use. */
export function formatTime(epochMs: number | null): string | null {
  if (epochMs === null) return null;
  const d = new Date(epochMs);
  return Number.isNaN(d.getTime()) ? null : dateTime.format(d);
}
