// Page-level rules of the Compliance API lists (compliance-api.md §4, §11): what counts as a valid page,
// how one bad record is isolated from its page, and the guard that keeps a misbehaving cursor from
// looping forever. Paging stops only on `has_more === false`; short pages are normal.
import type { z } from "zod";
import { pageEnvelopeSchema, type PageEnvelope } from "./schemas";

/** One record of a page: parsed, or kept raw with a summary of why it failed (for the quarantine). */
export type ParsedItem<T> =
  | { ok: true; raw: unknown; value: T }
  | { ok: false; raw: unknown; error: string; /** the raw `id` when it is a string */ id: string | null };

/** `body` is the page as it came over the wire: `items[i]` is `body`'s `data[i]`. */
export type Page<T> = { items: ParsedItem<T>[]; hasMore: boolean; lastId: string | null; body: Buffer };

/** Zod issues as one line: `messages.data.3.author.role: Invalid input…; id: …` (first 5). */
export function summarizeZodError(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message));
  if (error.issues.length > 5) parts.push(`(+${error.issues.length - 5} more)`);
  return parts.join("; ");
}

export function parseItem<S extends z.ZodType>(schema: S, raw: unknown): ParsedItem<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, raw, value: result.data };
  const rawId = raw && typeof raw === "object" && "id" in raw ? (raw as { id: unknown }).id : null;
  return { ok: false, raw, error: summarizeZodError(result.error), id: typeof rawId === "string" ? rawId : null };
}

/** What paging needs of a page, however it was parsed. */
export type PageShape = { hasMore: boolean; lastId: string | null; count: number };

/** A response body that is not usable (invalid JSON, not a list envelope): the request is retried. */
export class InvalidPageError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "InvalidPageError";
  }
}

export function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")) as unknown;
  } catch {
    throw new InvalidPageError(`a body that is not valid JSON (${body.byteLength} bytes; truncated?)`);
  }
}

/** A list page's bytes as its envelope; InvalidPageError when they are not one. */
export function parseEnvelope(body: Uint8Array): PageEnvelope {
  const check = checkPageEnvelope(parseJson(body));
  if (!check.ok) throw new InvalidPageError(`an invalid list page: ${check.reason}`);
  return check.envelope;
}

/**
 * Validates a list response. Anything that is not an envelope, or that claims more pages without a usable
 * cursor, is reported as a reason string (the client treats it as a retryable invalid response).
 */
export function checkPageEnvelope(json: unknown): { ok: true; envelope: PageEnvelope } | { ok: false; reason: string } {
  const parsed = pageEnvelopeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `not a list envelope (${summarizeZodError(parsed.error)})` };
  const envelope = parsed.data;
  if (envelope.has_more) {
    if (envelope.data.length === 0) return { ok: false, reason: "has_more is true but the page is empty" };
    if (!envelope.last_id) return { ok: false, reason: "has_more is true but last_id is missing" };
  }
  return { ok: true, envelope };
}

/**
 * Refuses a cursor that does not advance. For lists ordered by id a cursor may never come back; for
 * conversations (ordered by update time) a conversation updated while we page legitimately reappears
 * later, so its id may come back as a cursor a few times — but never immediately.
 */
export class CursorGuard {
  private readonly uses = new Map<string, number>();
  constructor(private readonly maxUsesPerCursor: number) {}

  /** Returns a reason when `next` must not be followed. */
  check(previous: string | null, next: string): string | null {
    if (next === previous) return `the cursor did not advance (last_id ${JSON.stringify(next)} repeated)`;
    const count = (this.uses.get(next) ?? 0) + 1;
    if (count > this.maxUsesPerCursor) return `the cursor ${JSON.stringify(next)} came back ${count} times`;
    this.uses.set(next, count);
    return null;
  }
}
