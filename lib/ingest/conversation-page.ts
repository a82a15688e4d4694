// One page of `GET /conversations`, from its bytes to what the writer needs: the page envelope (paging),
// each record validated at the boundary (lib/compliance-api/schemas.ts) or set aside for the quarantine,
// and every valid conversation reduced to a compact description: the columns of each message, its
// SHA-256 (lib/ingest/hashing.ts), its place in the rebuilt tree, and its file references. The payloads
// themselves are not carried along: the writer stores them from the page's own bytes, by position.
//
// Pure and self-contained (no database, no server-only modules) so that it can run on a worker thread
// (lib/ingest/page-parser.ts): parsing, validation and hashing are most of a sync's own CPU time.
import { conversationSchema, toApiTimestamp, type Conversation } from "@/lib/compliance-api/schemas";
import { parseEnvelope, parseItem, type PageShape } from "@/lib/compliance-api/pagination";
import { conversationMeta, hashConversation, hashMessage } from "@/lib/ingest/hashing";
import { buildMessageTree } from "@/lib/ingest/tree";

type Json = Record<string, unknown>;

export type PreparedFile = {
  id: string;
  name: string | null;
  /** The owner named on the file (`file_format=id`), if any. */
  userId: string | null;
  downloadUrl: string | null;
  /** Unix seconds. */
  createdAt: number | null;
  /** The file reference as the API sent it (stored on the SourceFile row). */
  raw: unknown;
};

export type PreparedMessage = {
  /** Position in the conversation's `messages` list. */
  index: number;
  id: string;
  parentId: string | null;
  /** Unix seconds, as sent. */
  createdAt: number | null;
  role: string;
  toolName: string | null;
  contentType: string | null;
  gptId: string | null;
  projectId: string | null;
  textLength: number;
  sha: string;
  /** Place in the tree rebuilt from every message of the conversation. */
  depth: number;
  active: boolean;
  files: PreparedFile[];
};

export type PreparedConversation = {
  /** Position in the page's `data`. */
  index: number;
  id: string;
  sha: string;
  userId: string;
  userEmail: string | null;
  title: string | null;
  createdAt: number | null;
  lastActiveAt: number | null;
  /** The payload without `messages` (stored as the conversation's rawJson; hashed with the messages). */
  meta: Json;
  activeLeafId: string | null;
  msgs: PreparedMessage[];
};

export type PageRecord = { ok: true; conversation: PreparedConversation } | { ok: false; raw: unknown; error: string; id: string | null };

export type ParsedConversationPage = PageShape & { records: PageRecord[] };

/** `index`: the conversation's position in its page's `data`. */
export function prepareConversation(index: number, raw: Json, value: Conversation): PreparedConversation {
  const rawMsgs = ((raw.messages as { data?: unknown[] } | unknown[]) ?? []) as unknown;
  const rawList = (Array.isArray(rawMsgs) ? rawMsgs : ((rawMsgs as { data?: unknown[] }).data ?? [])) as Json[];
  // The API may list a message twice; the later copy wins, as it would on a later poll.
  const byId = new Map<string, PreparedMessage>();
  value.messages.data.forEach((m, i) => {
    const mraw = rawList[i] ?? (m as unknown as Json);
    const rawFiles = ((mraw.files as { data?: unknown[] } | undefined)?.data ?? []) as unknown[];
    byId.set(m.id, {
      index: i,
      id: m.id,
      parentId: m.parent_id ?? null,
      createdAt: m.created_at ?? null,
      role: m.author.role,
      toolName: m.author.tool_name ?? null,
      contentType: m.content?.type ?? null,
      gptId: m.gpt_id ?? null,
      projectId: m.project_id ?? null,
      textLength: m.content?.value?.length ?? 0,
      sha: hashMessage(mraw),
      depth: 0,
      active: false,
      files: m.files.data.map((f, k) => ({
        id: f.id,
        name: f.name ?? null,
        userId: "user_id" in f && typeof f.user_id === "string" ? f.user_id : null,
        downloadUrl: "download_url" in f && typeof f.download_url === "string" ? f.download_url : null,
        createdAt: "created_at" in f && typeof f.created_at === "number" ? f.created_at : null,
        raw: rawFiles[k] ?? f,
      })),
    });
  });
  const msgs = [...byId.values()];
  const meta = conversationMeta(raw);
  const tree = placeInTree(msgs);
  return {
    index,
    id: value.id,
    sha: hashConversation(meta, msgs.map((m) => m.sha)),
    userId: value.user_id,
    userEmail: value.user_email ?? null,
    title: value.title ?? null,
    createdAt: value.created_at ?? null,
    lastActiveAt: value.last_active_at ?? null,
    meta,
    activeLeafId: tree.activeLeafId,
    msgs,
  };
}

/** Rebuilds the tree of these messages, setting each one's depth and active flag; returns the active leaf. */
export function placeInTree(msgs: PreparedMessage[]): { activeLeafId: string | null } {
  const tree = buildMessageTree(msgs.map((m) => ({ id: m.id, parentId: m.parentId, createdAt: m.createdAt })));
  for (const m of msgs) {
    m.depth = tree.depth.get(m.id) ?? 0;
    m.active = tree.activeSet.has(m.id);
  }
  return { activeLeafId: tree.activeLeafId };
}

/** The conversation's last activity as a time, for comparisons (retention's disposal time). */
export function lastActiveTime(c: PreparedConversation): number {
  return toApiTimestamp(c.lastActiveAt)?.date.getTime() ?? 0;
}

/**
 * From a page's bytes: its envelope and its records, each prepared or set aside with the reason.
 * Throws InvalidPageError when the bytes are not a list page.
 */
export function parseConversationPage(body: Uint8Array): ParsedConversationPage {
  const envelope = parseEnvelope(body);
  const records = envelope.data.map((raw, index): PageRecord => {
    const item = parseItem(conversationSchema, raw);
    if (!item.ok) return { ok: false, raw: item.raw, error: item.error, id: item.id };
    return { ok: true, conversation: prepareConversation(index, item.raw as Json, item.value) };
  });
  return { hasMore: envelope.has_more, lastId: envelope.last_id ?? null, count: envelope.data.length, records };
}
