// The search engine contract. Two engines implement it (PostgreSQL full-text, the default, and
// Meilisearch) and one contract suite (tests/integration/search-contract.ts) holds both to the same
// behaviour. Engines index SearchDocuments built from the archive by lib/search/documents.ts and answer
// queries written in the one query language (lib/search/query-parser.ts).
//
// Semantics both engines share (the contract suite checks each one):
// - Words match case- and accent-insensitively; a bare word may also match by the engine's fuzziness
//   (PostgreSQL: stemming and prefix of the last word; Meilisearch: typo tolerance and prefix).
// - "Phrases" match the words in that order, adjacent.
// - -exclusion, OR and parentheses are boolean, exactly as the tree says.
// - Words and phrases search `title` and `body`.
// - String filters compare lowercased values against the document's keys (see filterKeys() in
//   lib/search/documents.ts): user: → userKeys, email: → userEmail, gpt: → gptKeys, project: → projectKeys,
//   tag: → tags (lowercased). role:, type:, status:, has:file, flagged:, held: compare the fields of the
//   same name; after:/before: compare `time` (a document with no time matches neither).
// - Documents outside the request's scope are never returned nor counted in facets or totals.
import type { DocumentType, ParsedQuery, ReviewStatus, Role } from "@/lib/search/query-ast";

export type SearchEngineName = "postgres" | "meilisearch";

/** The archive row a document stands for. */
export type IndexedItemType = "MESSAGE" | "GPT_CONFIG" | "MEMORY" | "FILE";

export const DOCUMENT_ITEM_TYPES: Record<DocumentType, IndexedItemType> = {
  message: "MESSAGE",
  gpt: "GPT_CONFIG",
  memory: "MEMORY",
  file: "FILE",
};

/** One searchable item. Plain JSON (numbers, strings, booleans, arrays), identical for both engines. */
export interface SearchDocument {
  /** documentKey(type, itemId): unique across types and a valid Meilisearch primary key. */
  id: string;
  type: DocumentType;
  itemType: IndexedItemType;
  /** Message id, GptConfigVersion id, Memory id or SourceFile id. */
  itemId: string;
  sourceId: string;
  /** Conversation title (messages, files), GPT name (gpt), null for memories. */
  title: string | null;
  /** Message text; GPT description + instructions + conversation starters; memory content; file name. */
  body: string;
  /** The conversation a message or file belongs to. */
  conversationId: string | null;
  /** The message to open: the message itself, or the first message that references a file. */
  messageId: string | null;
  /** The custodian (workspace user): author of the conversation, owner of the GPT/memory/file. */
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  /** Lowercased values `user:` matches: id, email, email local part, full name, and each word of the name. */
  userKeys: string[];
  /** Message author role; null for other types. */
  role: Role | null;
  toolName: string | null;
  gptId: string | null;
  gptName: string | null;
  /** Lowercased: gpt id, full name, each word of the name. */
  gptKeys: string[];
  projectId: string | null;
  projectName: string | null;
  /** Lowercased: project id, full name, each word of the name. */
  projectKeys: string[];
  /** When it happened at the source, epoch milliseconds (message created, config version created, memory updated, file created). */
  time: number | null;
  hasFile: boolean;
  /** Messages: on the conversation's active branch. Always true for other types. */
  onActiveBranch: boolean;
  deletedAtSource: boolean;
  /** Tag names, lowercased, of the item and (for messages and files) of its conversation. */
  tags: string[];
  flagged: boolean;
  held: boolean;
  status: ReviewStatus;
  /** GPT configuration version number (1 = first captured); 1 for other types. */
  version: number;
}

export type SearchSort = "relevance" | "newest" | "oldest";

/** Access scoping: when a list is given, only documents whose field is in it are visible. */
export interface SearchScope {
  sourceIds?: string[];
  userIds?: string[];
}

export interface SearchRequest {
  /** null = every document in scope (browse, newest first unless sort says otherwise). */
  query: ParsedQuery | null;
  sort: SearchSort;
  /** 1..100 */
  limit: number;
  /** Opaque, from a previous result's nextCursor for the same query, sort and scope. */
  cursor?: string | null;
  /** Compute facet counts (only needed for the first page). */
  facets?: boolean;
  scope?: SearchScope;
}

/** Highlighted text as segments; `match` marks the matched terms. Rendered as text, never as HTML. */
export type HighlightSegment = { text: string; match: boolean };

export interface SearchHit {
  document: SearchDocument;
  /** A window of the body around the matches (or its start), highlighted. */
  snippet: HighlightSegment[];
  /** The title, highlighted (empty when there is no title). */
  titleHighlight: HighlightSegment[];
}

export const FACET_NAMES = ["type", "role", "user", "gpt", "project", "tag", "status"] as const;
export type FacetName = (typeof FACET_NAMES)[number];

/**
 * value = what a filter takes (user → email, or the id when there is no email; gpt/project → id; others
 * the field value); label = what people read (name, or the value again).
 */
export type FacetBucket = { value: string; label: string; count: number };
/** Buckets by count descending then label; at most FACET_LIMIT per facet. */
export type Facets = Record<FacetName, FacetBucket[]>;
export const FACET_LIMIT = 10;

export interface SearchResult {
  hits: SearchHit[];
  /** Matches in scope. */
  total: number;
  /** False when the engine only estimated total; facet counts are then estimates too. */
  totalIsExact: boolean;
  nextCursor: string | null;
  facets: Facets | null;
}

export interface SearchEngine {
  readonly name: SearchEngineName;
  /** Creates or updates indexes and settings; idempotent; call before anything else. */
  ensureReady(): Promise<void>;
  /** Inserts or replaces documents by id; resolves when they are searchable. */
  upsert(docs: SearchDocument[]): Promise<void>;
  /** Removes documents by id (unknown ids are ignored); resolves when done. */
  delete(ids: string[]): Promise<void>;
  /** Removes documents last written before `instant` (epoch ms): what a full reindex did not touch. */
  deleteIndexedBefore(instant: number): Promise<number>;
  /** Removes every document. */
  clear(): Promise<void>;
  /** Number of documents in the index. */
  count(): Promise<number>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** A request the engine refuses (bad cursor, limit out of range): a 400, never a 500. */
export class SearchRequestError extends Error {
  constructor(
    message: string,
    readonly code: "bad_cursor" | "bad_request" = "bad_request",
  ) {
    super(message);
    this.name = "SearchRequestError";
  }
}

/** The engine cannot be reached or failed: a 503 with this message. */
export class SearchUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SearchUnavailableError";
  }
}

const SAFE_KEY = /^[A-Za-z0-9-][A-Za-z0-9_-]{0,400}$/;

/**
 * The document id for an item: `message_<id>` when the id is made of `[A-Za-z0-9_-]` (Meilisearch's
 * primary-key alphabet) and does not start with `_`; otherwise `message__<hex of its UTF-8>`.
 */
export function documentKey(type: DocumentType, itemId: string): string {
  return SAFE_KEY.test(itemId) ? `${type}_${itemId}` : `${type}__${Buffer.from(itemId, "utf8").toString("hex")}`;
}

/** Highlight markers engines put around matches before splitHighlight(); never present in stored text. */
export const HIGHLIGHT_START = "\u0002";
export const HIGHLIGHT_END = "\u0003";

/** Splits text marked with HIGHLIGHT_START/END into segments (adjacent segments of one kind merged). */
export function splitHighlight(marked: string): HighlightSegment[] {
  const out: HighlightSegment[] = [];
  let match = false;
  let buf = "";
  const flush = () => {
    if (!buf) return;
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += buf;
    else out.push({ text: buf, match });
    buf = "";
  };
  for (const ch of marked) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_END) {
      flush();
      match = ch === HIGHLIGHT_START;
    } else buf += ch;
  }
  flush();
  return out;
}
