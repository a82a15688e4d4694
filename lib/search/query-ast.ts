// The engine-neutral search query tree, compiled by both search engines (PostgreSQL full-text and
// Meilisearch). It is one boolean tree whose leaves are either text terms (words, phrases) or filter
// predicates, because users mix them freely: `(alice OR user:bob) -role:tool` cannot be split into a
// "text part" and a "filter part" without changing its meaning. partitionQuery() splits off what can be
// split (the top-level AND) for engines that take text and filters separately.
//
// Trees built by parseQuery() are canonical, which is what makes normalizeQuery() round-trip:
// - "and"/"or" nodes have at least two children and never a child of their own kind (flattened);
// - "not" never wraps another "not" (double negation cancels out);
// - values are normalized (see FILTER_SPECS and query-parser.ts).
// Dates are UTC calendar days: after:D matches from D 00:00 UTC inclusive ("gte"), before:D matches up
// to D 00:00 UTC exclusive ("lt"), so `after:2025-01-01 before:2025-02-01` is exactly January.

import { z } from "zod";

export const ROLE_VALUES = ["user", "assistant", "tool", "system"] as const;
export const DOCUMENT_TYPE_VALUES = ["message", "gpt", "memory", "file"] as const;
export const REVIEW_STATUS_VALUES = ["unreviewed", "in_review", "reviewed", "escalated"] as const;
export const HAS_VALUES = ["file"] as const;

export const roleSchema = z.enum(ROLE_VALUES);
export const documentTypeSchema = z.enum(DOCUMENT_TYPE_VALUES);
export const reviewStatusSchema = z.enum(REVIEW_STATUS_VALUES);
export const hasValueSchema = z.enum(HAS_VALUES);

export type Role = z.infer<typeof roleSchema>;
export type DocumentType = z.infer<typeof documentTypeSchema>;
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;
export type HasValue = z.infer<typeof hasValueSchema>;

/** A real calendar date written `YYYY-MM-DD`, read as a UTC day. */
export type IsoDate = string;

/** Free-text filter fields: engines match them case-insensitively (names, ids, emails, tags). */
export type StringFilterField = "user" | "email" | "gpt" | "project" | "tag";
export type BooleanFilterField = "flagged" | "held";

export type StringFilterNode = { kind: "filter"; field: StringFilterField; op: "eq"; value: string };
export type RoleFilterNode = { kind: "filter"; field: "role"; op: "eq"; value: Role };
export type TypeFilterNode = { kind: "filter"; field: "type"; op: "eq"; value: DocumentType };
export type StatusFilterNode = { kind: "filter"; field: "status"; op: "eq"; value: ReviewStatus };
export type HasFilterNode = { kind: "filter"; field: "has"; op: "eq"; value: HasValue };
export type BooleanFilterNode = { kind: "filter"; field: BooleanFilterField; op: "eq"; value: boolean };
/** after:D → time ≥ D 00:00 UTC. */
export type AfterFilterNode = { kind: "filter"; field: "after"; op: "gte"; value: IsoDate };
/** before:D → time < D 00:00 UTC. */
export type BeforeFilterNode = { kind: "filter"; field: "before"; op: "lt"; value: IsoDate };

export type FilterNode =
  | StringFilterNode
  | RoleFilterNode
  | TypeFilterNode
  | StatusFilterNode
  | HasFilterNode
  | BooleanFilterNode
  | AfterFilterNode
  | BeforeFilterNode;

export type FilterField = FilterNode["field"];

/** A bare word: letters of any script, digits, `_`, and `-` `.` `@` `'` between them. */
export type WordNode = { kind: "word"; value: string };
/** An exact phrase (whitespace collapsed to single spaces); never contains a quote character. */
export type PhraseNode = { kind: "phrase"; value: string };
export type NotNode = { kind: "not"; child: QueryNode };
export type AndNode = { kind: "and"; children: QueryNode[] };
export type OrNode = { kind: "or"; children: QueryNode[] };

export type TermNode = WordNode | PhraseNode;
export type QueryNode = AndNode | OrNode | NotNode | WordNode | PhraseNode | FilterNode;

export type ParsedQuery = {
  /** The whole query as one boolean tree (never empty: an empty query is a parse error). */
  tree: QueryNode;
  /** The input exactly as typed. */
  raw: string;
};

export type QueryParseError = {
  /** Human-readable; any position it mentions counts characters from 1, as people do. */
  message: string;
  /** 0-based offset (UTF-16 code units, i.e. JS string index) of the problem in the input. */
  position: number;
  /** How many code units from `position` to underline (may be 0, e.g. at the end of the input). */
  length: number;
};

export type ParseQueryResult = { ok: true; query: ParsedQuery } | { ok: false; error: QueryParseError };

export type FilterSpec = {
  /** Syntax line for the help popover. */
  syntax: string;
  description: string;
  example: string;
  /** Allowed values, for enum-like fields (UI dropdowns). */
  values?: readonly string[];
};

/** Every filter the language knows, in the order they are listed to users. */
export const FILTER_SPECS: { readonly [F in FilterField]: FilterSpec } = {
  user: { syntax: "user:<name or id>", description: "Custodian (the workspace user) by name or id", example: "user:alice" },
  email: { syntax: "email:<address>", description: "Custodian by email address (case-insensitive)", example: "email:alice@example.com" },
  gpt: { syntax: "gpt:<id or name>", description: "Custom GPT by id or name", example: "gpt:g-abc123" },
  project: { syntax: "project:<name or id>", description: "Project by name or id", example: 'project:"Q3 audit"' },
  role: { syntax: "role:user|assistant|tool|system", description: "Author role of a message", example: "role:assistant", values: ROLE_VALUES },
  type: { syntax: "type:message|gpt|memory|file", description: "Kind of archived item", example: "type:gpt", values: DOCUMENT_TYPE_VALUES },
  status: {
    syntax: "status:unreviewed|in_review|reviewed|escalated",
    description: "Review status",
    example: "status:escalated",
    values: REVIEW_STATUS_VALUES,
  },
  tag: { syntax: "tag:<name>", description: "Review tag; quote names with spaces", example: 'tag:"needs review"' },
  flagged: { syntax: "flagged:yes|no", description: "Flagged by a reviewer", example: "flagged:yes", values: ["yes", "no"] },
  held: { syntax: "held:yes|no", description: "Under a legal hold", example: "held:yes", values: ["yes", "no"] },
  has: { syntax: "has:file", description: "Has an attached or generated file", example: "has:file", values: HAS_VALUES },
  after: { syntax: "after:YYYY-MM-DD", description: "On or after that day (00:00 UTC, inclusive)", example: "after:2025-01-01" },
  before: { syntax: "before:YYYY-MM-DD", description: "Before that day (00:00 UTC, exclusive)", example: "before:2025-02-01" },
};

export const FILTER_FIELDS = Object.keys(FILTER_SPECS) as FilterField[];

export function isFilterField(name: string): name is FilterField {
  return Object.prototype.hasOwnProperty.call(FILTER_SPECS, name);
}

/** The UTC instant a date filter compares against: after:D is `>=` it, before:D is `<` it. */
export function toUtcDayStart(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The top-level AND members: each one must hold for every match. */
export function listConjuncts(tree: QueryNode): QueryNode[] {
  return tree.kind === "and" ? tree.children : [tree];
}

export type CollectedFilter = {
  filter: FilterNode;
  /** Under an odd number of NOTs: matches are those where the predicate does NOT hold (when required). */
  negated: boolean;
  /** A top-level conjunct (`role:user`, `-role:tool`): every match satisfies it (or its negation). */
  required: boolean;
};

/** Every filter in the tree, in input order, for facet and filter-panel state. */
export function collectFilters(tree: QueryNode): CollectedFilter[] {
  const out: CollectedFilter[] = [];
  const visit = (node: QueryNode, negated: boolean): void => {
    switch (node.kind) {
      case "filter":
        out.push({ filter: node, negated, required: false });
        return;
      case "not":
        visit(node.child, !negated);
        return;
      case "and":
      case "or":
        for (const child of node.children) visit(child, negated);
        return;
      default:
        return;
    }
  };
  for (const conjunct of listConjuncts(tree)) {
    if (conjunct.kind === "filter") out.push({ filter: conjunct, negated: false, required: true });
    else if (conjunct.kind === "not" && conjunct.child.kind === "filter") out.push({ filter: conjunct.child, negated: true, required: true });
    else visit(conjunct, false);
  }
  return out;
}

/**
 * True when every match must contain at least one positive word or phrase, so an engine can start from
 * its text index. False means the query needs a base set (all documents the caller may see, narrowed by
 * filters) to subtract from or to OR with: `-draft`, `role:tool`, `contract OR -draft`.
 */
export function hasPositiveText(tree: QueryNode): boolean {
  switch (tree.kind) {
    case "word":
    case "phrase":
      return true;
    case "filter":
    case "not":
      return false;
    case "and":
      return tree.children.some(hasPositiveText);
    case "or":
      return tree.children.every(hasPositiveText);
  }
}

/**
 * Words and phrases that can appear in a match (under an even number of NOTs), for highlighting: in
 * input order, without case-insensitive duplicates. Phrases are returned as their text.
 */
export function highlightTerms(tree: QueryNode): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const visit = (node: QueryNode, negated: boolean): void => {
    switch (node.kind) {
      case "word":
      case "phrase": {
        const key = node.value.toLowerCase();
        if (!negated && !seen.has(key)) {
          seen.add(key);
          out.push(node.value);
        }
        return;
      }
      case "not":
        visit(node.child, !negated);
        return;
      case "and":
      case "or":
        for (const child of node.children) visit(child, negated);
        return;
      case "filter":
        return;
    }
  };
  visit(tree, false);
  return out;
}

function containsKind(node: QueryNode, test: (leaf: QueryNode) => boolean): boolean {
  switch (node.kind) {
    case "not":
      return containsKind(node.child, test);
    case "and":
    case "or":
      return node.children.some((c) => containsKind(c, test));
    default:
      return test(node);
  }
}

export type QueryPartition = {
  /** Conjuncts made only of filters (possibly with OR/NOT): an engine's structured filter. */
  filters: QueryNode | null;
  /** Conjuncts made only of words and phrases: an engine's full-text query. */
  text: QueryNode | null;
  /** Conjuncts mixing both, e.g. `(alice OR user:bob)`: the engine must evaluate these as a whole. */
  mixed: QueryNode | null;
};

/** Splits the top-level AND by what each conjunct contains; AND-ing the three parts gives the query back. */
export function partitionQuery(tree: QueryNode): QueryPartition {
  const groups: Record<keyof QueryPartition, QueryNode[]> = { filters: [], text: [], mixed: [] };
  for (const conjunct of listConjuncts(tree)) {
    const hasFilter = containsKind(conjunct, (n) => n.kind === "filter");
    const hasText = containsKind(conjunct, (n) => n.kind === "word" || n.kind === "phrase");
    groups[hasFilter && hasText ? "mixed" : hasFilter ? "filters" : "text"].push(conjunct);
  }
  const combine = (nodes: QueryNode[]): QueryNode | null =>
    nodes.length === 0 ? null : nodes.length === 1 ? nodes[0] : { kind: "and", children: nodes };
  return { filters: combine(groups.filters), text: combine(groups.text), mixed: combine(groups.mixed) };
}
