import { describe, expect, it } from "vitest";
import {
  FILTER_FIELDS,
  FILTER_SPECS,
  INTERNAL_ERROR_MESSAGE,
  MAX_QUERY_DEPTH,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  collectFilters,
  formatFilter,
  hasPositiveText,
  highlightTerms,
  normalizeQuery,
  parseQuery,
  partitionQuery,
  toUtcDayStart,
  type FilterNode,
  type ParseQueryResult,
  type QueryNode,
  type QueryParseError,
} from "@/lib/search/query-parser";

// ---- helpers -------------------------------------------------------------------------------------------

function tree(q: string): QueryNode {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(q)} to parse, got: ${r.error.message}`);
  return r.query.tree;
}

function fail(q: string): QueryParseError {
  const r = parseQuery(q);
  if (r.ok) throw new Error(`expected ${JSON.stringify(q)} to fail, got: ${normalizeQuery(r.query.tree)}`);
  return r.error;
}

const w = (value: string): QueryNode => ({ kind: "word", value });
const p = (value: string): QueryNode => ({ kind: "phrase", value });
const and = (...children: QueryNode[]): QueryNode => ({ kind: "and", children });
const or = (...children: QueryNode[]): QueryNode => ({ kind: "or", children });
const not = (child: QueryNode): QueryNode => ({ kind: "not", child });
function f(field: FilterNode["field"], value: string | boolean): FilterNode {
  const op = field === "after" ? "gte" : field === "before" ? "lt" : "eq";
  return { kind: "filter", field, op, value } as FilterNode;
}

/** Deterministic PRNG (mulberry32) so generated cases are the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}

/** The invariants parseQuery promises for its trees (what makes normalizeQuery round-trip). */
function assertCanonical(node: QueryNode): void {
  switch (node.kind) {
    case "and":
    case "or":
      expect(node.children.length).toBeGreaterThanOrEqual(2);
      for (const c of node.children) {
        expect(c.kind).not.toBe(node.kind);
        assertCanonical(c);
      }
      return;
    case "not":
      expect(node.child.kind).not.toBe("not");
      assertCanonical(node.child);
      return;
    case "word":
    case "phrase":
      expect(node.value.length).toBeGreaterThan(0);
      expect(node.value).not.toMatch(/["“”„]/);
      return;
    case "filter":
      expect(FILTER_FIELDS).toContain(node.field);
      return;
  }
}

function expectRoundTrip(t: QueryNode): void {
  const text = normalizeQuery(t);
  const again = parseQuery(text);
  if (!again.ok) throw new Error(`normalized ${JSON.stringify(text)} does not parse: ${again.error.message}`);
  expect(again.query.tree).toEqual(t);
  expect(normalizeQuery(again.query.tree)).toBe(text);
}

// ---- constructs -----------------------------------------------------------------------------------------

describe("words", () => {
  it("joins bare words with an implicit AND", () => {
    expect(tree("vendor")).toEqual(w("vendor"));
    expect(tree("vendor contract")).toEqual(and(w("vendor"), w("contract")));
    expect(tree("  vendor \t contract\n renewal ")).toEqual(and(w("vendor"), w("contract"), w("renewal")));
  });

  it("accepts letters of any script, digits and underscores, NFC-normalized", () => {
    expect(tree("договор 合同 عقد Ελλάδα snake_case 2025")).toEqual(
      and(w("договор"), w("合同"), w("عقد"), w("Ελλάδα"), w("snake_case"), w("2025")),
    );
    expect(tree("cafe\u0301")).toEqual(w("café")); // decomposed é becomes the composed form
    expect(tree("𝒜lpha")).toEqual(w("𝒜lpha")); // astral letters
  });

  it("keeps - . @ and apostrophes inside words, not at their edges", () => {
    expect(tree("e-mail alice@example.com v1.2.3 don't rock’n’roll")).toEqual(
      and(w("e-mail"), w("alice@example.com"), w("v1.2.3"), w("don't"), w("rock'n'roll")),
    );
    expect(tree("contract? end. 'quoted' @alice")).toEqual(and(w("contract"), w("end"), w("quoted"), w("alice")));
  });

  it("treats other punctuation as a separator, like the engines' tokenizers", () => {
    expect(tree("foo/bar, baz!")).toEqual(and(w("foo"), w("bar"), w("baz")));
    expect(tree("10:30")).toEqual(and(w("10"), w("30")));
    expect(tree("C++ 😀 tea")).toEqual(and(w("C"), w("tea")));
  });

  it("reads a trailing hyphen after a word as punctuation, not an exclusion", () => {
    expect(tree("pre- and post-processing")).toEqual(and(w("pre"), w("and"), w("post-processing")));
  });

  it("reads a word followed by a colon and a space as a word (Re: budget)", () => {
    expect(tree("Re: budget")).toEqual(and(w("Re"), w("budget")));
    expect(tree("(note:)")).toEqual(w("note"));
  });
});

describe("phrases", () => {
  it("reads straight and typographic quotes, collapsing whitespace", () => {
    expect(tree('"exact  phrase"')).toEqual(p("exact phrase"));
    expect(tree("“smart quotes”")).toEqual(p("smart quotes"));
    expect(tree('„German style“ "mixed”')).toEqual(and(p("German style"), p("mixed")));
    expect(tree('" padded\u00a0 phrase "')).toEqual(p("padded phrase"));
  });

  it("keeps punctuation and lowercase operators inside a phrase", () => {
    expect(tree('"OR" "a (b) -c: d"')).toEqual(and(p("OR"), p("a (b) -c: d")));
    expect(tree('"foo:bar"')).toEqual(p("foo:bar"));
  });

  it("splits adjacent terms without needing spaces", () => {
    expect(tree('a"b c"d')).toEqual(and(w("a"), p("b c"), w("d")));
  });
});

describe("operators and precedence", () => {
  it("reads uppercase OR as the operator and lowercase or as a word", () => {
    expect(tree("a OR b")).toEqual(or(w("a"), w("b")));
    expect(tree("a or b")).toEqual(and(w("a"), w("or"), w("b")));
    expect(tree("ORACLE Or")).toEqual(and(w("ORACLE"), w("Or")));
  });

  it("accepts explicit uppercase AND and NOT", () => {
    expect(tree("a AND b")).toEqual(and(w("a"), w("b")));
    expect(tree("a NOT b")).toEqual(and(w("a"), not(w("b"))));
    expect(tree("NOT (a OR b)")).toEqual(not(or(w("a"), w("b"))));
    expect(tree("a and not b")).toEqual(and(w("a"), w("and"), w("not"), w("b")));
  });

  it("binds AND tighter than OR: a b OR c = (a b) OR c", () => {
    expect(tree("a b OR c")).toEqual(or(and(w("a"), w("b")), w("c")));
    expect(tree("a OR b c")).toEqual(or(w("a"), and(w("b"), w("c"))));
    expect(tree("a b OR c d OR e")).toEqual(or(and(w("a"), w("b")), and(w("c"), w("d")), w("e")));
    expect(tree("a AND b OR c")).toEqual(tree("a b OR c"));
  });

  it("groups with parentheses and flattens redundant ones", () => {
    expect(tree("a (b OR c)")).toEqual(and(w("a"), or(w("b"), w("c"))));
    expect(tree("(a (b c))")).toEqual(and(w("a"), w("b"), w("c")));
    expect(tree("((a OR b) OR c)")).toEqual(or(w("a"), w("b"), w("c")));
    expect(tree("((((a))))")).toEqual(w("a"));
    expect(tree("(a OR (b (c OR -d)))")).toEqual(or(w("a"), and(w("b"), or(w("c"), not(w("d"))))));
    expect(tree("foo(bar)baz")).toEqual(and(w("foo"), w("bar"), w("baz")));
  });
});

describe("exclusion", () => {
  it("excludes words, phrases, filters and groups", () => {
    expect(tree("contract -draft")).toEqual(and(w("contract"), not(w("draft"))));
    expect(tree('-"first draft"')).toEqual(not(p("first draft")));
    expect(tree("-“first draft”")).toEqual(not(p("first draft")));
    expect(tree("-role:tool")).toEqual(not(f("role", "tool")));
    expect(tree("contract -(draft OR template)")).toEqual(and(w("contract"), not(or(w("draft"), w("template")))));
    expect(tree("(-a)")).toEqual(not(w("a")));
  });

  it("cancels double negation", () => {
    expect(tree("--a")).toEqual(w("a"));
    expect(tree("-(-a)")).toEqual(w("a"));
    expect(tree("NOT -a")).toEqual(w("a"));
    expect(tree("---a")).toEqual(not(w("a")));
  });

  it("treats a dash after a quote, a parenthesis or an operator as an exclusion", () => {
    expect(tree('"x"-y')).toEqual(and(p("x"), not(w("y"))));
    expect(tree("(a)-b")).toEqual(and(w("a"), not(w("b"))));
    expect(tree("a OR-(b c)")).toEqual(or(w("a"), not(and(w("b"), w("c")))));
    expect(tree("a OR-b")).toEqual(and(w("a"), w("OR-b"))); // a hyphen between letters joins a word
  });
});

describe("filters", () => {
  it("parses every field with typed, normalized values", () => {
    expect(tree("user:alice")).toEqual(f("user", "alice"));
    expect(tree("email:Alice@Example.COM")).toEqual(f("email", "alice@example.com"));
    expect(tree("gpt:g-AbC123")).toEqual(f("gpt", "g-AbC123"));
    expect(tree("project:Q3")).toEqual(f("project", "Q3"));
    for (const role of ["user", "assistant", "tool", "system"]) expect(tree(`role:${role.toUpperCase()}`)).toEqual(f("role", role));
    for (const type of ["message", "gpt", "memory", "file"]) expect(tree(`type:${type}`)).toEqual(f("type", type));
    for (const status of ["unreviewed", "in_review", "reviewed", "escalated"]) expect(tree(`status:${status}`)).toEqual(f("status", status));
    expect(tree("status:In-Review")).toEqual(f("status", "in_review"));
    expect(tree('status:"in review"')).toEqual(f("status", "in_review"));
    expect(tree("has:FILE")).toEqual(f("has", "file"));
    expect(tree("tag:urgent")).toEqual(f("tag", "urgent"));
    expect(tree("flagged:yes held:no")).toEqual(and(f("flagged", true), f("held", false)));
    expect(tree("flagged:TRUE")).toEqual(f("flagged", true));
    expect(tree("held:false")).toEqual(f("held", false));
    expect(tree("after:2025-01-01 before:2025-02-01")).toEqual(and(f("after", "2025-01-01"), f("before", "2025-02-01")));
  });

  it("reads field names case-insensitively", () => {
    expect(tree("ROLE:assistant User:bob")).toEqual(and(f("role", "assistant"), f("user", "bob")));
  });

  it("accepts quoted values, straight or typographic", () => {
    expect(tree('tag:"needs review"')).toEqual(f("tag", "needs review"));
    expect(tree("tag:“needs  review”")).toEqual(f("tag", "needs review"));
    expect(tree('project:"Q3 (EU) audit" contract')).toEqual(and(f("project", "Q3 (EU) audit"), w("contract")));
    expect(tree('user:"Alice Smith"')).toEqual(f("user", "Alice Smith"));
    expect(tree('after:"2025-01-31"')).toEqual(f("after", "2025-01-31"));
  });

  it("ends an unquoted value at a space, a parenthesis or a quote", () => {
    expect(tree("(user:alice OR user:bob)")).toEqual(or(f("user", "alice"), f("user", "bob")));
    expect(tree("gpt:g-1:v2")).toEqual(f("gpt", "g-1:v2"));
    expect(tree('user:alice"bob"')).toEqual(and(f("user", "alice"), p("bob")));
    expect(tree("user:-x")).toEqual(f("user", "-x"));
  });

  it("mixes filters with text, OR and groups", () => {
    expect(tree('"wire transfer" user:alice OR role:tool')).toEqual(
      or(and(p("wire transfer"), f("user", "alice")), f("role", "tool")),
    );
    expect(tree("(alice OR user:bob) -role:tool")).toEqual(and(or(w("alice"), f("user", "bob")), not(f("role", "tool"))));
  });

  it("validates real calendar dates", () => {
    expect(tree("after:2024-02-29")).toEqual(f("after", "2024-02-29"));
    expect(fail("after:2023-02-29").message).toBe('"after:" expects a real date like 2025-01-31 (2023-02-29 does not exist)');
    expect(fail("before:2025-02-30")).toEqual({
      message: '"before:" expects a real date like 2025-01-31 (2025-02-30 does not exist)',
      position: 7,
      length: 10,
    });
    for (const bad of ["2025-13-01", "2025-00-10", "2025-04-31"]) expect(fail(`after:${bad}`).message).toMatch(/does not exist/);
    for (const bad of ["2025-1-5", "25-01-01", "2025/01/31", "yesterday", "0999-01-01", "2025-01-01T00:00", "２０２５-01-01"]) {
      expect(fail(`after:${bad}`).message).toBe('"after:" expects a date like 2025-01-31');
    }
  });

  it("documents dates as UTC days: after inclusive, before exclusive", () => {
    expect(FILTER_SPECS.after.description).toMatch(/inclusive/);
    expect(FILTER_SPECS.before.description).toMatch(/exclusive/);
    expect(toUtcDayStart("2025-01-31").toISOString()).toBe("2025-01-31T00:00:00.000Z");
    expect(tree("after:2025-01-01")).toMatchObject({ op: "gte" });
    expect(tree("before:2025-01-01")).toMatchObject({ op: "lt" });
  });

  it("rejects top-level filters that can never all match", () => {
    expect(fail("role:user role:tool")).toEqual({
      message: "role:user and role:tool can never both match; for either one, write (role:user OR role:tool)",
      position: 10,
      length: 9,
    });
    expect(fail("flagged:yes x flagged:no").message).toMatch(/can never both match/);
    expect(fail("after:2025-03-01 before:2025-02-01")).toMatchObject({ message: expect.stringMatching(/^Nothing can match/), position: 17, length: 17 });
    expect(fail("before:2025-02-01 after:2025-02-01")).toMatchObject({ position: 18, length: 16 });
    // Not contradictions: same value, OR, negation, nested, multi-valued fields, a valid range.
    expect(() => tree("role:user ROLE:User")).not.toThrow();
    expect(() => tree("role:user OR role:tool")).not.toThrow();
    expect(() => tree("role:user -role:tool")).not.toThrow();
    expect(() => tree("(after:2025-03-01 OR before:2025-02-01)")).not.toThrow();
    expect(() => tree("tag:a tag:b user:x user:y")).not.toThrow();
    expect(() => tree("after:2025-01-31 before:2025-02-01")).not.toThrow();
  });

  it("rejects unknown filters instead of searching them as text", () => {
    const e = fail("contract foo:bar");
    expect(e.position).toBe(9);
    expect(e.length).toBe(4);
    expect(e.message).toBe(
      'Unknown filter "foo:". Known filters are user, email, gpt, project, role, type, status, tag, flagged, held, has, after, before. To search for the text itself, put it in quotes.',
    );
    expect(fail("usr:alice").message).toMatch(/^Unknown filter "usr:"\. Did you mean "user:"\?/);
    expect(fail("e-mail:a@b.c").message).toMatch(/Did you mean "email:"\?/);
    expect(fail("from:alice").message).toMatch(/Did you mean "user:"\?/);
    expect(fail("xyz:1").message).not.toMatch(/Did you mean/);
    expect(fail("see https://example.com")).toMatchObject({ message: expect.stringMatching(/^Unknown filter "https:"/), position: 4, length: 6 });
    expect(fail('foo:"bar"').position).toBe(0);
    expect(tree('"https://example.com"')).toEqual(p("https://example.com"));
  });
});

// ---- errors -----------------------------------------------------------------------------------------------

describe("errors point at the problem", () => {
  const cases: Array<[string, string | RegExp, number, number]> = [
    ["", "Empty query", 0, 0],
    [" \t ", "Empty query", 0, 3],
    ["?! …", "Nothing to search for: the query has no letters or digits", 0, 4],
    ['vendor "contract', "Unclosed quote at position 8", 7, 1],
    ["vendor “contract", "Unclosed quote at position 8", 7, 1],
    ['tag:"needs review', "Unclosed quote at position 5", 4, 1],
    ['a "" b', "Empty phrase at position 3", 2, 2],
    ['"  "', "Empty phrase at position 1", 0, 4],
    ['"?!"', "Phrase at position 1 has no letters or digits", 0, 4],
    ["a (b c", 'Missing ")" for "(" at position 3', 2, 1],
    ["(a (b) c", 'Missing ")" for "(" at position 1', 0, 1],
    ["x (", 'Missing ")" for "(" at position 3', 2, 1],
    ["a b) c", 'Unexpected ")" at position 4', 3, 1],
    [")", 'Unexpected ")" at position 1', 0, 1],
    ["(a)) b", 'Unexpected ")" at position 4', 3, 1],
    ["()", "Empty parentheses at position 1", 0, 2],
    ["a ( ) b", "Empty parentheses at position 3", 2, 3],
    ["OR a", "OR needs a term on both sides", 0, 2],
    ["a OR", "OR needs a term on both sides", 2, 2],
    ["a OR OR b", "OR needs a term on both sides", 2, 2],
    ["(a OR) b", "OR needs a term on both sides", 3, 2],
    ["a OR AND b", "OR needs a term on both sides", 2, 2],
    ["AND a", "AND needs a term on both sides", 0, 3],
    ["a AND", "AND needs a term on both sides", 2, 3],
    ["a AND OR b", "AND needs a term on both sides", 2, 3],
    ["- a", /^"-" must be followed by a term/, 0, 1],
    ["a -", /^"-" must be followed by a term/, 2, 1],
    ["(a -)", /^"-" must be followed by a term/, 3, 1],
    ["-OR a", /^"-" must be followed by a term/, 0, 1],
    ["-?a", /^"-" must be followed by a term/, 0, 1],
    ["a NOT", "NOT must be followed by a term", 2, 3],
    ["NOT OR a", "NOT must be followed by a term", 0, 3],
    ["role:admin", '"role:" expects one of user, assistant, tool, system', 5, 5],
    ['role:"admin x"', '"role:" expects one of user, assistant, tool, system', 5, 9],
    ["type:conversation", '"type:" expects one of message, gpt, memory, file', 5, 12],
    ["status:done", '"status:" expects one of unreviewed, in_review, reviewed, escalated', 7, 4],
    ["has:link", '"has:" expects file', 4, 4],
    ["flagged:maybe", '"flagged:" expects yes or no', 8, 5],
    ["held:1", '"held:" expects yes or no', 5, 1],
    ["x after:yesterday", '"after:" expects a date like 2025-01-31', 8, 9],
    ["user:", '"user:" needs a value right after the colon, e.g. user:alice', 0, 5],
    ["user: alice", '"user:" needs a value right after the colon, e.g. user:alice', 0, 5],
    ["(tag:)", '"tag:" needs a value right after the colon, e.g. tag:"needs review"', 1, 4],
    ['tag:"" x', '"tag:" needs a value right after the colon, e.g. tag:"needs review"', 0, 6],
    ["foo:bar", /^Unknown filter "foo:"/, 0, 4],
  ];

  it.each(cases)("%j → %s", (input, message, position, length) => {
    const e = fail(input);
    if (typeof message === "string") expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
    expect({ position: e.position, length: e.length }).toEqual({ position, length });
    expect(e.position + e.length).toBeLessThanOrEqual(input.length);
  });

  it("reports the leftmost problem first", () => {
    expect(fail(') "abc').message).toBe('Unexpected ")" at position 1');
    expect(fail('"abc ) x').message).toBe("Unclosed quote at position 1");
    expect(fail("role:x after:y").position).toBe(5);
  });
});

describe("limits", () => {
  it(`caps the query at ${MAX_QUERY_LENGTH} characters`, () => {
    const ok = "a".repeat(MAX_QUERY_LENGTH);
    expect(tree(ok)).toEqual(w(ok));
    expect(fail("a".repeat(1234))).toEqual({ message: "Query is too long: 1,234 characters (the limit is 1,000)", position: 1000, length: 234 });
  });

  it(`caps the number of terms at ${MAX_QUERY_TERMS}`, () => {
    const terms = Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => (i % 3 === 0 ? `w${i}` : i % 3 === 1 ? `"p ${i}"` : `tag:t${i}`));
    expect(tree(terms.slice(0, MAX_QUERY_TERMS).join(" "))).toMatchObject({ kind: "and" });
    const q = terms.join(" ");
    const last = terms[MAX_QUERY_TERMS];
    expect(fail(q)).toEqual({ message: "Too many terms: the limit is 64", position: q.length - last.length, length: last.length });
    // Exclusions and groups count their terms too.
    expect(fail(Array.from({ length: 65 }, (_, i) => `-(x${i})`).join(" ")).message).toMatch(/^Too many terms/);
  });

  it(`caps nesting at ${MAX_QUERY_DEPTH} parentheses`, () => {
    const nest = (n: number) => "(".repeat(n) + "a" + ")".repeat(n);
    expect(tree(nest(MAX_QUERY_DEPTH))).toEqual(w("a"));
    expect(fail(nest(MAX_QUERY_DEPTH + 1))).toEqual({ message: "Too many nested parentheses: the limit is 16", position: MAX_QUERY_DEPTH, length: 1 });
    expect(tree("(a) ".repeat(40).trim())).toMatchObject({ kind: "and" }); // depth is nesting, not count
  });
});

// ---- helpers over the tree ------------------------------------------------------------------------------

describe("collectFilters", () => {
  it("lists every filter in input order with its polarity and whether every match must satisfy it", () => {
    const t = tree("contract role:assistant -held:yes (user:alice OR -tag:x) -(type:gpt flagged:yes)");
    expect(collectFilters(t)).toEqual([
      { filter: f("role", "assistant"), negated: false, required: true },
      { filter: f("held", true), negated: true, required: true },
      { filter: f("user", "alice"), negated: false, required: false },
      { filter: f("tag", "x"), negated: true, required: false },
      { filter: f("type", "gpt"), negated: true, required: false },
      { filter: f("flagged", true), negated: true, required: false },
    ]);
    expect(collectFilters(tree("user:bob"))).toEqual([{ filter: f("user", "bob"), negated: false, required: true }]);
    expect(collectFilters(tree("a OR b"))).toEqual([]);
  });
});

describe("hasPositiveText", () => {
  it.each([
    ["contract", true],
    ['"exact phrase" -draft', true],
    ["contract role:tool", true],
    ["(a OR b) -c", true],
    ["-draft", false],
    ["role:tool", false],
    ["role:tool -draft", false],
    ["a OR -b", false],
    ["a OR role:tool", false],
    ["-(a b)", false],
  ])("%s → %s", (q, expected) => {
    expect(hasPositiveText(tree(q))).toBe(expected);
  });
});

describe("highlightTerms", () => {
  it("returns positive words and phrases once, in order", () => {
    expect(highlightTerms(tree('Vendor "wire transfer" -draft vendor (invoice OR -spam) role:tool'))).toEqual([
      "Vendor",
      "wire transfer",
      "invoice",
    ]);
    expect(highlightTerms(tree("-(a -b)"))).toEqual(["b"]); // NOT(a AND NOT b) = NOT a OR b
    expect(highlightTerms(tree("role:tool -x"))).toEqual([]);
  });
});

describe("partitionQuery", () => {
  it("splits top-level conjuncts into filters, text and mixed", () => {
    expect(partitionQuery(tree('"wire transfer" vendor role:user -held:yes (alice OR user:bob) (type:gpt OR type:memory)'))).toEqual({
      filters: and(f("role", "user"), not(f("held", true)), or(f("type", "gpt"), f("type", "memory"))),
      text: and(p("wire transfer"), w("vendor")),
      mixed: or(w("alice"), f("user", "bob")),
    });
    expect(partitionQuery(tree("a OR b"))).toEqual({ filters: null, text: or(w("a"), w("b")), mixed: null });
    expect(partitionQuery(tree("role:tool"))).toEqual({ filters: f("role", "tool"), text: null, mixed: null });
  });
});

describe("FILTER_SPECS", () => {
  it("documents every field with an example that parses to that field", () => {
    for (const field of FILTER_FIELDS) {
      const t = tree(FILTER_SPECS[field].example);
      expect(t).toMatchObject({ kind: "filter", field });
    }
  });
});

// ---- normalizeQuery ---------------------------------------------------------------------------------------

describe("normalizeQuery", () => {
  it.each([
    ["vendor   contract", "vendor contract"],
    ["a b OR c", "(a b) OR c"],
    ["a OR b c", "a OR (b c)"],
    ["a AND (b OR c)", "a (b OR c)"],
    ["NOT a", "-a"],
    ["--a", "a"],
    ["-(a OR b)", "-(a OR b)"],
    ["“smart  quotes”", '"smart quotes"'],
    ["ROLE:Assistant Email:A@B.COM", "role:assistant email:a@b.com"],
    ["flagged:true held:FALSE", "flagged:yes held:no"],
    ['tag:"needs review" tag:"solo"', 'tag:"needs review" tag:solo'],
    ['project:"Q3 (EU)"', 'project:"Q3 (EU)"'],
    ["status:In-Review", "status:in_review"],
    ["rock’n’roll", "rock'n'roll"],
    ['a"b"', 'a "b"'],
    ["((a b) OR (c d)) -e", "((a b) OR (c d)) -e"],
  ])("%s → %s", (input, expected) => {
    const t = tree(input);
    expect(normalizeQuery(t)).toBe(expected);
    expectRoundTrip(t);
  });

  it("formats single filters", () => {
    expect(formatFilter(f("tag", "needs review"))).toBe('tag:"needs review"');
    expect(formatFilter(f("after", "2025-01-31"))).toBe("after:2025-01-31");
  });

  it("round-trips 500 generated queries (seeded)", () => {
    const r = rng(20250131);
    const words = ["vendor", "contract", "or", "and", "e-mail", "alice@example.com", "v1.2", "don't", "договор", "合同", "café", "x_1", "ORACLE"];
    const phraseWords = ["wire", "transfer", "needs", "review", "Q3", "(EU)", "-draft", "OR", "a:b"];
    const space = () => r.pick([" ", "  ", "\t", " \u00a0", "\n"]);
    const quote = (s: string) => (r.chance(0.7) ? `"${s}"` : `“${s}”`);
    const cased = (s: string) => (r.chance(0.2) ? s.toUpperCase() : s);
    const filterValues: Record<string, () => string> = {
      user: () => r.pick(["alice", "Bob", "user-123", quote("Alice Smith")]),
      email: () => r.pick(["Alice@Example.com", "bob@x.io"]),
      gpt: () => r.pick(["g-AbC123", quote("Contract Helper")]),
      project: () => r.pick(["Q3", quote("Q3 (EU) audit")]),
      role: () => cased(r.pick(["user", "assistant", "tool", "system"])),
      type: () => cased(r.pick(["message", "gpt", "memory", "file"])),
      status: () => r.pick(["unreviewed", "in_review", "In-Review", "reviewed", "escalated", quote("in review")]),
      tag: () => r.pick(["urgent", quote("needs review"), quote(" padded ")]),
      flagged: () => r.pick(["yes", "no", "TRUE", "false"]),
      held: () => r.pick(["yes", "no"]),
      has: () => cased("file"),
      after: () => r.pick(["2024-02-29", "2025-01-01", "2023-12-31"]),
      before: () => r.pick(["2025-06-01", "2026-01-01"]),
    };
    let budget = 0;
    const term = (): string => {
      budget++;
      const k = r.int(10);
      if (k < 5) return r.pick(words);
      if (k < 7) return quote(Array.from({ length: 1 + r.int(3) }, () => r.pick(phraseWords)).join(r.chance(0.3) ? "  " : " "));
      const field = r.pick(FILTER_FIELDS);
      return `${cased(field)}:${filterValues[field]()}`;
    };
    const expr = (depth: number): string => {
      const k = r.int(10);
      if (depth >= 4 || budget > 40 || k < 4) return term();
      if (k < 5) return `-${r.chance(0.5) ? term() : `(${expr(depth + 1)})`}`;
      if (k < 6) return `NOT${space()}${expr(depth + 1)}`;
      if (k < 7) return `(${r.chance(0.3) ? space() : ""}${expr(depth + 1)})`;
      const n = 2 + r.int(3);
      const sep = k < 9 ? () => (r.chance(0.2) ? `${space()}AND${space()}` : space()) : () => `${space()}OR${space()}`;
      let out = expr(depth + 1);
      for (let i = 1; i < n; i++) out += sep() + expr(depth + 1);
      return out;
    };

    let parsed = 0;
    for (let i = 0; i < 500; i++) {
      budget = 0;
      const q = expr(0);
      const res = parseQuery(q);
      if (!res.ok) {
        // Random top-level filters can contradict each other (role:user role:tool); nothing else may fail.
        expect(res.error.message, q).toMatch(/can never both match|^Nothing can match/);
        continue;
      }
      parsed++;
      assertCanonical(res.query.tree);
      expectRoundTrip(res.query.tree);
    }
    expect(parsed).toBeGreaterThan(450);
  });
});

// ---- robustness -------------------------------------------------------------------------------------------

describe("never throws", () => {
  it("returns a result or a well-formed error for 2,000 random strings (seeded)", () => {
    const r = rng(42);
    const alphabet = [
      '"', "(", ")", "-", ":", "O", "R", "OR", "AND", "NOT", " ", "\t", "\n", "“", "”", "„", "a", "b", "c", "é", "e\u0301", "İ",
      "ß", "合", "😀", "\ud800", "\u200b", "\u00a0", "’", "'", ".", "@", "_", "1", "2", "?", "/", "role:", "user:", "tag:",
      "after:", "before:", "flagged:", "foo:", "2025-02-30", "2025-01-31", "yes", "tool", "--", "\\", "\u0000",
    ];
    let oks = 0;
    for (let i = 0; i < 2000; i++) {
      const input = Array.from({ length: r.int(30) }, () => r.pick(alphabet)).join("");
      let res: ParseQueryResult;
      try {
        res = parseQuery(input);
      } catch (e) {
        throw new Error(`parseQuery threw on ${JSON.stringify(input)}: ${String(e)}`);
      }
      if (res.ok) {
        oks++;
        expect(res.query.raw).toBe(input);
        assertCanonical(res.query.tree);
        expectRoundTrip(res.query.tree);
        const t = res.query.tree;
        expect(() => [collectFilters, hasPositiveText, highlightTerms, partitionQuery].forEach((fn) => fn(t))).not.toThrow();
      } else {
        const { message, position, length } = res.error;
        expect(message.length, JSON.stringify(input)).toBeGreaterThan(0);
        expect(message, JSON.stringify(input)).not.toBe(INTERNAL_ERROR_MESSAGE);
        expect(Number.isInteger(position) && Number.isInteger(length)).toBe(true);
        expect(position).toBeGreaterThanOrEqual(0);
        expect(length).toBeGreaterThanOrEqual(0);
        expect(position + length, JSON.stringify(input)).toBeLessThanOrEqual(input.length);
      }
    }
    // The alphabet is nasty, but a fair share of inputs must still be valid queries.
    expect(oks).toBeGreaterThan(200);
  });
});
