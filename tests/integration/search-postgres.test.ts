// Behaviour of the PostgreSQL search engine beyond the shared contract (search-contract.ts): stemming,
// prefixes, trigram `user:` typos, stop words, hostile input, index usage, and the bounded-work paths
// (sampled totals and facets, ranked candidate windows) that only show on large match sets — exercised
// here with shrunken tuning on a few thousand generated documents.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { blankDocument, userKeys } from "@/lib/search/documents";
import { PostgresSearchEngine, type PostgresSearchTuning } from "@/lib/search/engines/postgres";
import { parseQuery, type ParsedQuery } from "@/lib/search/query-parser";
import {
  SearchRequestError,
  SearchUnavailableError,
  documentKey,
  type SearchDocument,
  type SearchRequest,
  type SearchResult,
} from "@/lib/search/types";

const T0 = Date.UTC(2025, 2, 1);
const HOUR = 3_600_000;

const USERS = {
  alice: { userId: "u-alice", userName: "Alice Martin", userEmail: "alice.martin@acme.example.com" },
  alicia: { userId: "u-alicia", userName: "Alicia Keys", userEmail: "alicia.keys@acme.example.com" },
  bob: { userId: "u-bob", userName: "Bob Okafor", userEmail: "bob.okafor@acme.example.com" },
};

function doc(itemId: string, hour: number | null, body: string, extra: Partial<SearchDocument> & { user?: keyof typeof USERS } = {}): SearchDocument {
  const { user = "alice", ...rest } = extra;
  const u = USERS[user];
  return {
    ...blankDocument("message", itemId, "src-1"),
    title: "Notes",
    body,
    conversationId: `conv-${itemId}`,
    messageId: itemId,
    ...u,
    userKeys: userKeys(u.userId, u.userName, u.userEmail),
    role: "user",
    time: hour === null ? null : T0 + hour * HOUR,
    ...rest,
  };
}

const DOCS: SearchDocument[] = [
  doc("s1", 1, "The contracts were signed yesterday by the team."),
  doc("s2", 2, "We are contracting a vendor for the launch.", { user: "bob" }),
  doc("s3", 3, "Running the numbers again for the quarterly zephyrine review.", { user: "alicia" }),
  doc("s4", 4, "Our zephyrine prototype runs well.", { role: "assistant" }),
  doc("s5", 5, 'The <div class="note">markup</div> stays as text; mail bob@globex.example.org or see https://wiki.example.com/pages/onboarding-guide.', {
    user: "bob",
  }),
  doc("s6", 6, "Quote O'Brien's reply: it's fine.", { role: "tool", toolName: "python" }),
  doc("s7", 7, "A \u0002faked\u0003 highlight and a real walrus.", { user: "alicia", role: "assistant" }),
  doc("s8", null, "An undated memo about the walrus.", { user: "bob" }),
  doc("s10", 10, "Remembers the walrus joke.", { id: documentKey("memory", "s10"), type: "memory", itemType: "MEMORY", role: null, title: null }),
];

function parse(q: string): ParsedQuery {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`test query ${JSON.stringify(q)} does not parse: ${r.error.message}`);
  return r.query;
}

let pool: pg.Pool;
let engine: PostgresSearchEngine;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  engine = new PostgresSearchEngine(pool);
  await engine.ensureReady();
});

afterAll(async () => {
  await engine.clear();
  await pool.end();
});

const run = (q: string | null, extra: Partial<SearchRequest> = {}, e: PostgresSearchEngine = engine): Promise<SearchResult> =>
  e.search({ query: q === null ? null : parse(q), sort: "relevance", limit: 100, ...extra });
const ids = async (q: string | null, extra: Partial<SearchRequest> = {}) => (await run(q, extra)).hits.map((h) => h.document.itemId).sort();

describe("PostgreSQL search: language features", () => {
  beforeAll(async () => {
    await engine.clear();
    await engine.upsert(DOCS);
  });

  it("stems English words: singular, plural and verb forms find each other", async () => {
    expect(await ids("contract")).toEqual(["s1", "s2"]);
    expect(await ids("contracts signed")).toEqual(["s1"]);
    expect(await ids("run")).toEqual(["s3", "s4"]);
    expect(await ids('"contracts were signed"')).toEqual(["s1"]);
  });

  it("matches the last typed word as a prefix of the unstemmed word, from three letters", async () => {
    expect(await ids("zephy")).toEqual(["s3", "s4"]);
    expect(await ids("quarterly zeph")).toEqual(["s3"]);
    expect(await ids("ZÉPHYR")).toEqual(["s3", "s4"]);
    // Not the last word, or followed by a filter (typed out, not being typed): no prefix.
    expect(await ids("zephy review")).toEqual([]);
    expect(await ids("zephy role:user")).toEqual([]);
    // Too short to expand.
    expect(await ids("ze")).toEqual([]);
    // A negated last word is never a prefix.
    expect(await ids("walrus -zephy")).toEqual(["s10", "s7", "s8"]);
  });

  it("user: falls back to similar names only when no user has the exact key", async () => {
    const alice = DOCS.filter((d) => d.userId === "u-alice").map((d) => d.itemId).sort();
    expect(await ids("user:alice")).toEqual(alice);
    expect(await ids("user:alicia")).toEqual(["s3", "s7"]);
    // A typo finds Alice (and names as close as hers), never everybody.
    const typo = await ids("user:alise");
    expect(typo).toEqual(expect.arrayContaining(alice));
    expect(typo).not.toContain("s2");
    expect(await ids("user:zzyzx")).toEqual([]);
    // Inside the caller's scope only.
    expect(await ids("user:alise", { scope: { userIds: ["u-bob"] } })).toEqual([]);
  });

  it("stop words drop out of the query instead of matching nothing", async () => {
    const all = DOCS.map((d) => d.itemId).sort();
    expect(await ids("the")).toEqual(all);
    expect(await ids("the contracts")).toEqual(["s1", "s2"]);
    expect(await ids("-the")).toEqual(all);
    expect(await ids("the OR walrus")).toEqual(["s10", "s7", "s8"]);
    expect(await ids('"of the"')).toEqual(all);
    expect(await ids("(the) -walrus")).toEqual(all.filter((i) => !["s7", "s8", "s10"].includes(i)));
    // Only stop words: browsing, newest first, nothing highlighted.
    const r = await run("the");
    expect(r.hits[0].document.itemId).toBe("s10");
    expect(r.hits.every((h) => h.snippet.every((s) => !s.match))).toBe(true);
  });

  it("indexes the parts of e-mail addresses, URLs and file names, and text inside markup", async () => {
    expect(await ids("globex")).toEqual(["s5"]);
    expect(await ids("onboarding")).toEqual(["s5"]);
    expect(await ids("div")).toEqual(["s5"]);
    const r = await run("markup");
    expect(r.hits[0].snippet.map((s) => s.text).join("")).toContain('<div class="note">');
    expect(r.hits[0].snippet.filter((s) => s.match).map((s) => s.text)).toEqual(["markup"]);
  });

  it("highlight markers in stored text cannot fake a match", async () => {
    const r = await run("walrus");
    const s7 = r.hits.find((h) => h.document.itemId === "s7");
    expect(s7?.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(["walrus"]);
  });

  it("input that looks like SQL or tsquery syntax is inert", async () => {
    for (const q of [
      `x'; DROP TABLE "SearchDocument"; SELECT '`,
      `user:"x' OR '1'='1"`,
      `tag:"a\\b" O'Brien`,
      "O'Brien",
      "it's",
      'a&b !c "d:*" (e|f) "g <-> h" "x:* & !y"',
      'email:"bob@acme.example.com\' --"',
      "project:$1 gpt:$$x$$",
    ]) {
      const r = await run(q);
      expect(Array.isArray(r.hits), q).toBe(true);
    }
    expect(await ids("O'Brien")).toEqual(["s6"]);
    expect(await engine.count()).toBe(DOCS.length);
  });

  it("cursors are bound to their sort, query and scope", async () => {
    const first = await run(null, { sort: "newest", limit: 2 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const cursor = first.nextCursor as string;
    await expect(run(null, { sort: "oldest", limit: 2, cursor })).rejects.toBeInstanceOf(SearchRequestError);
    await expect(run("walrus", { sort: "newest", limit: 2, cursor })).rejects.toBeInstanceOf(SearchRequestError);
    await expect(run(null, { sort: "newest", limit: 2, cursor, scope: { userIds: ["u-bob"] } })).rejects.toBeInstanceOf(SearchRequestError);
    const tampered = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    tampered.k = ["not a time", 3];
    await expect(
      run(null, { sort: "newest", limit: 2, cursor: Buffer.from(JSON.stringify(tampered)).toString("base64url") }),
    ).rejects.toMatchObject({ code: "bad_cursor" });
    expect((await run(null, { sort: "newest", limit: 2, cursor })).hits).toHaveLength(2);
  });

  it("text PostgreSQL cannot store (NUL) is dropped rather than failing the batch", async () => {
    await engine.upsert([doc("s9", 9, "Null\u0000byte kiwifruit")]);
    expect(await ids("kiwifruit")).toEqual(["s9"]);
    await engine.delete([documentKey("message", "s9")]);
  });
});

describe("PostgreSQL search: planner statistics do not change results", () => {
  beforeAll(async () => {
    await engine.clear();
    await engine.upsert(DOCS);
  });

  it("marker filters give the same answers read from the index or from the columns", async () => {
    const queries = [
      "role:user",
      "role:assistant -role:tool",
      "walrus role:assistant",
      "-role:user",
      "walrus -role:user",
      "role:tool OR type:memory",
      "status:unreviewed walrus",
      "-type:message",
    ];
    const before = await Promise.all(queries.map((q) => ids(q)));
    await pool.query(`ANALYZE "SearchDocument"`);
    // A fresh engine reads the statistics: common markers (role:user here) are then checked on columns.
    const fresh = new PostgresSearchEngine(pool);
    const after = await Promise.all(queries.map(async (q) => (await run(q, {}, fresh)).hits.map((h) => h.document.itemId).sort()));
    expect(after).toEqual(before);
    expect(before[0]).toEqual(DOCS.filter((d) => d.role === "user").map((d) => d.itemId).sort());
    // A document without a role is not a user message: -role:user keeps it, from the column as well.
    expect(after[3]).toEqual(DOCS.filter((d) => d.role !== "user").map((d) => d.itemId).sort());
    expect(after[3]).toContain("s10");
    expect(after[4]).toEqual(["s10", "s7"]);
  });
});

/** ~3000 documents: every one says "alpha", every tenth "bravo", one in a hundred "charlie". */
function generate(n: number): SearchDocument[] {
  const users = Object.keys(USERS) as (keyof typeof USERS)[];
  return Array.from({ length: n }, (_, i) => {
    const words = ["alpha", i % 10 === 0 ? "bravo" : "", i % 100 === 0 ? "charlie" : "", i % 7 === 0 ? "alpha alpha" : ""].filter(Boolean);
    return doc(`g${String(i).padStart(5, "0")}`, i % 500 === 0 ? null : i, `${words.join(" ")} note ${i}`, {
      user: users[i % users.length],
      role: i % 3 === 0 ? "assistant" : "user",
      tags: i % 11 === 0 ? ["sampled"] : [],
      title: i % 13 === 0 ? "Alpha title" : "Notes",
    });
  });
}

describe("PostgreSQL search: bounded work on large match sets", () => {
  const N = 3000;
  const GEN = generate(N);
  const tuning: PostgresSearchTuning = { exactLimit: 50, sampleMin: 5, rankCandidates: 20 };
  let small: PostgresSearchEngine;

  beforeAll(async () => {
    await engine.clear();
    await engine.upsert(GEN);
    await pool.query(`ANALYZE "SearchDocument"`);
    small = new PostgresSearchEngine(pool, { tuning });
  });

  const matching = (word: string) => GEN.filter((d) => d.body.split(" ").includes(word));

  async function pageAll(q: string | null, sort: SearchRequest["sort"], limit: number, e: PostgresSearchEngine = small) {
    const out: SearchResult[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 1000; i++) {
      const r: SearchResult = await e.search({ query: q === null ? null : parse(q), sort, limit, cursor, facets: i === 0 });
      out.push(r);
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    return out;
  }

  it("upserts thousands of documents in one batch", async () => {
    expect(await engine.count()).toBe(N);
  });

  it("counts exactly up to exactLimit, and estimates beyond from a uniform sample", async () => {
    const charlie = await run("charlie", { facets: true }, small);
    expect(charlie.totalIsExact).toBe(true);
    expect(charlie.total).toBe(matching("charlie").length);

    for (const [q, truth] of [
      ["alpha", N],
      ["bravo", matching("bravo").length],
      [null, N],
    ] as const) {
      const r = await run(q, { facets: true }, small);
      expect(r.totalIsExact, `${q}`).toBe(false);
      expect(r.total, `${q}`).toBeGreaterThan(truth * 0.5);
      expect(r.total, `${q}`).toBeLessThan(truth * 2);
      // Facets come from the same sample, scaled: roughly the true proportions.
      const users = r.facets?.user ?? [];
      expect(users).toHaveLength(3);
      for (const b of users) expect(b.count, `${q} ${b.value}`).toBeGreaterThan(0);
      const roles = Object.fromEntries((r.facets?.role ?? []).map((b) => [b.value, b.count]));
      expect(roles.user, `${q}`).toBeGreaterThan(roles.assistant ?? 0);
    }
    // The default tuning counts these exactly.
    const exact = await run("bravo", { facets: true });
    expect(exact.totalIsExact).toBe(true);
    expect(exact.total).toBe(matching("bravo").length);
    expect(exact.facets?.tag).toEqual([{ value: "sampled", label: "sampled", count: matching("bravo").filter((d) => d.tags.includes("sampled")).length }]);
  });

  it("relevance ranks a recent window of candidates, then lists older matches newest first; pages cover every match once", async () => {
    const pages = await pageAll("alpha", "relevance", 25);
    const hits = pages.flatMap((p) => p.hits.map((h) => h.document));
    expect(hits).toHaveLength(N);
    expect(new Set(hits.map((d) => d.id)).size).toBe(N);
    // The first page is the best of the recent candidates: the doubled "alpha" and title matches first.
    const firstPage = pages[0].hits.map((h) => h.document);
    const strong = (d: SearchDocument) => d.title === "Alpha title" || d.body.includes("alpha alpha");
    expect(strong(firstPage[0])).toBe(true);
    // After the ranked candidates, the rest comes newest first (undated last).
    const tail = hits.slice(200);
    const times = tail.map((d) => d.time ?? -Infinity);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("a relevance window placed from the sample's times also pages through every match once", async () => {
    const windowed = new PostgresSearchEngine(pool, { tuning: { ...tuning, rankCandidates: 40 } });
    const pages = await pageAll("bravo", "relevance", 15, windowed);
    // The cursor carries the window: its start time, with no id (not a full candidate set).
    const boundary = JSON.parse(Buffer.from(pages[0].nextCursor as string, "base64url").toString("utf8")).b;
    expect(boundary).toEqual([expect.any(Number), ""]);
    const hits = pages.flatMap((p) => p.hits.map((h) => h.document));
    expect(hits.map((d) => d.id).sort()).toEqual(matching("bravo").map((d) => d.id).sort());
    // Ranked candidates are the window's: all at or after its start; older matches follow newest first.
    const inWindow = hits.filter((d) => d.time !== null && d.time >= boundary[0]);
    expect(hits.slice(0, inWindow.length).map((d) => d.id).sort()).toEqual(inWindow.map((d) => d.id).sort());
    const older = hits.slice(inWindow.length).map((d) => d.time ?? -Infinity);
    expect(older).toEqual([...older].sort((a, b) => b - a));
  });

  it("newest and oldest page through large sets without gaps or repeats", async () => {
    for (const sort of ["newest", "oldest"] as const) {
      const hits = (await pageAll("bravo", sort, 37)).flatMap((p) => p.hits.map((h) => h.document));
      expect(hits.map((d) => d.id).sort()).toEqual(matching("bravo").map((d) => d.id).sort());
      const timed = hits.filter((d) => d.time !== null).map((d) => d.time as number);
      expect(timed).toEqual([...timed].sort((a, b) => (sort === "newest" ? b - a : a - b)));
      expect(hits.slice(-1)[0].time).toBeNull();
    }
  });

  it("uses the indexes: no statement of a search scans the whole table", async () => {
    const seen: { q: string | null; plan: string }[] = [];
    let current: string | null = null;
    const spy = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const original = spy.connect.bind(spy);
    (spy as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
      const client = await original();
      const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
      (client as unknown as { query: typeof query }).query = async (text: string, values?: unknown[]) => {
        if (/^WITH /.test(text)) {
          const plan = await query(`EXPLAIN ${text}`, values);
          seen.push({ q: current, plan: plan.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n") });
        }
        return query(text, values);
      };
      return client;
    };
    try {
      const spied = new PostgresSearchEngine(spy, { tuning });
      for (const q of ["charlie", "alpha -role:user", "bravo after:2025-03-02", "tag:sampled user:bob", "role:system OR has:file", null]) {
        current = q;
        for (const sort of ["relevance", "newest", "oldest"] as const) {
          await spied.search({ query: q === null ? null : parse(q), sort, limit: 10, facets: true });
        }
      }
    } finally {
      await spy.end();
    }
    expect(seen.length).toBeGreaterThan(20);
    // Browsing everything may read the table in order (it stops after a page or a count limit).
    for (const { q, plan } of seen.filter((s) => s.q !== null)) expect(plan, `${q}\n${plan}`).not.toMatch(/Seq Scan on "SearchDocument"/);
    const all = seen.map((s) => s.plan).join("\n");
    expect(all).toMatch(/SearchDocument_searchVector_idx/);
    expect(all).toMatch(/SearchDocument_newest_idx/);
    expect(all).toMatch(/SearchDocument_oldest_idx/);
    expect(all).toMatch(/SearchDocument_userKeys_idx|SearchDocument_tags_idx/);
  });
});

describe("PostgreSQL search: failures", () => {
  let dead: pg.Pool;
  beforeEach(() => {
    dead = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 2000 });
  });
  afterAll(async () => {
    await dead.end().catch(() => undefined);
  });

  it("an unreachable database is SearchUnavailableError, for reads and writes", async () => {
    const e = new PostgresSearchEngine(dead, { ownsPool: true });
    await expect(e.ensureReady()).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(e.search({ query: parse("walrus"), sort: "relevance", limit: 10 })).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(e.upsert(DOCS)).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(e.count()).rejects.toBeInstanceOf(SearchUnavailableError);
    await e.close();
  });
});
