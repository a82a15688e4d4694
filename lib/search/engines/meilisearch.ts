// The Meilisearch search engine (official `meilisearch` client). Index settings live in this file and
// ensureReady() applies them; every write waits for its task and fails loudly when the task failed.
//
// How a query runs. Meilisearch takes text (`q`) and a filter expression separately, and `q` can only
// say "all of these words and phrases, and none of these exact words" — no OR, no text inside a mixed
// group. The top-level AND of the tree (query-ast.ts listConjuncts) is therefore split:
// - filter-only conjuncts (with any NOT/OR/parentheses) compile to the filter expression;
// - positive words and phrases form `q`, with matchingStrategy "all" (every one must match, typo
//   tolerance applies to words); Meilisearch ranks, highlights and crops with them;
// - `-word` / `-"phrase"` go into `q` as Meilisearch's own negative operator, which excludes documents
//   containing the exact word. A word also matches with typos, so the documents that match the word
//   only through typo tolerance (or by splitting it) are found by one extra search (`Q , word -word`)
//   and excluded by id: the exclusion is the exact complement of what the word matches;
// - everything else (OR of text, negated groups, text mixed with filters such as `(alice OR user:bob)`)
//   is evaluated by turning each group of words into the set of ids it matches — one search per group,
//   narrowed by the scope, the filters and (when they fit) the positive words, since only documents
//   passing those can be results — and compiling the group to `id IN [...]` inside the filter.
// An id set may hold at most ID_SET_LIMIT documents: beyond that the query is refused with a
// SearchRequestError asking for more words or filters, never answered with a wrong set. Meilisearch
// reads at most MAX_QUERY_TERMS words/phrases of a `q`; positive text beyond that is evaluated as id sets.
//
// Word semantics: case- and accent-insensitive, typo-tolerant (Meilisearch defaults: 1 typo from 5
// letters, 2 from 9); the last positive word of the query (as the PostgreSQL engine picks it) also
// matches as a prefix. Meilisearch applies prefix matching to whatever word ends a `q`, so every `q` is
// built with that word last, or ending in a space when it does not contain it: one word keeps one
// meaning across all the searches a query is split into, which is what keeps exclusions and ORs exact.
// A word the tokenizer would split (e-mail, alice@example.com, foo_bar, CJK runs) is sent as a phrase, so
// it stays one term matched in order. Groups of terms from different parts of the tree are joined with a
// hard separator (" , ") so that Meilisearch does not also match their concatenation ("contractdraft").
//
// Sorting and paging: newest/oldest use a keyset cursor (the last time value and how many documents of
// that time were already returned — time ties are ordered by id, and documents without a time come last
// in both directions, as PostgreSQL's NULLS LAST). Relevance is Meilisearch's ranking of `q`, paged by an
// offset cursor, so at most MAX_TOTAL_HITS ranked hits (Meilisearch has no search-after). When the
// positive text is only inside OR/mixed groups, the documents matching those groups are ranked by a
// federated search (one query per group) and followed by the documents that matched through filters
// only, newest first; the cursor holds the phase and the offset in it. Without positive text, relevance
// is newest.
// Totals and facets come from facet counts, which Meilisearch computes exhaustively (not capped by
// maxTotalHits): the total is the sum of the `type` facet, so totalIsExact is always true.
import "server-only";
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from "meilisearch";
import type { EnqueuedTaskPromise, Hit, MultiSearchQuery, MultiSearchResult, RecordAny, SearchParams, SearchResponse, Settings, Task } from "meilisearch";
import { z } from "zod";
import { listConjuncts, toUtcDayStart, type FilterNode, type PhraseNode, type QueryNode, type WordNode } from "@/lib/search/query-ast";
import {
  FACET_LIMIT,
  FACET_NAMES,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  SearchRequestError,
  SearchUnavailableError,
  splitHighlight,
  type FacetBucket,
  type FacetName,
  type Facets,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
  type SearchScope,
} from "@/lib/search/types";

/** pagination.maxTotalHits: how deep relevance paging and id-set searches can go. */
export const MAX_TOTAL_HITS = 20_000;
/** Most documents one text group of an OR/NOT/mixed query may match (it becomes `id IN [...]`). */
export const ID_SET_LIMIT = 10_000;
/** Meilisearch ignores the words of a `q` after the tenth (a phrase counts as one). */
export const MAX_QUERY_TERMS = 10;
/** Words of body around the matches in a snippet. */
export const SNIPPET_WORDS = 40;
/** faceting.maxValuesPerFacet: values fetched per facet (most frequent first) before the top FACET_LIMIT are kept. */
export const MAX_VALUES_PER_FACET = 100;
/** Documents per addDocuments / deleteDocuments request. */
const WRITE_BATCH = 2_000;
const DEFAULT_TASK_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Id-set searches sent per multi-search request. */
const MULTI_SEARCH_BATCH = 16;
/** Separates the facet value from its label in the combined facet attributes. */
const FACET_SEP = "\u001f";

/** The fields of a SearchDocument, in the order they are returned (hits carry exactly these). */
const DOCUMENT_FIELDS = [
  "id", "type", "itemType", "itemId", "sourceId", "title", "body", "conversationId", "messageId",
  "userId", "userName", "userEmail", "userKeys", "role", "toolName", "gptId", "gptName", "gptKeys",
  "projectId", "projectName", "projectKeys", "time", "hasFile", "onActiveBranch", "deletedAtSource",
  "tags", "flagged", "held", "status", "version",
] as const satisfies readonly (keyof SearchDocument)[];
// Fails to compile when SearchDocument gains a field that DOCUMENT_FIELDS does not list.
type MissingField = Exclude<keyof SearchDocument, (typeof DOCUMENT_FIELDS)[number]>;
const _allFieldsListed: [MissingField] extends [never] ? true : MissingField = true;

/** What the engine stores: the document plus fields of its own (never returned in hits). */
type StoredDocument = SearchDocument & {
  /** When this engine last wrote the document (epoch ms), for deleteIndexedBefore(). */
  indexedAt: number;
  /** `${value}\u001f${label}` facet attributes: a facet bucket needs the name that goes with an id/email. */
  userFacet: string | null;
  gptFacet: string | null;
  projectFacet: string | null;
};

const FACET_ATTRIBUTES: Record<FacetName, string> = {
  type: "type",
  role: "role",
  user: "userFacet",
  gpt: "gptFacet",
  project: "projectFacet",
  tag: "tags",
  status: "status",
};
const COMBINED_FACETS = new Set<FacetName>(["user", "gpt", "project"]);

/** The index settings, kept in code: ensureReady() applies exactly these. */
export const MEILISEARCH_SETTINGS = {
  // Title before body: the `attribute` ranking rule ranks a match in the title higher.
  searchableAttributes: ["title", "body"],
  displayedAttributes: ["*"],
  filterableAttributes: [
    "id", "type", "itemType", "itemId", "sourceId", "conversationId", "messageId", "userId", "userEmail",
    "userKeys", "role", "gptId", "gptKeys", "projectId", "projectKeys", "time", "hasFile", "onActiveBranch",
    "deletedAtSource", "tags", "flagged", "held", "status", "version", "indexedAt",
    "userFacet", "gptFacet", "projectFacet",
  ],
  sortableAttributes: ["time", "id"],
  // Defaults, except: `sort` first so that newest/oldest are strictly chronological even with text (it is
  // inactive when a search has no sort, i.e. relevance); `time:desc` last so relevance ties go newest
  // first. `proximity` (words adjacent and in order) ranks an exact phrase above scattered words.
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness", "time:desc"],
  typoTolerance: { enabled: true },
  prefixSearch: "indexingTime",
  faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET, sortFacetValuesBy: { "*": "count" } },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
} satisfies Settings;

export type MeilisearchEngineOptions = {
  host: string;
  apiKey?: string;
  indexUid: string;
  /** How long a write waits for its task before reporting Meilisearch unavailable. */
  taskTimeoutMs?: number;
  /** Per HTTP request. */
  requestTimeoutMs?: number;
  /** Overrides ID_SET_LIMIT (tests; at most MAX_TOTAL_HITS - 1). */
  idSetLimit?: number;
};

/** A Meilisearch task that finished as failed (or canceled): the write did not happen. */
export class MeilisearchTaskError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "MeilisearchTaskError";
  }
}

// ───────────────────────── errors ─────────────────────────

function errorCode(err: MeilisearchApiError): string | null {
  return err.cause?.code ?? null;
}

/** Connection failures, timeouts, 5xx and refused credentials mean "search is unavailable" (a 503). */
function translateError(err: unknown, what: string): unknown {
  if (err instanceof SearchUnavailableError || err instanceof SearchRequestError || err instanceof MeilisearchTaskError) return err;
  if (err instanceof MeilisearchRequestError || err instanceof MeilisearchRequestTimeOutError) {
    return new SearchUnavailableError(`Meilisearch could not be reached (${what}): ${err.message}`, { cause: err });
  }
  if (err instanceof MeilisearchApiError) {
    const status = err.response.status;
    if (status >= 500 || status === 401 || status === 403 || errorCode(err) === "index_not_found") {
      return new SearchUnavailableError(`Meilisearch failed (${what}): ${err.message}`, { cause: err });
    }
    return new Error(`Meilisearch rejected ${what}: ${err.message}`, { cause: err });
  }
  return err;
}

// ───────────────────────── filters ─────────────────────────

/** A string literal for a filter expression: double-quoted, `\` and `"` escaped (nothing else is special). */
export function filterString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function lowerKey(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** One filter leaf. String comparisons in Meilisearch filters are case-insensitive; keys are lowercased anyway. */
function compileFilter(node: FilterNode): string {
  switch (node.field) {
    case "user":
      return `userKeys = ${filterString(lowerKey(node.value))}`;
    case "email":
      return `userEmail = ${filterString(lowerKey(node.value))}`;
    case "gpt":
      return `gptKeys = ${filterString(lowerKey(node.value))}`;
    case "project":
      return `projectKeys = ${filterString(lowerKey(node.value))}`;
    case "tag":
      return `tags = ${filterString(lowerKey(node.value))}`;
    case "role":
      return `role = ${filterString(node.value)}`;
    case "type":
      return `type = ${filterString(node.value)}`;
    case "status":
      return `status = ${filterString(node.value)}`;
    case "has":
      return `hasFile = true`;
    case "flagged":
      return `flagged = ${node.value ? "true" : "false"}`;
    case "held":
      return `held = ${node.value ? "true" : "false"}`;
    case "after":
      return `time >= ${toUtcDayStart(node.value).getTime()}`;
    case "before":
      return `time < ${toUtcDayStart(node.value).getTime()}`;
  }
}

function isText(node: QueryNode): node is WordNode | PhraseNode {
  return node.kind === "word" || node.kind === "phrase";
}

function hasText(node: QueryNode): boolean {
  switch (node.kind) {
    case "word":
    case "phrase":
      return true;
    case "filter":
      return false;
    case "not":
      return hasText(node.child);
    case "and":
    case "or":
      return node.children.some(hasText);
  }
}

/** A subtree without words or phrases, as a filter expression. Meilisearch's NOT is the complement, so
 * `-role:tool` keeps documents that have no role (verified by the contract suite). */
function compileFilterTree(node: QueryNode): string {
  switch (node.kind) {
    case "filter":
      return compileFilter(node);
    case "not":
      return `NOT (${compileFilterTree(node.child)})`;
    case "and":
    case "or":
      return node.children.map((c) => `(${compileFilterTree(c)})`).join(node.kind === "and" ? " AND " : " OR ");
    default:
      throw new Error("text in a filter-only subtree");
  }
}

function and(clauses: string[]): string | undefined {
  return clauses.length === 0 ? undefined : clauses.map((c) => `(${c})`).join(" AND ");
}

function scopeClauses(scope: SearchScope | undefined): string[] {
  const out: string[] = [];
  if (scope?.sourceIds) out.push(`sourceId IN [${scope.sourceIds.map(filterString).join(", ")}]`);
  if (scope?.userIds) out.push(`userId IN [${scope.userIds.map(filterString).join(", ")}]`);
  return out;
}

// ───────────────────────── text ─────────────────────────

// Scripts the tokenizer segments into several words without separators.
const SEGMENTED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const SINGLE_TOKEN = /^[\p{L}\p{M}\p{N}]+$/u;

/** A `q` term; `prefix` marks the query's prefix word (see findPrefixWord). */
type Term = { text: string; prefix: boolean };

/** Words shorter than this never match as a prefix (as in the PostgreSQL engine). */
const MIN_PREFIX_CHARS = 2;

function isSingleToken(value: string): boolean {
  return SINGLE_TOKEN.test(value) && !SEGMENTED_SCRIPT.test(value);
}

/**
 * The word that also matches as a prefix: the last positive word of the query, as the PostgreSQL engine
 * chooses it — when Meilisearch reads it as one token.
 */
function findPrefixWord(tree: QueryNode): WordNode | null {
  let last: WordNode | null = null;
  const visit = (node: QueryNode, negated: boolean): void => {
    if (node.kind === "word" && !negated) last = node;
    else if (node.kind === "not") visit(node.child, !negated);
    else if (node.kind === "and" || node.kind === "or") for (const c of node.children) visit(c, negated);
  };
  visit(tree, false);
  const word = last as WordNode | null;
  return word && isSingleToken(word.value) && [...word.value].length >= MIN_PREFIX_CHARS ? word : null;
}

/** One `q` term: a bare word when Meilisearch reads it as one token, otherwise a phrase. */
function termOf(node: WordNode | PhraseNode, prefixWord: WordNode | null): Term {
  if (node.kind === "word" && isSingleToken(node.value)) return { text: node.value, prefix: node === prefixWord };
  return { text: `"${node.value}"`, prefix: false };
}

/**
 * A `q`: exclusions, then groups of terms. Meilisearch matches the last word of a `q` as a prefix unless
 * a separator follows it, so the prefix word goes last and every other `q` ends with a space: the prefix
 * word, and only it, matches by prefix in every search one query is split into. Groups are joined by a
 * hard separator so that Meilisearch does not match words of different groups concatenated.
 */
function buildQ(exclude: Term[], groups: Term[][]): string {
  const ordered = groups
    .filter((g) => g.length > 0)
    .map((g) => [...g.filter((t) => !t.prefix), ...g.filter((t) => t.prefix)])
    .sort((x, y) => Number(x[x.length - 1].prefix) - Number(y[y.length - 1].prefix));
  const text = [...exclude.map((t) => `-${t.text}`), ordered.map((g) => g.map((t) => t.text).join(" ")).join(" , ")].filter(Boolean).join(" ");
  const last = ordered[ordered.length - 1];
  return text === "" || last?.[last.length - 1].prefix ? text : `${text} `;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ───────────────────────── query plan ─────────────────────────

type IdSetRequest = {
  q: string;
  filter: string | undefined;
  /** What the user typed, for the "too broad" message. */
  label: string;
  /** Terms to highlight in the documents of this set, when it stands for positive text. */
  highlight: Term[] | null;
};

type Expr = { k: "raw"; s: string } | { k: "set"; i: number } | { k: "not"; e: Expr } | { k: "and" | "or"; es: Expr[] };

type Context = { qTerms: Term[]; filter: string[] };

class QueryPlanner {
  readonly requests: IdSetRequest[] = [];

  constructor(private readonly prefixWord: WordNode | null) {}

  term(node: WordNode | PhraseNode): Term {
    return termOf(node, this.prefixWord);
  }

  private request(ctx: Context, terms: Term[], nodes: QueryNode[], negated: boolean, extraFilter: string[] = []): Expr {
    // Positive words of the main search narrow the set when they fit in one `q`: results must match them.
    const withQ = ctx.qTerms.length + terms.length <= MAX_QUERY_TERMS;
    this.requests.push({
      q: buildQ([], [withQ ? ctx.qTerms : [], terms]),
      filter: and([...ctx.filter, ...extraFilter]),
      label: nodes.map((n) => (n.kind === "phrase" ? `"${n.value}"` : n.kind === "word" ? n.value : "…")).join(" "),
      highlight: negated ? null : terms,
    });
    return { k: "set", i: this.requests.length - 1 };
  }

  /** A residual set for a natively excluded term: documents that match it only through typo tolerance. */
  residual(ctx: Context, node: WordNode | PhraseNode): Expr {
    const term = this.term(node);
    const withQ = ctx.qTerms.length + 2 <= MAX_QUERY_TERMS;
    this.requests.push({
      q: buildQ([term], [withQ ? ctx.qTerms : [], [term]]),
      filter: and(ctx.filter),
      label: `-${node.kind === "phrase" ? `"${node.value}"` : node.value}`,
      highlight: null,
    });
    return { k: "set", i: this.requests.length - 1 };
  }

  /**
   * An expression that agrees with `node` on every document of the context (the final filter ANDs the
   * context, so that is all that matters) — which lets each text search be narrowed by the context.
   */
  compile(node: QueryNode, ctx: Context, negated: boolean): Expr {
    if (!hasText(node)) return { k: "raw", s: compileFilterTree(node) };
    switch (node.kind) {
      case "word":
      case "phrase":
        return this.request(ctx, [this.term(node)], [node], negated);
      case "not":
        return { k: "not", e: this.compile(node.child, ctx, !negated) };
      case "or":
        return { k: "or", es: node.children.map((c) => this.compile(c, ctx, negated)) };
      case "and": {
        // Filter-only siblings hold for every match of this AND: they narrow the other children's searches.
        const filters = node.children.filter((c) => !hasText(c)).map(compileFilterTree);
        const local: Context = { qTerms: ctx.qTerms, filter: [...ctx.filter, ...filters] };
        const texts = node.children.filter(isText);
        const rest = node.children.filter((c) => hasText(c) && !isText(c));
        const es: Expr[] = filters.map((s) => ({ k: "raw", s }));
        // Adjacent words of one AND are one search (one `q`), in chunks Meilisearch reads whole.
        for (const group of chunk(texts, MAX_QUERY_TERMS)) es.push(this.request(local, group.map((t) => this.term(t)), group, negated));
        for (const c of rest) es.push(this.compile(c, local, negated));
        return { k: "and", es };
      }
      case "filter":
        throw new Error("unreachable");
    }
  }
}

function renderExpr(e: Expr, sets: string[][]): string {
  switch (e.k) {
    case "raw":
      return e.s;
    case "set":
      return `id IN [${sets[e.i].map(filterString).join(", ")}]`;
    case "not":
      return `NOT (${renderExpr(e.e, sets)})`;
    case "and":
    case "or":
      return e.es.map((c) => `(${renderExpr(c, sets)})`).join(e.k === "and" ? " AND " : " OR ");
  }
}

type CompiledQuery = {
  /** The main search's `q`: positive terms, then native exclusions. */
  q: string;
  /** Positive terms in `q` (what Meilisearch ranks and highlights by). */
  qTerms: Term[];
  filter: string | undefined;
  /** Id sets of positive text outside `q`, with their terms, for highlighting. */
  highlightSets: { terms: Term[]; ids: Set<string> }[];
};

// ───────────────────────── cursors ─────────────────────────

/**
 * ranked: Meilisearch ranks by `q`. federated: positive text only inside OR/mixed groups — the documents
 * matching those groups ranked by a federated search over them (the head), then the rest newest first.
 */
type SortMode = "ranked" | "federated" | "newest" | "oldest";

const cursorSchema = z.discriminatedUnion("k", [
  z.object({ v: z.literal(1), k: z.literal("offset"), o: z.number().int().min(1).max(MAX_TOTAL_HITS) }),
  z.object({ v: z.literal(1), k: z.literal("phase"), p: z.enum(["head", "tail"]), o: z.number().int().min(0) }),
  z.object({
    v: z.literal(1),
    k: z.literal("keyset"),
    s: z.enum(["newest", "oldest"]),
    /** The time of the last document returned (null: documents without a time). */
    t: z.number().finite().nullable(),
    /** How many documents with exactly that time were returned so far. */
    n: z.number().int().min(1),
  }),
]);
type Cursor = z.infer<typeof cursorSchema>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

function decodeCursor(raw: string, mode: SortMode): Cursor {
  const bad = (message = "The page cursor is not valid") => new SearchRequestError(message, "bad_cursor");
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(raw)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw bad();
  const cursor = result.data;
  const cursorMode: SortMode = cursor.k === "offset" ? "ranked" : cursor.k === "phase" ? "federated" : cursor.s;
  if (cursorMode !== mode) throw bad("The page cursor belongs to a different sort order");
  return cursor;
}

// ───────────────────────── results ─────────────────────────

type Page = { hits: Hit[]; counts: SearchResponse<RecordAny>; nextCursor: Cursor | null };

/** Code point order, as PostgreSQL's COLLATE "C" (UTF-8 byte order). */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function combinedFacet(value: string | null, label: string | null): string | null {
  return value === null ? null : `${value}${FACET_SEP}${label ?? value}`;
}

function buildFacets(distribution: Record<string, Record<string, number>> | undefined): Facets {
  const facets = {} as Facets;
  for (const name of FACET_NAMES) {
    const buckets = new Map<string, FacetBucket>();
    for (const [raw, count] of Object.entries(distribution?.[FACET_ATTRIBUTES[name]] ?? {})) {
      const sep = COMBINED_FACETS.has(name) ? raw.indexOf(FACET_SEP) : -1;
      const value = sep >= 0 ? raw.slice(0, sep) : raw;
      const label = sep >= 0 ? raw.slice(sep + 1) : raw;
      // One value seen with different names (a renamed user) is one bucket, labelled by the smallest name.
      const existing = buckets.get(value);
      if (existing) {
        existing.count += count;
        if (compareCodePoints(label, existing.label) < 0) existing.label = label;
      } else buckets.set(value, { value, label, count });
    }
    facets[name] = [...buckets.values()]
      .sort((a, b) => b.count - a.count || compareCodePoints(a.label, b.label) || compareCodePoints(a.value, b.value))
      .slice(0, FACET_LIMIT);
  }
  return facets;
}

function totalOf(distribution: Record<string, Record<string, number>> | undefined): number {
  return Object.values(distribution?.type ?? {}).reduce((sum, n) => sum + n, 0);
}

function toDocument(hit: RecordAny): SearchDocument {
  const doc: Record<string, unknown> = {};
  for (const field of DOCUMENT_FIELDS) doc[field] = hit[field] ?? null;
  return doc as unknown as SearchDocument;
}

function formatted(hit: Hit): { title: string | null; body: string } {
  const f = hit._formatted as RecordAny | undefined;
  return {
    title: typeof f?.title === "string" ? f.title : typeof hit.title === "string" ? hit.title : null,
    body: typeof f?.body === "string" ? f.body : typeof hit.body === "string" ? hit.body : "",
  };
}

function toSearchHit(hit: Hit, override?: { title: string | null; body: string }): SearchHit {
  const document = toDocument(hit);
  const f = override ?? formatted(hit);
  return {
    document,
    snippet: splitHighlight(f.body),
    titleHighlight: document.title ? splitHighlight(f.title ?? document.title) : [],
  };
}

const HIGHLIGHT_PARAMS = {
  attributesToHighlight: ["title", "body"],
  highlightPreTag: HIGHLIGHT_START,
  highlightPostTag: HIGHLIGHT_END,
  attributesToCrop: ["body"],
  cropLength: SNIPPET_WORDS,
  cropMarker: "…",
} satisfies SearchParams;

// ───────────────────────── engine ─────────────────────────

export class MeilisearchEngine implements SearchEngine {
  readonly name = "meilisearch" as const;
  private readonly client: Meilisearch;
  private readonly indexUid: string;
  private readonly taskTimeoutMs: number;
  private readonly idSetLimit: number;

  constructor(options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({
      host: options.host,
      apiKey: options.apiKey,
      timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    });
    this.indexUid = options.indexUid;
    this.taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
    this.idSetLimit = Math.min(options.idSetLimit ?? ID_SET_LIMIT, MAX_TOTAL_HITS - 1);
  }

  private get index() {
    return this.client.index<StoredDocument>(this.indexUid);
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw translateError(err, what);
    }
  }

  /** Waits for an enqueued task; a failed or canceled task throws with Meilisearch's own message. */
  private async waitFor(what: string, taskUid: number, allowCodes: string[] = []): Promise<Task> {
    // Polled here rather than with the client's waitForTask(), which adds an abort listener per poll and
    // warns (MaxListenersExceededWarning) on long tasks; the interval backs off from 25 ms to 500 ms.
    const deadline = Date.now() + this.taskTimeoutMs;
    let delay = 25;
    let task = await this.call(what, () => this.client.tasks.getTask(taskUid));
    while (task.status === "enqueued" || task.status === "processing") {
      if (Date.now() >= deadline) throw new SearchUnavailableError(`Meilisearch task ${taskUid} (${what}) did not finish within ${Math.round(this.taskTimeoutMs / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(500, delay * 2);
      task = await this.call(what, () => this.client.tasks.getTask(taskUid));
    }
    if (task.status === "succeeded") return task;
    if (task.error && allowCodes.includes(task.error.code)) return task;
    const reason = task.error ? `${task.error.message} (${task.error.code})` : `the task was ${task.status}`;
    throw new MeilisearchTaskError(`Meilisearch task ${task.uid} (${what}) failed: ${reason}`, task.error?.code ?? null);
  }

  private async write(what: string, enqueue: () => EnqueuedTaskPromise, allowCodes: string[] = []): Promise<Task> {
    const { taskUid } = await this.call(what, () => enqueue());
    return this.waitFor(what, taskUid, allowCodes);
  }

  async ensureReady(): Promise<void> {
    const existing = await this.call("reading the index", async () => {
      try {
        return await this.client.getRawIndex(this.indexUid);
      } catch (err) {
        if (err instanceof MeilisearchApiError && errorCode(err) === "index_not_found") return null;
        throw err;
      }
    });
    if (!existing) {
      await this.write("creating the index", () => this.client.createIndex(this.indexUid, { primaryKey: "id" }), ["index_already_exists"]);
    } else if (existing.primaryKey == null) {
      await this.write("setting the primary key", () => this.client.updateIndex(this.indexUid, { primaryKey: "id" }));
    } else if (existing.primaryKey !== "id") {
      throw new Error(`Meilisearch index "${this.indexUid}" has primary key "${existing.primaryKey}", expected "id"; use another MEILI_INDEX or delete it`);
    }
    await this.write("updating index settings", () => this.index.updateSettings(MEILISEARCH_SETTINGS));
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const indexedAt = Date.now();
    const stored: StoredDocument[] = docs.map((d) => ({
      ...d,
      indexedAt,
      userFacet: combinedFacet(d.userEmail ?? d.userId, d.userName ?? d.userEmail ?? d.userId),
      gptFacet: combinedFacet(d.gptId, d.gptName),
      projectFacet: combinedFacet(d.projectId, d.projectName),
    }));
    // Enqueue every batch first (Meilisearch processes consecutive additions together), then wait for each.
    const enqueued = await Promise.allSettled(chunk(stored, WRITE_BATCH).map((batch) => this.call("indexing documents", () => this.index.addDocuments(batch, { primaryKey: "id" }))));
    let failure: unknown = null;
    for (const result of enqueued) {
      try {
        if (result.status === "rejected") throw result.reason;
        await this.waitFor("indexing documents", result.value.taskUid);
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure) throw failure;
  }

  async delete(ids: string[]): Promise<void> {
    for (const batch of chunk([...new Set(ids)], WRITE_BATCH)) {
      await this.write("deleting documents", () => this.index.deleteDocuments(batch));
    }
  }

  async deleteIndexedBefore(instant: number): Promise<number> {
    if (!Number.isFinite(instant)) throw new Error(`deleteIndexedBefore needs a finite epoch-ms instant, got ${instant}`);
    const task = await this.write("deleting stale documents", () => this.index.deleteDocuments({ filter: `indexedAt < ${Math.trunc(instant)}` }));
    return task.details?.deletedDocuments ?? 0;
  }

  async clear(): Promise<void> {
    await this.write("deleting all documents", () => this.index.deleteAllDocuments());
  }

  async count(): Promise<number> {
    const stats = await this.call("reading index stats", () => this.index.getStats());
    return stats.numberOfDocuments;
  }

  async close(): Promise<void> {
    // The client keeps no connections of its own (fetch's pool is process-wide).
  }

  // ───── search ─────

  private async multiSearch(what: string, queries: SearchParams[]): Promise<MultiSearchResult<RecordAny>[]> {
    if (queries.length === 0) return [];
    const withIndex: MultiSearchQuery[] = queries.map((q) => ({ ...q, indexUid: this.indexUid }));
    const response = await this.call(what, () => this.client.multiSearch({ queries: withIndex }));
    return response.results;
  }

  private async compile(tree: QueryNode | null, scope: SearchScope | undefined): Promise<CompiledQuery> {
    const base = scopeClauses(scope);
    if (!tree) return { q: "", qTerms: [], filter: and(base), highlightSets: [] };

    const conjuncts = listConjuncts(tree);
    const positive = conjuncts.filter(isText);
    const negative = conjuncts.flatMap((c) => (c.kind === "not" && isText(c.child) ? [c.child] : []));
    const filters = conjuncts.filter((c) => !hasText(c)).map(compileFilterTree);
    const rest: QueryNode[] = conjuncts.filter((c) => hasText(c) && !isText(c) && !(c.kind === "not" && isText(c.child)));

    const inQ = positive.slice(0, MAX_QUERY_TERMS);
    // Positive text Meilisearch would not read in one `q`: evaluated as id sets, in chunks.
    for (const extra of chunk(positive.slice(MAX_QUERY_TERMS), MAX_QUERY_TERMS)) rest.push(extra.length === 1 ? extra[0] : { kind: "and", children: extra });
    const planner = new QueryPlanner(findPrefixWord(tree));
    const qTerms = inQ.map((t) => planner.term(t));
    const nativeNegative = negative.slice(0, MAX_QUERY_TERMS - qTerms.length);
    for (const n of negative.slice(nativeNegative.length)) rest.push({ kind: "not", child: n });

    const ctx: Context = { qTerms, filter: [...base, ...filters] };
    const exprs: Expr[] = nativeNegative.map((n) => ({ k: "not", e: planner.residual(ctx, n) }));
    for (const c of rest) exprs.push(planner.compile(c, ctx, false));

    const sets = await this.runIdSets(planner.requests);
    const q = buildQ(nativeNegative.map((n) => planner.term(n)), [qTerms]);
    return {
      q,
      qTerms,
      filter: and([...ctx.filter, ...exprs.map((e) => renderExpr(e, sets))]),
      highlightSets: planner.requests.flatMap((r, i) => (r.highlight ? [{ terms: r.highlight, ids: new Set(sets[i]) }] : [])),
    };
  }

  private async runIdSets(requests: IdSetRequest[]): Promise<string[][]> {
    const out: string[][] = [];
    for (const batch of chunk(requests, MULTI_SEARCH_BATCH)) {
      const results = await this.multiSearch(
        "evaluating the query",
        batch.map((r) => ({
          q: r.q,
          filter: r.filter,
          matchingStrategy: "all",
          attributesToRetrieve: ["id"],
          attributesToHighlight: [],
          offset: 0,
          limit: this.idSetLimit + 1,
          sort: ["id:asc"],
        })),
      );
      results.forEach((result, i) => {
        if (result.hits.length > this.idSetLimit) {
          throw new SearchRequestError(
            `"${batch[i].label}" matches more than ${this.idSetLimit.toLocaleString("en-US")} items in this search, too many to combine with OR or exclude exactly. Add words or filters (user:, after:, type:…) to narrow it down.`,
          );
        }
        out.push(result.hits.map((h) => String(h.id)));
      });
    }
    return out;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > 100) {
      throw new SearchRequestError("limit must be an integer from 1 to 100");
    }
    const compiled = await this.compile(request.query?.tree ?? null, request.scope);
    // Relevance needs positive text to rank by; without any (browse, filters, exclusions only) it is newest.
    const mode: SortMode =
      request.sort !== "relevance" ? request.sort : compiled.qTerms.length > 0 ? "ranked" : compiled.highlightSets.length > 0 ? "federated" : "newest";
    const cursor = request.cursor ? decodeCursor(request.cursor, mode) : null;
    const page =
      mode === "ranked"
        ? await this.searchRanked(request, compiled, cursor)
        : mode === "federated"
          ? await this.searchFederated(request, compiled, cursor)
          : await this.searchSorted(request, compiled, mode, cursor);
    return {
      hits: await this.highlight(page.hits, compiled),
      total: totalOf(page.counts.facetDistribution),
      totalIsExact: true,
      nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
      facets: request.facets ? buildFacets(page.counts.facetDistribution) : null,
    };
  }

  /** Total and facets of the whole result (the `type` facet's sum is the total). */
  private countParams(request: SearchRequest, compiled: CompiledQuery): SearchParams {
    const facets = request.facets ? FACET_NAMES.map((f) => FACET_ATTRIBUTES[f]) : ["type"];
    return { q: compiled.q, matchingStrategy: "all", filter: compiled.filter, facets, limit: 0 };
  }

  private hitParams(limit: number): SearchParams {
    return { ...HIGHLIGHT_PARAMS, matchingStrategy: "all", attributesToRetrieve: [...DOCUMENT_FIELDS], limit: limit + 1 };
  }

  private async searchRanked(request: SearchRequest, compiled: CompiledQuery, cursor: Cursor | null): Promise<Page> {
    const offset = cursor?.k === "offset" ? cursor.o : 0;
    // One search gives the page, the facet counts and the total.
    const [response] = await this.multiSearch("searching", [
      { ...this.countParams(request, compiled), ...this.hitParams(request.limit), q: compiled.q, offset },
    ]);
    const next = offset + request.limit;
    return {
      hits: response.hits.slice(0, request.limit),
      counts: response,
      nextCursor: response.hits.length > request.limit && next < MAX_TOTAL_HITS ? { v: 1, k: "offset", o: next } : null,
    };
  }

  private async searchSorted(request: SearchRequest, compiled: CompiledQuery, mode: "newest" | "oldest", cursor: Cursor | null): Promise<Page> {
    const limit = request.limit;
    const sort = [`time:${mode === "newest" ? "desc" : "asc"}`, "id:asc"];
    let hits: Hit[];
    let counts: SearchResponse<RecordAny>;
    if (!cursor) {
      [counts] = await this.multiSearch("searching", [{ ...this.countParams(request, compiled), ...this.hitParams(limit), sort, offset: 0 }]);
      hits = counts.hits;
    } else {
      if (cursor.k !== "keyset") throw new SearchRequestError("The page cursor is not valid", "bad_cursor");
      // From the cursor's time on (skipping the documents of that time already returned), then those without a time.
      const noTime = "time IS NULL OR time NOT EXISTS";
      const keyset = cursor.t === null ? noTime : `time ${mode === "newest" ? "<=" : ">="} ${cursor.t} OR ${noTime}`;
      let page: SearchResponse<RecordAny>;
      [page, counts] = await this.multiSearch("searching", [
        { ...this.hitParams(limit), q: compiled.q, filter: and([...(compiled.filter ? [compiled.filter] : []), keyset]), sort, offset: cursor.n },
        this.countParams(request, compiled),
      ]);
      hits = page.hits;
    }
    const pageHits = hits.slice(0, limit);
    let nextCursor: Cursor | null = null;
    if (hits.length > limit) {
      const timeOf = (h: Hit): number | null => (typeof h.time === "number" ? h.time : null);
      const t = timeOf(pageHits[pageHits.length - 1]);
      const carried = cursor?.k === "keyset" && cursor.t === t ? cursor.n : 0;
      nextCursor = { v: 1, k: "keyset", s: mode, t, n: carried + pageHits.filter((h) => timeOf(h) === t).length };
    }
    return { hits: pageHits, counts, nextCursor };
  }

  /**
   * Relevance when the positive text is only inside OR/mixed groups (`hedgehog OR pelican`, `(alice OR
   * user:bob)`): `q` cannot hold it, so the documents that matched a positive group (known from the id
   * sets) are ranked by a federated search with one query per group (a document matching several appears
   * once, with its best score); the documents that matched through filters only follow, newest first.
   * The cursor is the phase (head, tail) and the offset within it.
   */
  private async searchFederated(request: SearchRequest, compiled: CompiledQuery, cursor: Cursor | null): Promise<Page> {
    const limit = request.limit;
    const phase = cursor?.k === "phase" ? cursor.p : "head";
    const offset = cursor?.k === "phase" ? cursor.o : 0;
    const within = (clause: string) => and([...(compiled.filter ? [compiled.filter] : []), clause]);
    const headIds = new Set(compiled.highlightSets.flatMap((s) => [...s.ids]));
    const idList = (ids: Iterable<string>) => `[${[...ids].map(filterString).join(", ")}]`;
    const groups = compiled.highlightSets.filter((s) => s.ids.size > 0);

    const headSearch =
      phase === "head" && groups.length > 0
        ? this.call("searching", () =>
            this.client.multiSearch({
              federation: { offset, limit: limit + 1 },
              queries: groups.map((g) => ({
                ...this.hitParams(limit),
                indexUid: this.indexUid,
                q: buildQ([], [g.terms]),
                filter: within(`id IN ${idList(g.ids)}`),
                limit: undefined,
              })),
            }),
          )
        : Promise.resolve({ hits: [] as Hit[] });
    const [head, [counts, tail]] = await Promise.all([
      headSearch,
      this.multiSearch("searching", [
        this.countParams(request, compiled),
        {
          ...this.hitParams(limit),
          q: compiled.q,
          filter: within(`NOT id IN ${idList(headIds)}`),
          sort: ["time:desc", "id:asc"],
          offset: phase === "tail" ? offset : 0,
        },
      ]),
    ]);

    if (phase === "head" && head.hits.length > limit) {
      return { hits: head.hits.slice(0, limit), counts, nextCursor: { v: 1, k: "phase", p: "head", o: offset + limit } };
    }
    const fromHead = phase === "head" ? head.hits : [];
    const need = limit - fromHead.length;
    const tailOffset = phase === "tail" ? offset : 0;
    return {
      hits: [...fromHead, ...tail.hits.slice(0, need)],
      counts,
      nextCursor: tail.hits.length > need ? { v: 1, k: "phase", p: "tail", o: tailOffset + need } : null,
    };
  }

  /**
   * Highlights and snippets. Meilisearch marks the terms of `q`; a hit that matched positive text outside
   * `q` (an OR branch, a mixed group) is highlighted again with the terms it actually matched — hits
   * grouped by that term set, one search per group.
   */
  private async highlight(pageHits: Hit[], compiled: CompiledQuery): Promise<SearchHit[]> {
    const groups = new Map<string, { terms: Term[][]; ids: string[] }>();
    for (const hit of pageHits) {
      const id = String(hit.id);
      const extra = compiled.highlightSets.filter((s) => s.ids.has(id)).map((s) => s.terms);
      if (extra.length === 0) continue;
      const key = JSON.stringify(extra);
      const group = groups.get(key) ?? { terms: extra, ids: [] };
      group.ids.push(id);
      groups.set(key, group);
    }
    const overrides = new Map<string, { title: string | null; body: string }>();
    if (groups.size > 0) {
      const list = [...groups.values()];
      const results = await this.multiSearch(
        "highlighting",
        list.map((g) => ({
          q: buildQ([], [compiled.qTerms, ...g.terms]),
          matchingStrategy: "last",
          filter: `id IN [${g.ids.map(filterString).join(", ")}]`,
          attributesToRetrieve: ["id", "title", "body"],
          limit: g.ids.length,
          ...HIGHLIGHT_PARAMS,
        })),
      );
      for (const result of results) for (const hit of result.hits) overrides.set(String(hit.id), formatted(hit));
    }
    return pageHits.map((hit) => toSearchHit(hit, overrides.get(String(hit.id))));
  }
}
