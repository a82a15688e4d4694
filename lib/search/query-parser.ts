// The search query language: one parser for both engines. It turns what a reviewer types into the
// engine-neutral tree of query-ast.ts, or into an error that points at the problem (offset + length)
// with a message a person can act on. It never throws on user input: bad syntax must never become a 500.
//
// Grammar (AND binds tighter than OR, so `a b OR c` means `(a b) OR c`):
//   query   := or EOF
//   or      := and ( "OR" and )*
//   and     := unary ( ["AND"] unary )*            juxtaposition is AND
//   unary   := ( "-" | "NOT" ) unary | primary      `-` directly attached: -word -"phrase" -role:tool -(…)
//   primary := WORD | PHRASE | FILTER | "(" or ")"
//   FILTER  := name ":" ( value | quoted value )    no space after the colon; names are case-insensitive
//
// Lexical rules:
// - OR, AND and NOT are operators only in uppercase; lowercase "or" is a word. Quote them ("OR") to search
//   for them.
// - A word is letters of any script, combining marks, digits and `_`, with `-` `.` `@` `'` `’` allowed
//   between them (e-mail, alice@example.com, v1.2, don't). Other punctuation separates words, as it does
//   in both engines' tokenizers. `’` is read as `'`; words and phrases are NFC-normalized.
// - `-` is an exclusion when it starts a term (start of input, after a space, a parenthesis, a quote or
//   an operator); right after a word (`pre-`) it is punctuation.
// - Quotes: straight " and typographic “ ” „, in any pairing. A phrase cannot contain a quote.
// - `name:value` is a filter when `name` is a known filter. An unknown name directly followed by a value
//   (`foo:bar`, `https://…`) is an error rather than silently searched text; quote it to search for it.
//   An unknown name followed by a space (`Re: budget`) is just a word.
// - Unquoted filter values run to the next space, parenthesis or quote.
// Values: role/type/status/has lowercase, email lowercase, flagged/held yes|no (true|false accepted) as
// booleans, dates `YYYY-MM-DD` that exist (UTC days; after: inclusive, before: exclusive). Other values
// (user, gpt, project, tag) are kept as typed (NFC) and matched case-insensitively by the engines.
// Contradictions at the top level (`role:user role:tool`, `after:` not before `before:`) are errors
// because they can only ever return nothing.

import {
  DOCUMENT_TYPE_VALUES,
  FILTER_FIELDS,
  FILTER_SPECS,
  HAS_VALUES,
  REVIEW_STATUS_VALUES,
  ROLE_VALUES,
  documentTypeSchema,
  hasValueSchema,
  isFilterField,
  listConjuncts,
  reviewStatusSchema,
  roleSchema,
  type FilterField,
  type FilterNode,
  type ParseQueryResult,
  type QueryNode,
} from "@/lib/search/query-ast";

export * from "@/lib/search/query-ast";

export const MAX_QUERY_LENGTH = 1000;
/** Words + phrases + filters. */
export const MAX_QUERY_TERMS = 64;
/** Nested parentheses. */
export const MAX_QUERY_DEPTH = 16;

/** Returned only if the parser itself has a bug; tests assert no input ever produces it. */
export const INTERNAL_ERROR_MESSAGE = "This query could not be read";

const QUOTES = new Set(['"', "\u201C", "\u201D", "\u201E"]);
const INNER = new Set(["-", ".", "@", "'", "\u2019", "\u200C", "\u200D"]);
const CORE_RE = /^[\p{L}\p{M}\p{N}_]$/u;
const SPACE_RE = /^[\s\u200B\u2060\u180E]$/u;
const SPACES_RE = /[\s\u200B\u2060\u180E]+/gu;
const FIELD_NAME_RE = /^\p{L}[\p{L}\p{N}_-]*$/u;
const DATE_RE = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;

class QueryError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly length: number,
  ) {
    super(message);
  }
}

/** The code point at `i` as a string (1 or 2 code units; a lone surrogate stays 1); "" past the end. */
function charAt(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

function charBefore(s: string, i: number): string {
  if (i <= 0) return "";
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return s.slice(i - 2, i);
  }
  return s.slice(i - 1, i);
}

const isCore = (c: string): boolean => c !== "" && CORE_RE.test(c);
const isSpace = (c: string): boolean => c !== "" && SPACE_RE.test(c);
const isQuote = (c: string): boolean => QUOTES.has(c);
const isInner = (c: string): boolean => INNER.has(c);

const collapseSpaces = (s: string): string => s.replace(SPACES_RE, " ").trim();
const hasCore = (s: string): boolean => [...s].some(isCore);
const at = (offset: number): string => `at position ${offset + 1}`;

type Span = { pos: number; len: number };
type Token =
  | ({ type: "lparen" | "rparen" | "or" | "and" | "not" | "minus" | "eof" } & Span)
  | ({ type: "word" | "phrase"; value: string } & Span)
  | ({ type: "filter"; node: FilterNode } & Span);

const TERM_START_TOKENS = new Set<Token["type"]>(["word", "phrase", "filter", "lparen", "minus", "not"]);
const startsTerm = (t: Token): boolean => TERM_START_TOKENS.has(t.type);

/** Lexes on demand so the first problem reported is the leftmost one. */
class Lexer {
  private i = 0;
  /** End offset of the last operator token: a `-` right there is another exclusion, not punctuation. */
  private operatorEnd = -1;
  private peeked: Token | null = null;

  constructor(private readonly s: string) {}

  peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  next(): Token {
    const t = this.peek();
    this.peeked = null;
    return t;
  }

  private lex(): Token {
    const s = this.s;
    while (this.i < s.length) {
      const start = this.i;
      const c = charAt(s, start);
      if (isSpace(c)) {
        this.i += c.length;
      } else if (c === "(" || c === ")") {
        this.i++;
        return { type: c === "(" ? "lparen" : "rparen", pos: start, len: 1 };
      } else if (isQuote(c)) {
        return this.lexPhrase(start);
      } else if (c === "-" && this.isExclusionDash(start)) {
        const following = charAt(s, start + 1);
        if (!(isCore(following) || isQuote(following) || following === "(" || following === "-")) {
          throw new QueryError('"-" must be followed by a term, with no space (e.g. -draft)', start, 1);
        }
        this.i = this.operatorEnd = start + 1;
        return { type: "minus", pos: start, len: 1 };
      } else if (isCore(c)) {
        return this.lexWordOrFilter(start);
      } else {
        // Other punctuation and symbols separate terms, as in both engines' tokenizers.
        this.i += c.length;
      }
    }
    return { type: "eof", pos: s.length, len: 0 };
  }

  private isExclusionDash(i: number): boolean {
    if (i === 0 || i === this.operatorEnd) return true;
    const prev = charBefore(this.s, i);
    return !(isCore(prev) || isInner(prev));
  }

  private findClosingQuote(from: number): number {
    for (let j = from; j < this.s.length; j++) if (isQuote(this.s[j])) return j;
    return -1;
  }

  private lexPhrase(start: number): Token {
    const close = this.findClosingQuote(start + 1);
    if (close < 0) throw new QueryError(`Unclosed quote ${at(start)}`, start, 1);
    const value = collapseSpaces(this.s.slice(start + 1, close)).normalize("NFC");
    const span = { pos: start, len: close + 1 - start };
    if (value === "") throw new QueryError(`Empty phrase ${at(start)}`, span.pos, span.len);
    if (!hasCore(value)) throw new QueryError(`Phrase ${at(start)} has no letters or digits`, span.pos, span.len);
    this.i = close + 1;
    return { type: "phrase", value, ...span };
  }

  /** End of the word starting at `start` (a core character): inner punctuation only between core characters. */
  private wordEnd(start: number): number {
    const s = this.s;
    let i = start;
    while (i < s.length) {
      const c = charAt(s, i);
      if (isCore(c)) {
        i += c.length;
        continue;
      }
      if (isInner(c)) {
        let j = i;
        while (j < s.length && isInner(s[j])) j++;
        if (isCore(charAt(s, j))) {
          i = j;
          continue;
        }
      }
      break;
    }
    return i;
  }

  private lexWordOrFilter(start: number): Token {
    const s = this.s;
    const end = this.wordEnd(start);
    const run = s.slice(start, end);
    if (s[end] === ":" && FIELD_NAME_RE.test(run)) {
      const name = run.toLowerCase();
      if (isFilterField(name)) return this.lexFilter(name, start, end + 1);
      const following = charAt(s, end + 1);
      if (following !== "" && !isSpace(following) && following !== ")") {
        throw new QueryError(unknownFilterMessage(run), start, end + 1 - start);
      }
      // "Re: budget": a word that happens to end with a colon.
    }
    this.i = end;
    const span = { pos: start, len: end - start };
    if (run === "OR" || run === "AND" || run === "NOT") {
      this.operatorEnd = end;
      return { type: run === "OR" ? "or" : run === "AND" ? "and" : "not", ...span };
    }
    return { type: "word", value: run.replace(/\u2019/g, "'").normalize("NFC"), ...span };
  }

  private lexFilter(field: FilterField, start: number, valueStart: number): Token {
    const s = this.s;
    let raw: string;
    let valueEnd: number;
    if (isQuote(charAt(s, valueStart))) {
      const close = this.findClosingQuote(valueStart + 1);
      if (close < 0) throw new QueryError(`Unclosed quote ${at(valueStart)}`, valueStart, 1);
      raw = collapseSpaces(s.slice(valueStart + 1, close));
      valueEnd = close + 1;
    } else {
      let e = valueStart;
      while (e < s.length) {
        const c = charAt(s, e);
        if (isSpace(c) || c === "(" || c === ")" || isQuote(c)) break;
        e += c.length;
      }
      raw = s.slice(valueStart, e);
      valueEnd = e;
    }
    if (raw === "") {
      throw new QueryError(`"${field}:" needs a value right after the colon, e.g. ${FILTER_SPECS[field].example}`, start, valueEnd - start);
    }
    const node = buildFilter(field, raw.normalize("NFC"), { pos: valueStart, len: valueEnd - valueStart });
    this.i = valueEnd;
    return { type: "filter", node, pos: start, len: valueEnd - start };
  }
}

/** Levenshtein distance (insertions, deletions, substitutions), one row of memory. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Habits from other search boxes (Gmail, Slack), suggested but not accepted: one spelling per filter. */
const FAMILIAR_NAMES: Readonly<Record<string, FilterField>> = {
  from: "user",
  custodian: "user",
  author: "user",
  label: "tag",
  since: "after",
  until: "before",
  kind: "type",
};

function unknownFilterMessage(name: string): string {
  const lower = name.toLowerCase();
  const suggestion = Object.prototype.hasOwnProperty.call(FAMILIAR_NAMES, lower)
    ? FAMILIAR_NAMES[lower]
    : lower.length >= 3
      ? FILTER_FIELDS.find((f) => editDistance(lower, f) <= (f.length > 4 ? 2 : 1))
      : undefined;
  return [
    `Unknown filter "${name}:".`,
    suggestion ? ` Did you mean "${suggestion}:"?` : "",
    ` Known filters are ${FILTER_FIELDS.join(", ")}.`,
    " To search for the text itself, put it in quotes.",
  ].join("");
}

function oneOf(field: FilterField, values: readonly string[]): string {
  return `"${field}:" expects one of ${values.join(", ")}`;
}

function buildFilter(field: FilterField, value: string, span: Span): FilterNode {
  const fail = (message: string): never => {
    throw new QueryError(message, span.pos, span.len);
  };
  switch (field) {
    case "user":
    case "gpt":
    case "project":
    case "tag":
      return { kind: "filter", field, op: "eq", value };
    case "email":
      return { kind: "filter", field, op: "eq", value: value.toLowerCase().normalize("NFC") };
    case "role": {
      const r = roleSchema.safeParse(value.toLowerCase());
      return r.success ? { kind: "filter", field, op: "eq", value: r.data } : fail(oneOf(field, ROLE_VALUES));
    }
    case "type": {
      const r = documentTypeSchema.safeParse(value.toLowerCase());
      return r.success ? { kind: "filter", field, op: "eq", value: r.data } : fail(oneOf(field, DOCUMENT_TYPE_VALUES));
    }
    case "status": {
      const r = reviewStatusSchema.safeParse(value.toLowerCase().replace(/[ -]+/g, "_"));
      return r.success ? { kind: "filter", field, op: "eq", value: r.data } : fail(oneOf(field, REVIEW_STATUS_VALUES));
    }
    case "has": {
      const r = hasValueSchema.safeParse(value.toLowerCase());
      return r.success ? { kind: "filter", field, op: "eq", value: r.data } : fail(`"has:" expects ${HAS_VALUES.join(", ")}`);
    }
    case "flagged":
    case "held": {
      const v = value.toLowerCase();
      if (v === "yes" || v === "true") return { kind: "filter", field, op: "eq", value: true };
      if (v === "no" || v === "false") return { kind: "filter", field, op: "eq", value: false };
      return fail(`"${field}:" expects yes or no`);
    }
    case "after":
    case "before": {
      const m = DATE_RE.exec(value);
      if (!m) return fail(`"${field}:" expects a date like 2025-01-31`);
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const t = new Date(Date.UTC(y, mo - 1, d));
      if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
        return fail(`"${field}:" expects a real date like 2025-01-31 (${value} does not exist)`);
      }
      return field === "after" ? { kind: "filter", field, op: "gte", value } : { kind: "filter", field, op: "lt", value };
    }
  }
}

function combine(kind: "and" | "or", items: QueryNode[]): QueryNode {
  const children = items.flatMap((n) => (n.kind === kind ? n.children : [n]));
  return children.length === 1 ? children[0] : { kind, children };
}

function negate(node: QueryNode): QueryNode {
  return node.kind === "not" ? node.child : { kind: "not", child: node };
}

class Parser {
  private terms = 0;
  private depth = 0;
  /** Where each filter leaf came from, for errors found after parsing (contradictions). */
  readonly filterSpans = new Map<FilterNode, Span>();

  constructor(private readonly lexer: Lexer) {}

  parse(): QueryNode {
    const tree = this.parseOr();
    const t = this.lexer.peek();
    if (t.type === "rparen") throw new QueryError(`Unexpected ")" ${at(t.pos)}`, t.pos, 1);
    if (t.type !== "eof") throw new QueryError(INTERNAL_ERROR_MESSAGE, t.pos, t.len);
    return tree;
  }

  private parseOr(): QueryNode {
    const first = this.lexer.peek();
    if (first.type === "or") throw orNeedsBothSides(first);
    const items = [this.parseAnd()];
    while (this.lexer.peek().type === "or") {
      const op = this.lexer.next();
      if (!startsTerm(this.lexer.peek())) throw orNeedsBothSides(op);
      items.push(this.parseAnd());
    }
    return combine("or", items);
  }

  private parseAnd(): QueryNode {
    const first = this.lexer.peek();
    if (first.type === "and") throw andNeedsBothSides(first);
    const items = [this.parseUnary()];
    for (;;) {
      const t = this.lexer.peek();
      if (t.type === "eof" || t.type === "rparen" || t.type === "or") break;
      if (t.type === "and") {
        this.lexer.next();
        if (!startsTerm(this.lexer.peek())) throw andNeedsBothSides(t);
      }
      items.push(this.parseUnary());
    }
    return combine("and", items);
  }

  private parseUnary(): QueryNode {
    const t = this.lexer.peek();
    if (t.type !== "minus" && t.type !== "not") return this.parsePrimary();
    this.lexer.next();
    if (!startsTerm(this.lexer.peek())) {
      throw new QueryError(t.type === "minus" ? '"-" must be followed by a term' : "NOT must be followed by a term", t.pos, t.len);
    }
    return negate(this.parseUnary());
  }

  private countTerm(t: Span): void {
    if (++this.terms > MAX_QUERY_TERMS) throw new QueryError(`Too many terms: the limit is ${MAX_QUERY_TERMS}`, t.pos, t.len);
  }

  private parsePrimary(): QueryNode {
    const t = this.lexer.next();
    switch (t.type) {
      case "word":
      case "phrase":
        this.countTerm(t);
        return { kind: t.type, value: t.value };
      case "filter":
        this.countTerm(t);
        this.filterSpans.set(t.node, { pos: t.pos, len: t.len });
        return t.node;
      case "lparen": {
        if (++this.depth > MAX_QUERY_DEPTH) {
          throw new QueryError(`Too many nested parentheses: the limit is ${MAX_QUERY_DEPTH}`, t.pos, 1);
        }
        const inner = this.lexer.peek();
        if (inner.type === "rparen") throw new QueryError(`Empty parentheses ${at(t.pos)}`, t.pos, inner.pos + 1 - t.pos);
        if (inner.type === "eof") throw missingClose(t);
        const node = this.parseOr();
        if (this.lexer.peek().type !== "rparen") throw missingClose(t);
        this.lexer.next();
        this.depth--;
        return node;
      }
      case "rparen":
        throw new QueryError(`Unexpected ")" ${at(t.pos)}`, t.pos, 1);
      default:
        // parseOr/parseAnd/parseUnary only call here in front of a term.
        throw new QueryError(INTERNAL_ERROR_MESSAGE, t.pos, t.len);
    }
  }
}

const orNeedsBothSides = (t: Span) => new QueryError("OR needs a term on both sides", t.pos, t.len);
const andNeedsBothSides = (t: Span) => new QueryError("AND needs a term on both sides", t.pos, t.len);
const missingClose = (t: Span) => new QueryError(`Missing ")" for "(" ${at(t.pos)}`, t.pos, 1);

const SINGLE_VALUED: ReadonlySet<FilterField> = new Set<FilterField>(["role", "type", "status", "flagged", "held"]);

/** Top-level filters that can never all hold: the query could only ever return nothing. */
function checkContradictions(tree: QueryNode, spans: Map<FilterNode, Span>): void {
  const seen = new Map<FilterField, FilterNode>();
  let after: FilterNode | undefined;
  let before: FilterNode | undefined;
  const later = (a: FilterNode, b: FilterNode): FilterNode => ((spans.get(a)?.pos ?? 0) > (spans.get(b)?.pos ?? 0) ? a : b);
  const fail = (node: FilterNode, message: string): never => {
    const span = spans.get(node) ?? { pos: 0, len: 0 };
    throw new QueryError(message, span.pos, span.len);
  };
  for (const node of listConjuncts(tree)) {
    if (node.kind !== "filter") continue;
    if (node.field === "after" && (!after || node.value > after.value)) after = node;
    if (node.field === "before" && (!before || node.value < before.value)) before = node;
    if (!SINGLE_VALUED.has(node.field)) continue;
    const other = seen.get(node.field);
    if (other && other.value !== node.value) {
      const [a, b] = [formatFilter(other), formatFilter(node)];
      fail(node, `${a} and ${b} can never both match; for either one, write (${a} OR ${b})`);
    }
    seen.set(node.field, node);
  }
  if (after && before && after.value >= before.value) {
    fail(
      later(after, before),
      `Nothing can match: ${formatFilter(before)} is not later than ${formatFilter(after)} (after: includes its day, before: excludes its day)`,
    );
  }
}

/** Parses a search query. Never throws: bad input gives `{ ok: false, error }` pointing at the problem. */
export function parseQuery(input: string): ParseQueryResult {
  if (typeof input !== "string") return { ok: false, error: { message: "Empty query", position: 0, length: 0 } };
  try {
    if (input.length > MAX_QUERY_LENGTH) {
      const n = (v: number) => v.toLocaleString("en-US");
      throw new QueryError(
        `Query is too long: ${n(input.length)} characters (the limit is ${n(MAX_QUERY_LENGTH)})`,
        MAX_QUERY_LENGTH,
        input.length - MAX_QUERY_LENGTH,
      );
    }
    if (collapseSpaces(input) === "") throw new QueryError("Empty query", 0, input.length);
    const lexer = new Lexer(input);
    if (lexer.peek().type === "eof") throw new QueryError("Nothing to search for: the query has no letters or digits", 0, input.length);
    const parser = new Parser(lexer);
    const tree = parser.parse();
    checkContradictions(tree, parser.filterSpans);
    return { ok: true, query: { tree, raw: input } };
  } catch (e) {
    if (e instanceof QueryError) return { ok: false, error: { message: e.message, position: e.position, length: e.length } };
    return { ok: false, error: { message: INTERNAL_ERROR_MESSAGE, position: 0, length: input.length } };
  }
}

function formatValue(value: string): string {
  return value === "" || /[\s\u200B\u2060\u180E()]/u.test(value) ? `"${value}"` : value;
}

/** A filter in canonical syntax: `role:user`, `flagged:yes`, `tag:"needs review"`. */
export function formatFilter(node: FilterNode): string {
  const value = typeof node.value === "boolean" ? (node.value ? "yes" : "no") : formatValue(node.value);
  return `${node.field}:${value}`;
}

/**
 * The canonical string form of a tree (saved-search display, URL state). For trees from parseQuery,
 * parseQuery(normalizeQuery(tree)) gives an equal tree, as long as the canonical form is itself within
 * MAX_QUERY_LENGTH (it only grows past the input when the input omitted optional spaces or parentheses).
 * Implicit AND, `-` for NOT, uppercase OR, and parentheses around AND groups inside OR for readability
 * even though precedence makes them optional: `(a b) OR c`.
 */
export function normalizeQuery(tree: QueryNode): string {
  const group = (n: QueryNode): string => `(${normalizeQuery(n)})`;
  switch (tree.kind) {
    case "word":
      return tree.value;
    case "phrase":
      return `"${tree.value}"`;
    case "filter":
      return formatFilter(tree);
    case "not":
      return `-${tree.child.kind === "and" || tree.child.kind === "or" ? group(tree.child) : normalizeQuery(tree.child)}`;
    case "and":
      return tree.children.map((c) => (c.kind === "or" ? group(c) : normalizeQuery(c))).join(" ");
    case "or":
      return tree.children.map((c) => (c.kind === "and" ? group(c) : normalizeQuery(c))).join(" OR ");
  }
}
