// URLs inside the conversation reader. Branch selection (?m=), the thread window (?page=) and search terms
// (?q=) live in the URL so every view is deep-linkable and survives reloads; #m-<id> targets a message.
export type ReaderState = { conversationId: string; m?: string | null; page?: number | null; q?: string | null };

export function readerHref({ conversationId, m, page, q }: ReaderState, messageId?: string | null): string {
  const params = new URLSearchParams();
  if (m) params.set("m", m);
  if (page && page > 1) params.set("page", String(page));
  if (q) params.set("q", q);
  const query = params.toString();
  return `/conversations/${encodeURIComponent(conversationId)}${query ? `?${query}` : ""}${messageId ? `#m-${encodeURIComponent(messageId)}` : ""}`;
}

/** Link to a message with its own branch selected (the switcher, the outline, deep links). */
export function messageHref(conversationId: string, messageId: string, q?: string | null): string {
  return readerHref({ conversationId, m: messageId, q }, messageId);
}

export function formatTime(d: Date | string | null): string | null {
  if (!d) return null;
  const iso = typeof d === "string" ? d : d.toISOString();
  return `${iso.replace("T", " ").slice(0, 19)} UTC`;
}
