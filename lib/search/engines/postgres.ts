// The built-in search engine: PostgreSQL full-text search over the "SearchDocument" table (tsvector + GIN
// with the `custodian` configuration: English stemming, accents folded), pg_trgm for typo-tolerant
// `user:` filters. Zero setup: it lives in the archive's own database.
//
// The table holds millions of rows whose bytes (body, tsvector) live in the heap, so what a search costs
// is the number of heap rows it visits. Everything here is built to keep that number bounded:
//
// - One GIN scan does most of the filtering. Besides the words of title (weight A), body (B) and the parts
//   of e-mails, URLs and file names (C), the tsvector holds marker lexemes no text can produce (they start
//   with \u0001): one per enum field (type, role or "none", status, has-file, flagged, held) and sampling
//   marks. The tree compiles to one parameterized WHERE clause in which every subtree of words, phrases
//   and marker filters becomes ONE tsquery (plainto_tsquery, phraseto_tsquery, the last typed word also as
//   a prefix, combined with && || !!; a negated marker filter is the OR of the field's other values), so
//   `budget role:tool -status:reviewed` is one exact GIN bitmap. A marker common enough that walking its
//   posting list costs more than it saves (pg_stats says > 20% of rows) is read from its column instead.
//   user:/email:/gpt:/project:/tag: use the GIN indexes of the key arrays; dates and sorting the btrees on
//   coalesce(time, ±infinity). NOT is `IS NOT TRUE`, so a NULL column never flips a negation.
// - A term that reduces to nothing (stop words: "the") is dropped, as tsquery's own operators do:
//   `budget the` = `budget`, `-the` excludes nothing, a query of only stop words browses. The "is it
//   empty" tests are immutable expressions of constants, so the planner folds them away.
// - Totals and facets are exact while the match set is small (≤ exactLimit) and estimated beyond, from a
//   uniform sample the GIN index selects itself: a document carries `k<b>` when the low b bits of
//   md5(id) are zero, so `query & k10` is a 1/1024 sample of the matches. One statement probes a sparse
//   sample first and either counts exactly (probe empty) or moves to denser samples until one holds
//   sampleMin matches; totalIsExact is false then, and facet counts are scaled estimates.
// - Relevance (ts_rank_cd, title above body) ranks every match of a small set, in that same statement. A
//   large set ranks the matches of the most recent time window expected to hold about rankCandidates of
//   them (placed from the sample's times, so it is an index range), then lists older matches newest
//   first; the cursor remembers the window. Newest/oldest walk a btree and stop after limit + 1 rows.
// - Snippets (ts_headline) run on the page only. Paging is keyset only; cursors are bound to the sort, the
//   query and the scope. Statements run read-only with JIT and seq scans off and a statement timeout.
import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import { z } from "zod";
import {
  DOCUMENT_TYPE_VALUES,
  REVIEW_STATUS_VALUES,
  ROLE_VALUES,
  hasPositiveText,
  toUtcDayStart,
  type FilterNode,
  type ParsedQuery,
  type QueryNode,
  type WordNode,
} from "@/lib/search/query-ast";
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
  type HighlightSegment,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
  type SearchScope,
} from "@/lib/search/types";

/** Query-time knobs (defaults suit ~1M documents on 2 cores; tests shrink them to exercise each path). */
export interface PostgresSearchTuning {
  /** Totals and facets are exact up to this many matches, estimated from a sample beyond. */
  exactLimit: number;
  /** A sample is used once it holds at least this many matches (±10% at 100). */
  sampleMin: number;
  /** Relevance ranks about this many of the most recent matches; older matches follow, newest first. */
  rankCandidates: number;
}

export const DEFAULT_TUNING: PostgresSearchTuning = { exactLimit: 1000, sampleMin: 100, rankCandidates: 500 };

const TABLE = `"SearchDocument"`;
/** Text beyond this many characters of a body is neither indexed nor used for snippets. */
const MAX_INDEXED_CHARS = 500_000;
/** ts_headline re-parses its input: bounded so one huge tool output cannot slow a page down. */
const MAX_SNIPPET_SOURCE_CHARS = 100_000;
/** Bodies up to this long are their own snippet (highlighted throughout). */
const WHOLE_SNIPPET_CHARS = 240;
/** Snippet when the query has no positive text: the start of the body. */
const PLAIN_SNIPPET_CHARS = 200;
/** The last word of a query also matches as a prefix from this many characters on (shorter ones expand to too much). */
const MIN_PREFIX_CHARS = 3;
/** word_similarity threshold for `user:` typo matching (pg_trgm's default of 0.6 misses `alise` → Alice). */
const USER_SIMILARITY = 0.5;
const STATEMENT_TIMEOUT_MS = 20_000;
/** Enough for exact (not lossy) bitmaps of a few hundred thousand matches, e.g. a prefix of a common word. */
const WORK_MEM = "32MB";
/** ts_rank_cd weights for {D, C, B, A}: title (A) counts 2.5× the body (B). */
const RANK_WEIGHTS = "{0.1,0.2,0.4,1.0}";
/** ts_rank_cd normalization: divide by 1 + log(document length). */
const RANK_NORMALIZATION = 1;
/** Sampling marks, sparsest first: `k<b>` = the low b bits of md5(id) are zero (a 1/2^b sample). */
const SAMPLE_BITS = [16, 13, 10, 7, 4] as const;
const MARKER_STATS_TTL_MS = 5 * 60_000;
/** A recent window chosen from a sample may be denser than expected: never rank more than this. */
const MAX_WINDOW_CANDIDATES = 4000;
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;
const TITLE_HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`;
/**
 * `<` is replaced by this (a blank to the parser) before parsing text, for the vector and for snippets
 * alike: the default parser would otherwise read `<b>` or `<alice@x.com>` as HTML tags, leave their words
 * unindexed and drop them from snippets. Mapped back to `<` in snippet text.
 */
const LT_STANDIN = "\u0001";
/** Prefix of marker lexemes: the text parser never emits control characters. */
const MARK = "\u0001";

/** Sort keys: documents without a time sort last both ways. Indexed (see the schema). */
const NEWEST_KEY = (a: string) => `coalesce(${a}."time", '-infinity'::timestamptz)`;
const OLDEST_KEY = (a: string) => `coalesce(${a}."time", 'infinity'::timestamptz)`;

/** Columns written by upsert, in order, with their types in the JSON batch. */
const DOC_COLUMNS = [
  ["id", "text"],
  ["type", "text"],
  ["itemType", "text"],
  ["itemId", "text"],
  ["sourceId", "text"],
  ["title", "text"],
  ["body", "text"],
  ["conversationId", "text"],
  ["messageId", "text"],
  ["userId", "text"],
  ["userName", "text"],
  ["userEmail", "text"],
  ["userKeys", "text[]"],
  ["role", "text"],
  ["toolName", "text"],
  ["gptId", "text"],
  ["gptName", "text"],
  ["gptKeys", "text[]"],
  ["projectId", "text"],
  ["projectName", "text"],
  ["projectKeys", "text[]"],
  ["time", "int8"],
  ["hasFile", "boolean"],
  ["onActiveBranch", "boolean"],
  ["deletedAtSource", "boolean"],
  ["tags", "text[]"],
  ["flagged", "boolean"],
  ["held", "boolean"],
  ["status", "text"],
  ["version", "int4"],
] as const;

const q = (name: string) => `"${name}"`;

/**
 * Lexemes of the marker vector: exactly one per enum field (so a negated filter is the OR of the other
 * values), then the sampling marks; `h` is the document's 32-bit hash.
 */
const markerArraySql = (j: string, h: string) => {
  const mark = (s: string) => `chr(1) || ${s}`;
  const flag = (col: string, name: string) => mark(`'${name}=' || CASE WHEN ${j}.${q(col)} THEN '1' ELSE '0' END`);
  return `array_remove(ARRAY[
    ${mark(`'t=' || ${j}.type`)},
    ${mark(`'r=' || coalesce(${j}.role, 'none')`)},
    ${mark(`'s=' || ${j}.status`)},
    ${flag("hasFile", "f")},
    ${flag("flagged", "F")},
    ${flag("held", "H")},
    ${SAMPLE_BITS.map((b) => `CASE WHEN ${h} & ${(1 << b) - 1} = 0 THEN ${mark(`'k${b}'`)} END`).join(",\n    ")}
  ]::text[], NULL)`;
};

/**
 * Title (A), body (B), the parts of compound tokens (C: `pineapple-budget.xlsx`, `bob@acme.com` and URLs
 * are single tokens to the parser; their words are indexed too) and the marker lexemes.
 */
const vectorSql = (j: string) => {
  const body = `left(${j}.body, ${MAX_INDEXED_CHARS})`;
  const compound = `(SELECT string_agg(m[1], ' ') FROM regexp_matches(${body}, '([^[:space:]]*[[:alnum:]][./@:][[:alnum:]][^[:space:]]*)', 'g') AS m)`;
  return `setweight(to_tsvector('custodian', translate(coalesce(${j}.title, ''), '<', chr(1))), 'A')
       || setweight(to_tsvector('custodian', translate(${body}, '<', chr(1))), 'B')
       || setweight(to_tsvector('custodian', translate(coalesce(${compound}, ''), '-./@_:<', '       ')), 'C')
       || array_to_tsvector(${markerArraySql(j, `('x' || substr(md5(${j}.id), 1, 8))::bit(32)::int`)})`;
};

const UPSERT_SQL = (() => {
  const cols = DOC_COLUMNS.map(([c]) => q(c));
  const select = DOC_COLUMNS.map(([c]) => {
    const v = `j.${q(c)}`;
    if (c === "itemType") return `${v}::"ItemType"`;
    if (c === "time") return `CASE WHEN ${v} IS NULL THEN NULL ELSE 'epoch'::timestamptz + ${v} * interval '1 millisecond' END`;
    if (c.endsWith("Keys") || c === "tags") return `coalesce(${v}, '{}')`;
    return v;
  });
  const recordType = DOC_COLUMNS.map(([c, t]) => `${q(c)} ${t}`).join(", ");
  const updates = [...DOC_COLUMNS.slice(1).map(([c]) => `${q(c)} = EXCLUDED.${q(c)}`), `"searchVector" = EXCLUDED."searchVector"`, `"indexedAt" = EXCLUDED."indexedAt"`];
  return `INSERT INTO ${TABLE} (${cols.join(", ")}, "searchVector", "indexedAt")
SELECT ${select.join(", ")}, ${vectorSql("j")}, now()
  FROM jsonb_to_recordset($1::jsonb) AS j(${recordType})
ON CONFLICT (id) DO UPDATE SET ${updates.join(", ")}`;
})();

/** The document columns as read back (time as epoch ms). */
const selectDocument = (a: string) =>
  DOC_COLUMNS.map(([c]) => (c === "time" ? `(extract(epoch FROM ${a}."time") * 1000)::int8 AS "time"` : `${a}.${q(c)}`)).join(", ");

/** Epoch ms of a sort key, null for ±infinity (no time). */
const epochMs = (expr: string) => `CASE WHEN isfinite(${expr}) THEN (extract(epoch FROM ${expr}) * 1000)::int8 END`;

// ───────────────────────── query compilation ─────────────────────────

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ""}`;
  }
}

/** A compiled predicate; `empty` (SQL, or null when it can never be) says the node dropped out (stop words only). */
type Predicate = { match: string; empty: string | null };

/** Filters that marker lexemes in the tsvector can answer. */
const MARKER_FIELDS: ReadonlySet<FilterNode["field"]> = new Set(["type", "role", "status", "has", "flagged", "held"]);

/**
 * A marker lexeme this common costs the GIN scan more (walking its huge posting list) than it saves in
 * heap visits: such filters, and negated ones, are checked on the columns instead.
 */
const MAX_MARKER_FREQUENCY = 0.2;

/**
 * The word that also matches as a prefix (search as you type): the last word not under a NOT, when it is
 * what the input ends with. A word followed by more terms was typed out; expanding it (`time` → time,
 * timeline, timer…) would only cost time.
 */
function findPrefixWord(query: ParsedQuery): WordNode | null {
  const leaves: { node: QueryNode; negated: boolean }[] = [];
  const visit = (node: QueryNode, negated: boolean): void => {
    if (node.kind === "not") visit(node.child, !negated);
    else if (node.kind === "and" || node.kind === "or") for (const c of node.children) visit(c, negated);
    else leaves.push({ node, negated });
  };
  visit(query.tree, false);
  const last = leaves[leaves.length - 1];
  if (!last || last.negated || last.node.kind !== "word") return null;
  const word = last.node;
  const tail = query.raw.normalize("NFC").replace(/[\s)]+$/u, "").replace(/\u2019/g, "'");
  return tail.toLowerCase().endsWith(word.value.toLowerCase()) ? word : null;
}

/** A tsquery literal operand: one quoted token (backslashes and quotes escaped). */
function quoteTsqueryOperand(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

const normalizeKey = (value: string) => value.normalize("NFC").trim().toLowerCase();

/** How often each marker lexeme occurs (from pg_stats; absent = rare or not analyzed yet). */
type MarkerFrequencies = ReadonlyMap<string, number>;

/** Every value a marker field can take, as its lexeme (each document has exactly one per field). */
const MARKER_DOMAIN: Record<string, readonly string[]> = {
  type: DOCUMENT_TYPE_VALUES.map((v) => `t=${v}`),
  role: [...ROLE_VALUES, "none"].map((v) => `r=${v}`),
  status: REVIEW_STATUS_VALUES.map((v) => `s=${v}`),
  has: ["f=1", "f=0"],
  flagged: ["F=1", "F=0"],
  held: ["H=1", "H=0"],
};

/** The marker lexemes of which a matching document has one: the filter's value, or (negated) the others. */
function markerSet(node: FilterNode, negated: boolean): string[] {
  const own =
    node.field === "type" ? `t=${node.value}`
    : node.field === "role" ? `r=${node.value}`
    : node.field === "status" ? `s=${node.value}`
    : node.field === "has" ? "f=1"
    : node.field === "flagged" ? `F=${node.value ? 1 : 0}`
    : node.field === "held" ? `H=${node.value ? 1 : 0}`
    : null;
  if (own === null) throw new Error(`${node.field}: not a marker filter`);
  const domain = MARKER_DOMAIN[node.field];
  return (negated ? domain.filter((l) => l !== own) : [own]).map((l) => MARK + l);
}

class QueryCompiler {
  private readonly prefixWord: QueryNode | null;

  constructor(
    private readonly params: Params,
    query: ParsedQuery | null,
    private readonly fuzzyUsers: ReadonlySet<string>,
    private readonly markers: MarkerFrequencies = new Map(),
    /** Date filters are written on the oldest-first sort key (else the newest-first one). */
    private readonly oldest = false,
  ) {
    this.prefixWord = query ? findPrefixWord(query) : null;
  }

  /** Rare enough that its GIN posting lists are cheap to walk. */
  private isSelective(lexemes: string[]): boolean {
    return lexemes.reduce((sum, l) => sum + (this.markers.get(l) ?? 0), 0) <= MAX_MARKER_FREQUENCY;
  }

  /**
   * Words, phrases and selective marker filters, under NOT/AND/OR: one tsquery can evaluate it. A marker
   * filter is its value's lexeme (under a deeper NOT too, as `!!`); a NOT directly on one is the OR of the
   * other values' lexemes.
   */
  private isIndexable(node: QueryNode): boolean {
    switch (node.kind) {
      case "word":
      case "phrase":
        return true;
      case "filter":
        return MARKER_FIELDS.has(node.field) && this.isSelective(markerSet(node, false));
      case "not":
        if (node.child.kind === "filter") return MARKER_FIELDS.has(node.child.field) && this.isSelective(markerSet(node.child, true));
        return this.isIndexable(node.child);
      case "and":
      case "or":
        return node.children.every((c) => this.isIndexable(c));
    }
  }

  /** Every match holds a positive lexeme of the (indexable) node, so a GIN scan can find them. */
  private isPositive(node: QueryNode): boolean {
    switch (node.kind) {
      case "word":
      case "phrase":
      case "filter":
        return true;
      case "not":
        return node.child.kind === "filter";
      case "and":
        return node.children.some((c) => this.isPositive(c));
      case "or":
        return node.children.every((c) => this.isPositive(c));
    }
  }

  /** A tsquery expression for an indexable subtree. */
  tsquery(node: QueryNode): string {
    switch (node.kind) {
      case "word": {
        const plain = `plainto_tsquery('custodian', ${this.params.add(node.value)})`;
        if (node !== this.prefixWord || [...node.value].length < MIN_PREFIX_CHARS) return plain;
        // Prefix on the unstemmed, accent-folded word (the stem of a partial word is often not a prefix of
        // the full word's stem: "zephy" stems to "zephi"). A stop word stays a stop word.
        const prefix = `to_tsquery('custodian_prefix', ${this.params.add(`${quoteTsqueryOperand(node.value)}:*`)})`;
        return `(CASE WHEN numnode(${plain}) = 0 THEN ${plain} ELSE ${plain} || ${prefix} END)`;
      }
      case "phrase":
        return `phraseto_tsquery('custodian', ${this.params.add(node.value)})`;
      case "filter":
        return this.markerTsquery(markerSet(node, false));
      case "not":
        // NOT of a marker filter is the OR of the field's other values (a positive, indexable form).
        if (node.child.kind === "filter") return this.markerTsquery(markerSet(node.child, true));
        return `(!! ${this.tsquery(node.child)})`;
      case "and":
        return `(${node.children.map((c) => this.tsquery(c)).join(" && ")})`;
      case "or":
        return `(${node.children.map((c) => this.tsquery(c)).join(" || ")})`;
    }
  }

  private markerTsquery(lexemes: string[]): string {
    return `${this.params.add(lexemes.map(quoteTsqueryOperand).join(" | "))}::tsquery`;
  }

  /** The positive text of a subtree (NOT and filters dropped), for ranking and highlighting; null if none. */
  rankTsquery(node: QueryNode): string | null {
    switch (node.kind) {
      case "word":
      case "phrase":
        return this.tsquery(node);
      case "filter":
      case "not":
        return null;
      case "and":
      case "or": {
        const parts = node.children.map((c) => this.rankTsquery(c)).filter((p): p is string => p !== null);
        if (parts.length === 0) return null;
        return parts.length === 1 ? parts[0] : `(${parts.join(node.kind === "and" ? " && " : " || ")})`;
      }
    }
  }

  /** The WHERE condition for the tree (true for no tree). */
  where(tree: QueryNode | null): string {
    if (!tree) return "true";
    const p = this.predicate(tree);
    return p.empty ? `(${p.empty} OR ${p.match})` : p.match;
  }

  private predicate(node: QueryNode): Predicate {
    if (this.isIndexable(node) && this.isPositive(node)) {
      const ts = this.tsquery(node);
      return { match: `d."searchVector" @@ ${ts}`, empty: `numnode(${ts}) = 0` };
    }
    switch (node.kind) {
      case "word":
      case "phrase":
        throw new Error("unreachable: terms are positive");
      case "filter":
        return { match: this.filter(node), empty: null };
      case "not": {
        // A common marker value: read the column, not the tsvector.
        const child = node.child.kind === "filter" ? { match: this.filter(node.child), empty: null } : this.predicate(node.child);
        return { match: `((${child.match}) IS NOT TRUE)`, empty: child.empty };
      }
      case "and":
      case "or": {
        // Indexable children go into one tsquery (one GIN scan) when together they are positive.
        const indexable = node.children.filter((c) => this.isIndexable(c));
        const group: QueryNode | null = indexable.length === 1 ? indexable[0] : indexable.length ? { kind: node.kind, children: indexable } : null;
        const grouped = group !== null && this.isPositive(group);
        const parts = (grouped ? [group, ...node.children.filter((c) => !this.isIndexable(c))] : node.children).map((c) => this.predicate(c));
        const empties = parts.map((p) => p.empty);
        const empty = empties.every((e): e is string => e !== null) ? `(${empties.join(" AND ")})` : null;
        const match =
          node.kind === "and"
            ? parts.map((p) => (p.empty ? `(${p.empty} OR ${p.match})` : p.match)).join(" AND ")
            : parts.map((p) => (p.empty ? `(NOT ${p.empty} AND ${p.match})` : p.match)).join(" OR ");
        return { match: `(${match})`, empty };
      }
    }
  }

  /** A filter as SQL; a NULL column reads as "no match" (and NOT is IS NOT TRUE). */
  private filter(node: FilterNode): string {
    const p = this.params;
    switch (node.field) {
      case "user": {
        const v = normalizeKey(node.value);
        const exact = `d."userKeys" @> ARRAY[${p.add(v)}]::text[]`;
        if (!this.fuzzyUsers.has(v)) return exact;
        // No user has this key: match names and emails that contain a similar word (typos).
        const raw = p.add(node.value.normalize("NFC").trim());
        return `(${exact} OR d."userName" %> ${raw} OR d."userEmail" %> ${raw})`;
      }
      case "email": {
        // userKeys holds the email (types.ts): its GIN index finds the rows, the equality makes it exact.
        const v = p.add(normalizeKey(node.value));
        return `(d."userKeys" @> ARRAY[${v}]::text[] AND lower(d."userEmail") = ${v})`;
      }
      case "gpt":
        return `d."gptKeys" @> ARRAY[${p.add(normalizeKey(node.value))}]::text[]`;
      case "project":
        return `d."projectKeys" @> ARRAY[${p.add(normalizeKey(node.value))}]::text[]`;
      case "tag":
        return `d.tags @> ARRAY[${p.add(normalizeKey(node.value))}]::text[]`;
      case "role":
        return `d.role = ${p.add(node.value)}`;
      case "type":
        return `d.type = ${p.add(node.value)}`;
      case "status":
        return `d.status = ${p.add(node.value)}`;
      case "has":
        return `d."hasFile"`;
      case "flagged":
        return node.value ? `d.flagged` : `NOT d.flagged`;
      case "held":
        return node.value ? `d.held` : `NOT d.held`;
      // On the sort key of the order being read, so the same btree both filters and orders.
      case "after": {
        const day = p.add(toUtcDayStart(node.value).toISOString(), "timestamptz");
        return this.oldest ? `(${OLDEST_KEY("d")} >= ${day} AND ${OLDEST_KEY("d")} < 'infinity')` : `${NEWEST_KEY("d")} >= ${day}`;
      }
      case "before": {
        const day = p.add(toUtcDayStart(node.value).toISOString(), "timestamptz");
        return this.oldest ? `${OLDEST_KEY("d")} < ${day}` : `(${NEWEST_KEY("d")} < ${day} AND ${NEWEST_KEY("d")} > '-infinity')`;
      }
    }
  }
}

/** Distinct lowercased `user:` values in the tree. */
function collectUserValues(tree: QueryNode): string[] {
  const out = new Set<string>();
  const visit = (node: QueryNode): void => {
    if (node.kind === "filter" && node.field === "user") out.add(normalizeKey(node.value));
    else if (node.kind === "not") visit(node.child);
    else if (node.kind === "and" || node.kind === "or") node.children.forEach(visit);
  };
  visit(tree);
  return [...out];
}

function scopeSql(scope: SearchScope | undefined, params: Params, alias = "d"): string[] {
  const out: string[] = [];
  if (scope?.sourceIds) out.push(`${alias}."sourceId" = ANY(${params.add(scope.sourceIds, "text[]")})`);
  if (scope?.userIds) out.push(`${alias}."userId" = ANY(${params.add(scope.userIds, "text[]")})`);
  return out;
}

// ───────────────────────── cursors ─────────────────────────

type SortMode = "relevance" | "newest" | "oldest";

/** A position in a time order: epoch ms (null = no time) and id. */
const keySchema = z.tuple([z.number().int().nullable(), z.string().min(1).max(1000)]);
type Key = z.infer<typeof keySchema>;

const cursorSchema = z.discriminatedUnion("m", [
  z.object({
    v: z.literal(1),
    s: z.enum(["relevance", "newest", "oldest"]),
    h: z.string().min(1).max(64),
    m: z.enum(["newest", "oldest"]),
    k: keySchema,
  }),
  z.object({
    v: z.literal(1),
    s: z.literal("relevance"),
    h: z.string().min(1).max(64),
    m: z.literal("relevance"),
    /** Candidates are the matches at or before this newest-order key (null: every match). */
    b: z.tuple([z.number().int().nullable(), z.string().max(1000)]).nullable(),
    /** 1: among the ranked candidates (after rank r, then key k); 2: among the older matches (after k). */
    tier: z.union([z.literal(1), z.literal(2)]),
    r: z.number().finite().optional(),
    k: keySchema,
  }),
]);
type Cursor = z.infer<typeof cursorSchema>;
type RelevanceCursor = Extract<Cursor, { m: "relevance" }>;
type Boundary = RelevanceCursor["b"];

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), "utf8").toString("base64url");
}

function decodeCursor(raw: string, expect: { s: SearchRequest["sort"]; h: string; m: SortMode }): Cursor {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,4000}$/.test(raw)) throw new Error("not base64url");
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw new SearchRequestError("The page cursor is not valid", "bad_cursor");
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new SearchRequestError("The page cursor is not valid", "bad_cursor");
  const c = result.data;
  if (c.s !== expect.s || c.h !== expect.h || c.m !== expect.m || (c.m === "relevance" && (c.tier === 1) !== (c.r !== undefined))) {
    throw new SearchRequestError("The page cursor belongs to a different search", "bad_cursor");
  }
  return c;
}

function requestHash(request: SearchRequest): string {
  const scope = request.scope ?? {};
  const key = JSON.stringify([
    request.query?.tree ?? null,
    request.query ? (findPrefixWord(request.query)?.value ?? null) : null,
    scope.sourceIds ? [...new Set(scope.sourceIds)].sort() : null,
    scope.userIds ? [...new Set(scope.userIds)].sort() : null,
  ]);
  return createHash("sha256").update(key).digest("base64url").slice(0, 16);
}

/** A sort-key literal: epoch ms, or the infinity that stands for "no time" in that order. */
function keyTime(ms: number | null, mode: "newest" | "oldest", params: Params): string {
  return params.add(ms === null ? (mode === "newest" ? "-infinity" : "infinity") : new Date(ms).toISOString(), "timestamptz");
}

// ───────────────────────── rows ─────────────────────────

type DocumentRow = Omit<SearchDocument, "time" | "role" | "status" | "type"> & {
  time: string | null;
  role: string | null;
  status: string;
  type: string;
};
type HitRow = DocumentRow & {
  rank: number | null;
  tier: number;
  sort_ms: string | null;
  snippet: string | null;
  title_hl: string | null;
  b_ms: string | null;
  b_id: string | null;
  b_full: boolean | null;
};
type StatsRow = {
  facet: string;
  value: string | null;
  label: string | null;
  n: string;
  lvl: number | null;
  times: string[] | null;
  hits: HitRow[] | null;
};

function toDocument(row: DocumentRow): SearchDocument {
  return {
    id: row.id,
    type: row.type as SearchDocument["type"],
    itemType: row.itemType,
    itemId: row.itemId,
    sourceId: row.sourceId,
    title: row.title,
    body: row.body,
    conversationId: row.conversationId,
    messageId: row.messageId,
    userId: row.userId,
    userName: row.userName,
    userEmail: row.userEmail,
    userKeys: row.userKeys ?? [],
    role: row.role as SearchDocument["role"],
    toolName: row.toolName,
    gptId: row.gptId,
    gptName: row.gptName,
    gptKeys: row.gptKeys ?? [],
    projectId: row.projectId,
    projectName: row.projectName,
    projectKeys: row.projectKeys ?? [],
    time: row.time === null ? null : Number(row.time),
    hasFile: row.hasFile,
    onActiveBranch: row.onActiveBranch,
    deletedAtSource: row.deletedAtSource,
    tags: row.tags ?? [],
    flagged: row.flagged,
    held: row.held,
    status: row.status as SearchDocument["status"],
    version: row.version,
  };
}

function toSegments(marked: string | null): HighlightSegment[] {
  if (!marked) return [];
  return splitHighlight(marked).map((s) => ({ text: s.text.replaceAll(LT_STANDIN, "<"), match: s.match }));
}

/** The start of the body, cut at a word boundary. */
function plainSnippet(body: string): HighlightSegment[] {
  const text = body.replace(/\s+/g, " ").trim();
  if (text.length <= PLAIN_SNIPPET_CHARS) return text ? [{ text, match: false }] : [];
  const cut = text.slice(0, PLAIN_SNIPPET_CHARS);
  const space = cut.lastIndexOf(" ");
  return [{ text: `${space > PLAIN_SNIPPET_CHARS / 2 ? cut.slice(0, space) : cut} …`, match: false }];
}

// ───────────────────────── errors ─────────────────────────

/** SQLSTATE classes that mean "the database is not reachable or gave up", not a bug in the query. */
const UNAVAILABLE_SQLSTATE = /^(08(?!P01)|53|57|58|XX)/;
const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EPIPE", "EAI_AGAIN"]);

function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_CODES.has(code))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(
    err.message,
  );
}

function unavailable(err: unknown): never {
  if (err instanceof SearchUnavailableError || err instanceof SearchRequestError) throw err;
  if (isUnavailable(err)) {
    const code = (err as { code?: string }).code;
    const message = code === "57014" ? "the search took too long and was cancelled" : "the search database is unavailable";
    throw new SearchUnavailableError(message, { cause: err });
  }
  throw err;
}

// ───────────────────────── the engine ─────────────────────────

/** What one search needs to build its statements. */
interface Plan {
  request: SearchRequest;
  tree: QueryNode | null;
  fuzzyUsers: ReadonlySet<string>;
  /** The query has positive text that survives stop-word removal: rank and highlight. */
  hasText: boolean;
  mode: SortMode;
  markers: MarkerFrequencies;
}

/** Counts over the whole match set (exact, or from a 1/2^level sample). */
interface Stats {
  total: number;
  exact: boolean;
  /** Sample level (0 = every match was counted). */
  level: number;
  facets: Facets | null;
  /** Newest-first epoch ms of the counted matches that have a time (when asked for). */
  times: number[];
  /** The first relevance page, when asked for and every match was counted (so every match was ranked). */
  rankedPage: HitRow[] | null;
}

/** Where relevance candidates stop: null = every match is a candidate. */
type Window = { since: number | null; limit: number };

export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres" as const;
  private readonly ownsPool: boolean;
  private readonly tuning: PostgresSearchTuning;
  private markerStats: { at: number; freq: MarkerFrequencies } | null = null;

  constructor(
    private readonly pool: pg.Pool,
    options: { ownsPool?: boolean; tuning?: Partial<PostgresSearchTuning> } = {},
  ) {
    this.ownsPool = options.ownsPool ?? false;
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
  }

  async ensureReady(): Promise<void> {
    const { rows } = await this.run((c) =>
      c.query<{ table: string | null; configs: number }>(
        `SELECT to_regclass('"SearchDocument"')::text AS table,
                (SELECT count(*)::int FROM pg_ts_config WHERE cfgname IN ('custodian', 'custodian_prefix') AND pg_ts_config_is_visible(oid)) AS configs`,
      ),
    );
    if (!rows[0]?.table || rows[0].configs !== 2) {
      throw new SearchUnavailableError("the search tables are missing: run the database migrations");
    }
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    if (!docs.length) return;
    // One statement per batch; ON CONFLICT cannot touch a row twice, so the last version of an id wins.
    const byId = new Map<string, SearchDocument>();
    for (const d of docs) byId.set(d.id, d);
    // PostgreSQL text cannot hold NUL.
    const json = JSON.stringify([...byId.values()], (_k, v: unknown) => (typeof v === "string" ? v.replaceAll("\u0000", "") : v));
    await this.run((c) => c.query(UPSERT_SQL, [json]));
  }

  async delete(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.run((c) => c.query(`DELETE FROM ${TABLE} WHERE id = ANY($1::text[])`, [ids]));
  }

  async deleteIndexedBefore(instant: number): Promise<number> {
    const { rowCount } = await this.run((c) =>
      c.query(`DELETE FROM ${TABLE} WHERE "indexedAt" < $1::timestamptz`, [new Date(instant).toISOString()]),
    );
    return rowCount ?? 0;
  }

  async clear(): Promise<void> {
    await this.run((c) => c.query(`TRUNCATE ${TABLE}`));
  }

  async count(): Promise<number> {
    const { rows } = await this.run((c) => c.query<{ n: string }>(`SELECT count(*) AS n FROM ${TABLE}`));
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > 100) {
      throw new SearchRequestError("limit must be an integer from 1 to 100");
    }
    const tree = request.query?.tree ?? null;
    const plan: Plan = { request, tree, fuzzyUsers: new Set(), hasText: false, mode: "newest", markers: await this.markerFrequencies() };
    const positive = tree !== null && hasPositiveText(tree);
    const userValues = tree ? collectUserValues(tree) : [];
    if (tree && (positive || userValues.length)) {
      // What the statements depend on: whether the positive text survives stop-word removal, and which
      // user: values match no user exactly (only those get the slower trigram fallback).
      const params = new Params();
      const rank = positive ? new QueryCompiler(params, request.query, new Set()).rankTsquery(tree) : null;
      const scope = scopeSql(request.scope, params, "x");
      const sql = `SELECT ${rank ? `numnode(${rank}) > 0` : "false"} AS "hasText",
        ARRAY(SELECT v FROM unnest(${params.add(userValues, "text[]")}) AS v
               WHERE NOT EXISTS (SELECT 1 FROM ${TABLE} x WHERE x."userKeys" @> ARRAY[v] ${scope.map((s) => `AND ${s}`).join(" ")})) AS "fuzzy"`;
      const { rows } = await this.run((c) => c.query<{ hasText: boolean; fuzzy: string[] }>(sql, params.values), true);
      plan.hasText = rows[0].hasText;
      plan.fuzzyUsers = new Set(rows[0].fuzzy);
    }
    plan.mode = request.sort === "oldest" ? "oldest" : request.sort === "newest" || !plan.hasText ? "newest" : "relevance";

    const hash = requestHash(request);
    const cursor = request.cursor ? decodeCursor(request.cursor, { s: request.sort, h: hash, m: plan.mode }) : null;
    const facets = request.facets === true;

    let stats: Stats;
    let page: { rows: HitRow[]; boundary: Boundary };
    if (plan.mode === "relevance" && !cursor) {
      // The first relevance page needs the match count (and times) to choose its candidates; when every
      // match was counted, the same statement ranked them all.
      stats = await this.stats(plan, facets, { times: true, rankPage: true });
      page = stats.rankedPage ? { rows: stats.rankedPage, boundary: null } : await this.relevanceHits(plan, null, this.chooseWindow(stats));
    } else {
      [stats, page] = await Promise.all([
        this.stats(plan, facets),
        plan.mode === "relevance"
          ? this.relevanceHits(plan, cursor as RelevanceCursor, null)
          : this.timeHits(plan, cursor as Extract<Cursor, { m: "newest" | "oldest" }> | null).then((rows) => ({ rows, boundary: null })),
      ]);
    }
    const rows = page.rows;

    const more = rows.length > request.limit;
    const shown = more ? rows.slice(0, request.limit) : rows;
    const hits: SearchHit[] = shown.map((row) => {
      const document = toDocument(row);
      return {
        document,
        snippet: plan.hasText ? toSegments(row.snippet) : plainSnippet(document.body),
        titleHighlight: plan.hasText ? toSegments(row.title_hl) : document.title ? [{ text: document.title, match: false }] : [],
      };
    });
    const last = shown[shown.length - 1];
    let nextCursor: string | null = null;
    if (more && last) {
      const k: Key = [last.sort_ms === null ? null : Number(last.sort_ms), last.id];
      if (plan.mode === "relevance") {
        nextCursor = encodeCursor({
          v: 1,
          s: "relevance",
          h: hash,
          m: "relevance",
          b: page.boundary,
          tier: last.tier === 2 ? 2 : 1,
          ...(last.tier === 2 ? {} : { r: Number(last.rank) }),
          k,
        });
      } else {
        nextCursor = encodeCursor({ v: 1, s: request.sort, h: hash, m: plan.mode, k });
      }
    }
    return { hits, total: stats.total, totalIsExact: stats.exact, nextCursor, facets: stats.facets };
  }

  /** Marker lexeme frequencies from the planner statistics of the tsvector column, refreshed every few minutes. */
  private async markerFrequencies(): Promise<MarkerFrequencies> {
    const now = Date.now();
    if (this.markerStats && now - this.markerStats.at < MARKER_STATS_TTL_MS) return this.markerStats.freq;
    const { rows } = await this.run((c) =>
      c.query<{ elems: string[] | null; freqs: number[] | null }>(
        `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
           FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'SearchDocument' AND attname = 'searchVector'`,
      ),
    );
    const freq = new Map<string, number>();
    const { elems, freqs } = rows[0] ?? { elems: null, freqs: null };
    if (elems && freqs) elems.forEach((e, i) => e.startsWith(MARK) && freq.set(e, freqs[i]));
    this.markerStats = { at: now, freq };
    return freq;
  }

  /** Relevance candidates for a sampled (large) match set: a recent window expected to hold about rankCandidates. */
  private chooseWindow(stats: Stats): Window {
    const k = this.tuning.rankCandidates;
    const perSample = 2 ** stats.level;
    const i = Math.ceil(k / perSample);
    // A coarse sample cannot place the window: take the newest k matches (the set is dense, so cheap).
    if (perSample > k / 2 || i > stats.times.length) return { since: null, limit: k };
    return { since: stats.times[i - 1], limit: MAX_WINDOW_CANDIDATES };
  }

  /** WHERE for the request: scope, then the compiled query. */
  private where(plan: Plan, params: Params): { where: string; compiler: QueryCompiler } {
    const compiler = new QueryCompiler(params, plan.request.query, plan.fuzzyUsers, plan.markers, plan.mode === "oldest");
    const parts = [...scopeSql(plan.request.scope, params), compiler.where(plan.tree)];
    return { where: parts.join(" AND "), compiler };
  }

  /**
   * Total and facets (and, for a first relevance page over a small match set, the ranked page itself),
   * in one statement that counts exactly when the match set is small and samples it otherwise.
   *
   * The steps below run in order, each only when its gate (over the counts of earlier steps) holds:
   * a 1/8192 probe first; nothing in it means the set is probably small, so the exact count comes next
   * (capped at exactLimit + 1); otherwise, or when the exact count overflows, denser samples follow until
   * one holds sampleMin matches. A typical query runs two GIN scans; none runs more than five.
   */
  private async stats(plan: Plan, facets: boolean, options: { times?: boolean; rankPage?: boolean } = {}): Promise<Stats> {
    const params = new Params();
    const { where, compiler } = this.where(plan, params);
    const { exactLimit, sampleMin } = this.tuning;
    const min = params.add(sampleMin, "int8");
    const cap = params.add(sampleMin * 16, "int8");
    const x = params.add(exactLimit, "int8");
    const colNames = ["k", ...(facets ? ["type", "role", "status", "tags", "uv", "ul", "gv", "gl", "pv", "pl"] : [])];
    const cols = [
      `${NEWEST_KEY("d")} AS k`,
      ...(facets
        ? [
            "d.type",
            "d.role",
            "d.status",
            "d.tags",
            `coalesce(d."userEmail", d."userId") AS uv`,
            `coalesce(d."userName", d."userEmail", d."userId") AS ul`,
            `d."gptId" AS gv`,
            `coalesce(d."gptName", d."gptId") AS gl`,
            `d."projectId" AS pv`,
            `coalesce(d."projectName", d."projectId") AS pl`,
          ]
        : []),
    ].join(", ");
    const rankQuery = options.rankPage && plan.tree ? compiler.rankTsquery(plan.tree) : null;
    const c = (name: string) => `(SELECT count(*) FROM ${name})`;
    // Steps: [name, sample bits (0 = exact), gate]. Probe 1/8192 (enough there: that is the answer, or
    // 1/65536 when it overflows), then 1/1024; when that holds at most two the set is probably small:
    // count exactly. Otherwise, or when the exact count overflows, take 1/128, then 1/16, and when even
    // that holds too few, count exactly after all.
    const g16 = `${c("l13")} >= ${cap}`;
    const g10 = `${c("l13")} < ${min}`;
    const g0 = `${c("l13")} = 0 AND ${c("l10")} <= 2`;
    const exact0 = `(${g0}) AND ${c("l0")} <= ${x}`;
    const g7 = `${g10} AND ${c("l10")} < ${min} AND NOT (${exact0})`;
    const g4 = `${g7} AND ${c("l7")} < ${min}`;
    const g0b = `${g4} AND ${c("l4")} < ${min} AND NOT (${g0})`;
    const steps: [string, number, string | null][] = [
      ["l13", 13, null],
      ["l16", 16, g16],
      ["l10", 10, g10],
      ["l0", 0, g0],
      ["l7", 7, g7],
      ["l4", 4, g4],
      ["l0b", 0, g0b],
    ];
    const ctes = steps.map(([name, bits, gate]) => {
      const mark = bits ? ` AND d."searchVector" @@ ${params.add(quoteTsqueryOperand(`${MARK}k${bits}`))}::tsquery` : "";
      const vector = bits === 0 && rankQuery ? `, d.id, d."searchVector" AS v` : "";
      return `${name} AS MATERIALIZED (SELECT ${cols}${vector} FROM ${TABLE} d WHERE ${gate ? `(${gate}) AND ` : ""}${where}${mark} LIMIT ${bits ? cap : `${x} + 1`})`;
    });
    // The step the counts come from.
    const pick = `CASE
        WHEN ${g16} THEN CASE WHEN ${c("l16")} >= ${min} THEN 'l16' ELSE 'l13' END
        WHEN ${c("l13")} >= ${min} THEN 'l13'
        WHEN ${c("l10")} >= ${min} THEN 'l10'
        WHEN ${exact0} THEN 'l0'
        WHEN (${g7}) AND ${c("l7")} >= ${min} THEN 'l7'
        WHEN (${g4}) AND ${c("l4")} >= ${min} THEN 'l4'
        WHEN (${g0b}) AND ${c("l0b")} <= ${x} THEN 'l0b'
        ELSE 'l4' END`;
    const levelOf = `CASE src_name WHEN 'l16' THEN 16 WHEN 'l13' THEN 13 WHEN 'l10' THEN 10 WHEN 'l7' THEN 7 WHEN 'l4' THEN 4 ELSE 0 END`;
    const list = colNames.join(", ");
    const src = `SELECT ${list} FROM (${steps.map(([name]) => `SELECT '${name}' AS src, ${list} FROM ${name}`).join(" UNION ALL ")}) x
        WHERE x.src = (SELECT src_name FROM pick)`;
    const rankedPage = rankQuery
      ? `,
        hp AS MATERIALIZED (
          SELECT e.id, e.k, ts_rank_cd('${RANK_WEIGHTS}', e.v, ${rankQuery}, ${RANK_NORMALIZATION}) AS rank
            FROM (SELECT id, k, v FROM l0 UNION ALL SELECT id, k, v FROM l0b) e
           WHERE (SELECT src_name FROM pick) IN ('l0', 'l0b')
           ORDER BY rank DESC, e.k DESC, e.id DESC LIMIT ${params.add(plan.request.limit + 1, "int8")}),
        hits AS (
          SELECT ${selectDocument("d")}, hp.rank, 1 AS tier, ${epochMs("hp.k")} AS sort_ms, ${this.highlights(plan, compiler, params)},
                 NULL AS b_ms, NULL AS b_id, NULL AS b_full
            FROM hp JOIN ${TABLE} d ON d.id = hp.id)`
      : "";
    const facetSql = facets
      ? `,
        g AS (
          SELECT GROUPING(type, role, uv, gv, pv, status) AS gs, type, role, uv, gv, pv, status,
                 min(ul) AS ul, min(gl) AS gl, min(pl) AS pl, count(*)::int8 AS n
            FROM src GROUP BY GROUPING SETS ((type), (role), (uv), (gv), (pv), (status))),
        b AS (
          SELECT CASE gs WHEN 31 THEN 'type' WHEN 47 THEN 'role' WHEN 55 THEN 'user' WHEN 59 THEN 'gpt' WHEN 61 THEN 'project' ELSE 'status' END AS facet,
                 CASE gs WHEN 31 THEN type WHEN 47 THEN role WHEN 55 THEN uv WHEN 59 THEN gv WHEN 61 THEN pv ELSE status END AS value,
                 CASE gs WHEN 31 THEN type WHEN 47 THEN role WHEN 55 THEN ul WHEN 59 THEN gl WHEN 61 THEN pl ELSE status END AS label,
                 n
            FROM g
          UNION ALL
          SELECT 'tag', t, t, count(*)::int8 FROM src CROSS JOIN LATERAL unnest(src.tags) AS t GROUP BY t),
        r AS (
          SELECT b.*, row_number() OVER (PARTITION BY facet ORDER BY n DESC, label COLLATE "C", value COLLATE "C") AS rn
            FROM b WHERE value IS NOT NULL)`
      : "";
    const sql = `WITH ${ctes.join(",\n")},
      pick AS MATERIALIZED (SELECT ${pick} AS src_name),
      src AS MATERIALIZED (${src})${rankedPage}${facetSql}
      SELECT 'meta' AS facet, NULL AS value, NULL AS label, (SELECT count(*) FROM src)::int8 AS n,
             (SELECT ${levelOf} FROM pick) AS lvl,
             ${options.times ? `(SELECT array_agg(${epochMs("k")} ORDER BY k DESC) FROM src WHERE isfinite(k))` : "NULL::int8[]"} AS times,
             ${rankQuery ? `(SELECT json_agg(hits ORDER BY hits.rank DESC, hits.sort_ms DESC NULLS LAST, hits.id DESC) FROM hits)` : "NULL::json"} AS hits
      ${facets ? `UNION ALL SELECT facet, value, label, n, NULL, NULL, NULL FROM r WHERE rn <= ${FACET_LIMIT}` : ""}`;
    const { rows } = await this.run((c) => c.query<StatsRow>(sql, params.values), true);

    const metaRow = rows.find((r) => r.facet === "meta");
    const level = metaRow?.lvl ?? 0;
    const scale = 2 ** level;
    const out: Facets | null = facets ? (Object.fromEntries(FACET_NAMES.map((f) => [f, [] as FacetBucket[]])) as Facets) : null;
    if (out) {
      for (const r of rows) {
        if (r.facet === "meta" || r.value === null) continue;
        out[r.facet as FacetName].push({ value: r.value, label: r.label ?? r.value, count: Number(r.n) * scale });
      }
    }
    return {
      total: Number(metaRow?.n ?? 0) * scale,
      exact: level === 0,
      level,
      facets: out,
      times: (metaRow?.times ?? []).map(Number),
      rankedPage: level === 0 && rankQuery ? (metaRow?.hits ?? []) : null,
    };
  }

  /** Snippet and title highlight expressions over page rows `d` (ts_headline runs on the page only). */
  private highlights(plan: Plan, compiler: QueryCompiler, params: Params): string {
    const rank = plan.hasText && plan.tree ? compiler.rankTsquery(plan.tree) : null;
    if (!rank) return `NULL AS snippet, NULL AS title_hl`;
    const source = (col: string) => `translate(${col}, '<' || chr(2) || chr(3), chr(1) || '  ')`;
    // A short body is shown whole (highlighted); a long one as up to two fragments around the matches.
    return `CASE WHEN length(d.body) <= ${WHOLE_SNIPPET_CHARS} THEN ts_headline('custodian', ${source("d.body")}, ${rank}, ${params.add(TITLE_HEADLINE_OPTIONS)})
                 ELSE ts_headline('custodian', ${source(`left(d.body, ${MAX_SNIPPET_SOURCE_CHARS})`)}, ${rank}, ${params.add(HEADLINE_OPTIONS)}) END AS snippet,
      CASE WHEN d.title IS NULL THEN NULL ELSE ts_headline('custodian', ${source("d.title")}, ${rank}, ${params.add(TITLE_HEADLINE_OPTIONS)}) END AS title_hl`;
  }

  /** A page in time order (newest or oldest first), keyset on the indexed sort key. */
  private async timeHits(plan: Plan, cursor: Extract<Cursor, { m: "newest" | "oldest" }> | null): Promise<HitRow[]> {
    const mode = plan.mode === "oldest" ? "oldest" : "newest";
    const params = new Params();
    const { where, compiler } = this.where(plan, params);
    const key = mode === "newest" ? NEWEST_KEY("d") : OLDEST_KEY("d");
    const dir = mode === "newest" ? "DESC" : "ASC";
    const after = cursor ? ` AND (${key}, d.id) ${mode === "newest" ? "<" : ">"} (${keyTime(cursor.k[0], mode, params)}, ${params.add(cursor.k[1], "text")})` : "";
    const n1 = params.add(plan.request.limit + 1, "int8");
    const sql = `WITH page AS MATERIALIZED (
        SELECT d.id, ${key} AS k FROM ${TABLE} d WHERE ${where}${after} ORDER BY ${key} ${dir}, d.id ${dir} LIMIT ${n1})
      SELECT ${selectDocument("d")}, NULL::real AS rank, 0 AS tier, ${epochMs("page.k")} AS sort_ms, ${this.highlights(plan, compiler, params)},
             NULL AS b_ms, NULL AS b_id, NULL AS b_full
        FROM page JOIN ${TABLE} d ON d.id = page.id
       ORDER BY page.k ${dir}, page.id ${dir}`;
    return (await this.run((c) => c.query<HitRow>(sql, params.values), true)).rows;
  }

  /**
   * A relevance page: the candidates (ranked) then the older matches (newest first). The first page picks
   * the candidates from `window`; later pages get them back from the cursor's boundary.
   */
  private async relevanceHits(plan: Plan, cursor: RelevanceCursor | null, window: Window | null): Promise<{ rows: HitRow[]; boundary: Boundary }> {
    const params = new Params();
    const { where, compiler } = this.where(plan, params);
    const rankQuery = compiler.rankTsquery(plan.tree as QueryNode) ?? "''::tsquery";
    const key = NEWEST_KEY("d");
    const n1 = params.add(plan.request.limit + 1, "int8");
    const rank = `ts_rank_cd('${RANK_WEIGHTS}', c.v, ${rankQuery}, ${RANK_NORMALIZATION})`;
    const boundaryKey = (b: NonNullable<Boundary>) => `(${keyTime(b[0], "newest", params)}, ${params.add(b[1], "text")})`;

    let candidates: string;
    let boundarySql: string;
    let olderWhere: string | null;
    if (!cursor) {
      const w = window ?? { since: null, limit: this.tuning.rankCandidates };
      const since = w.since === null ? "" : ` AND ${key} >= ${params.add(new Date(w.since).toISOString(), "timestamptz")}`;
      // At least a page, so a full candidate set fills this page by itself.
      const limitC = params.add(Math.max(w.limit, plan.request.limit + 1), "int8");
      candidates = `SELECT d.id, ${key} AS k, d."searchVector" AS v FROM ${TABLE} d WHERE ${where}${since} ORDER BY ${key} DESC, d.id DESC LIMIT ${limitC}`;
      // Full: the last candidate bounds the set; else the window start does (or nothing: every match).
      boundarySql = `SELECT k, id, (SELECT count(*) FROM c) = ${limitC} AS is_full FROM c ORDER BY k ASC, id ASC LIMIT 1`;
      // Older matches are only needed on this page when the candidates are fewer than a page: then they
      // are not full (a full set holds rankCandidates ≥ a page), so only a window start can bound them.
      olderWhere =
        w.since === null ? null : `NOT coalesce((SELECT is_full FROM bnd), false) AND ${key} < ${params.add(new Date(w.since).toISOString(), "timestamptz")}`;
    } else {
      const b = cursor.b;
      candidates = `SELECT d.id, ${key} AS k, d."searchVector" AS v FROM ${TABLE} d WHERE ${where}${b ? ` AND (${key}, d.id) >= ${boundaryKey(b)}` : ""}`;
      boundarySql = `SELECT NULL::timestamptz AS k, NULL::text AS id, NULL::boolean AS is_full`;
      olderWhere = b ? `(${key}, d.id) < ${boundaryKey(b)}` : null;
      if (olderWhere && cursor.tier === 2) olderWhere += ` AND (${key}, d.id) < (${keyTime(cursor.k[0], "newest", params)}, ${params.add(cursor.k[1], "text")})`;
    }
    const tier1After =
      cursor?.tier === 1
        ? (() => {
            const r = params.add(cursor.r, "real");
            return `WHERE rank < ${r} OR (rank = ${r} AND (k, id) < (${keyTime(cursor.k[0], "newest", params)}, ${params.add(cursor.k[1], "text")}))`;
          })()
        : "";
    const tier1 = cursor?.tier === 2 ? `SELECT NULL::text AS id, NULL::timestamptz AS k, NULL::real AS rank, 1 AS tier WHERE false` : `SELECT id, k, rank, 1 AS tier FROM r ${tier1After} ORDER BY rank DESC, k DESC, id DESC LIMIT ${n1}`;
    const tier2 = olderWhere
      ? `SELECT d.id, ${key} AS k, NULL::real AS rank, 2 AS tier FROM ${TABLE} d
          WHERE (SELECT count(*) FROM t1) < ${n1} AND ${where} AND ${olderWhere}
          ORDER BY ${key} DESC, d.id DESC LIMIT ${n1}`
      : `SELECT NULL::text AS id, NULL::timestamptz AS k, NULL::real AS rank, 2 AS tier WHERE false`;
    const sql = `WITH c AS MATERIALIZED (${candidates}),
        bnd AS MATERIALIZED (${boundarySql}),
        r AS (SELECT c.id, c.k, ${rank} AS rank FROM c),
        t1 AS MATERIALIZED (${tier1}),
        t2 AS MATERIALIZED (${tier2}),
        page AS MATERIALIZED (
          SELECT * FROM t1 UNION ALL SELECT * FROM t2 ORDER BY tier, rank DESC NULLS LAST, k DESC, id DESC LIMIT ${n1})
      SELECT ${selectDocument("d")}, page.rank, page.tier, ${epochMs("page.k")} AS sort_ms, ${this.highlights(plan, compiler, params)},
             (SELECT ${epochMs("k")} FROM bnd) AS b_ms, (SELECT id FROM bnd) AS b_id, (SELECT is_full FROM bnd) AS b_full
        FROM page JOIN ${TABLE} d ON d.id = page.id
       ORDER BY page.tier, page.rank DESC NULLS LAST, page.k DESC, page.id DESC`;
    const rows = (await this.run((c) => c.query<HitRow>(sql, params.values), true)).rows;
    if (cursor) return { rows, boundary: cursor.b };
    const first = rows[0];
    const since = window?.since ?? null;
    const boundary: Boundary = first?.b_full ? [first.b_ms === null ? null : Number(first.b_ms), first.b_id ?? ""] : since === null ? null : [since, ""];
    return { rows, boundary };
  }

  /** Runs on one pooled connection; `search` statements get a read-only transaction with their settings. */
  private async run<T>(fn: (client: pg.PoolClient) => Promise<T>, search = false): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      return unavailable(err);
    }
    let broken: Error | undefined;
    try {
      if (!search) return await fn(client);
      await client.query(
        // No seq scans: with a LIMIT the planner likes to bet on finding enough rows early in the table, and
        // a poor row estimate for a tsquery turns that bet into a scan of the whole table; index paths stay
        // proportional to the matches. (Queries with no usable index still get a seq scan.)
        `BEGIN READ ONLY; SET LOCAL jit = off; SET LOCAL enable_seqscan = off; SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}; ` +
          `SET LOCAL work_mem = '${WORK_MEM}'; ` +
          `SET LOCAL pg_trgm.word_similarity_threshold = ${USER_SIMILARITY}`,
      );
      try {
        const result = await fn(client);
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch((e: Error) => (broken = e));
        throw err;
      }
    } catch (err) {
      if (isUnavailable(err)) broken ??= err as Error;
      return unavailable(err);
    } finally {
      client.release(broken);
    }
  }
}

