// Meilisearch-specific behaviour of the Meilisearch engine, against a real Meilisearch 1.21.0 (the shared
// contract suite, search-contract.meilisearch.test.ts, covers what both engines must do alike): settings
// applied as kept in code, writes that wait for their task and fail loudly, typo tolerance and exact
// exclusion of typo matches, filter-value escaping, keyset/offset paging, the id-set bound, errors when
// the server is down. Skipped loudly where the pinned binary cannot run.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Meilisearch } from "meilisearch";
import { MeilisearchUnavailable, startMeilisearch, type MeilisearchServer } from "@/lib/search/meilisearch-server";
import { MEILISEARCH_SETTINGS, MeilisearchEngine, MeilisearchTaskError } from "@/lib/search/engines/meilisearch";
import { parseQuery, type ParsedQuery, type QueryNode } from "@/lib/search/query-parser";
import { SearchRequestError, SearchUnavailableError, type SearchDocument, type SearchRequest } from "@/lib/search/types";
import { blankDocument } from "@/lib/search/documents";

let server: MeilisearchServer | null = null;
let engine: MeilisearchEngine;
let client: Meilisearch;
const INDEX = `meili_specific_${process.pid}`;

beforeAll(async () => {
  try {
    server = await startMeilisearch();
  } catch (err) {
    if (!(err instanceof MeilisearchUnavailable)) throw err;
    console.warn(`\n!! SKIPPING the Meilisearch engine tests: ${err.message}\n`);
    return;
  }
  client = new Meilisearch({ host: server.url, apiKey: server.masterKey });
  engine = new MeilisearchEngine({ host: server.url, apiKey: server.masterKey, indexUid: INDEX, idSetLimit: 5 });
  await engine.ensureReady();
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await server?.stop();
});

beforeEach(async () => {
  if (server) await engine.clear();
});

function doc(id: string, body: string, extra: Partial<SearchDocument> = {}): SearchDocument {
  return {
    ...blankDocument("message", id, "src1"),
    body,
    conversationId: "c1",
    messageId: id,
    userId: "u1",
    userName: "Alice Smith",
    userEmail: "alice@example.com",
    userKeys: ["u1", "alice@example.com", "alice", "alice smith", "smith"],
    role: "user",
    time: 1_700_000_000_000,
    ...extra,
  };
}

function q(raw: string): ParsedQuery {
  const r = parseQuery(raw);
  if (!r.ok) throw new Error(`bad test query ${raw}: ${r.error.message}`);
  return r.query;
}

async function ids(query: ParsedQuery | string | null, extra: Partial<SearchRequest> = {}): Promise<string[]> {
  const parsed = typeof query === "string" ? q(query) : query;
  const result = await engine.search({ query: parsed, sort: "newest", limit: 100, ...extra });
  return result.hits.map((h) => h.document.itemId).sort();
}

describe("Meilisearch engine", () => {
  it("applies the index settings kept in code, idempotently", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.ensureReady();
    const index = await client.getRawIndex(INDEX);
    expect(index.primaryKey).toBe("id");
    const settings = await client.index(INDEX).getSettings();
    expect(settings.searchableAttributes).toEqual(MEILISEARCH_SETTINGS.searchableAttributes);
    expect([...(settings.filterableAttributes ?? [])].sort()).toEqual([...MEILISEARCH_SETTINGS.filterableAttributes].sort());
    expect([...(settings.sortableAttributes ?? [])].sort()).toEqual([...MEILISEARCH_SETTINGS.sortableAttributes].sort());
    expect(settings.rankingRules).toEqual(MEILISEARCH_SETTINGS.rankingRules);
    expect(settings.pagination).toEqual(MEILISEARCH_SETTINGS.pagination);
    expect(settings.faceting).toEqual(MEILISEARCH_SETTINGS.faceting);
    expect(settings.prefixSearch).toBe(MEILISEARCH_SETTINGS.prefixSearch);
    expect(settings.typoTolerance?.enabled).toBe(true);
  });

  it("waits for writes: a search right after upsert/delete sees them", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert([doc("w1", "quarterly vendor agreement"), doc("w2", "lunch menu")]);
    expect(await ids("vendor")).toEqual(["w1"]);
    expect(await engine.count()).toBe(2);
    await engine.upsert([doc("w1", "replaced text")]);
    expect(await ids("vendor")).toEqual([]);
    await engine.delete(["message_w2", "message_unknown"]);
    expect(await engine.count()).toBe(1);
  });

  it("returns the documents exactly as written, without the engine's own fields", async (ctx) => {
    if (!server) return ctx.skip();
    const d = doc("r1", "exact roundtrip", { title: "Title", tags: ["a", "b"], time: null, role: null, gptId: "g-1", gptName: "Helper", gptKeys: ["g-1", "helper"] });
    await engine.upsert([d]);
    const result = await engine.search({ query: q("roundtrip"), sort: "relevance", limit: 10 });
    expect(result.hits[0].document).toStrictEqual(d);
  });

  it("surfaces a failed task as an error with Meilisearch's message", async (ctx) => {
    if (!server) return ctx.skip();
    const bad = { ...doc("x", "bad"), id: "not a valid id!" };
    const failure = await engine.upsert([bad]).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(MeilisearchTaskError);
    expect((failure as MeilisearchTaskError).code).toBe("invalid_document_id");
    expect((failure as Error).message).toMatch(/not a valid id!/);
  });

  it("matches a word with one typo, and excludes typo matches exactly", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert([
      doc("t1", "the vendor agreement was signed"),
      doc("t2", "the vendor agreemnt was signed"), // typo in the document
      doc("t3", "the vendor contract was signed"),
    ]);
    expect(await ids("agreemnt")).toEqual(["t1", "t2"]);
    expect(await ids("agreement")).toEqual(["t1", "t2"]);
    // Meilisearch's own `-word` only drops exact words; the engine also drops what the word matches by typo.
    expect(await ids("vendor -agreement")).toEqual(["t3"]);
    expect(await ids("-agreement")).toEqual(["t3"]);
    expect(await ids("vendor (-agreement OR signed)")).toEqual(["t1", "t2", "t3"]);
  });

  it("matches only the last positive word by prefix, in every part of a query", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert([doc("p1", "contractor invoice"), doc("p2", "contract invoice"), doc("p3", "contractor memo")]);
    expect(await ids("contract")).toEqual(["p1", "p2", "p3"]);
    expect(await ids("invoice contract")).toEqual(["p1", "p2"]);
    // Not the last word: no prefix, even though the search that evaluates it ends with it.
    expect(await ids("contract invoice")).toEqual(["p2"]);
    expect(await ids("invoice -contract")).toEqual(["p1"]);
    expect(await ids("(contract OR memo) invoice")).toEqual(["p2"]);
    expect(await ids("invoice OR contract")).toEqual(["p1", "p2", "p3"]);
    // Under a NOT there is no prefix word: "contractor invoice" does not match `invoice contract` there.
    expect(await ids("-(invoice contract)")).toEqual(["p1", "p3"]);
  });

  it("evaluates more than ten words exactly (Meilisearch reads ten per search)", async (ctx) => {
    if (!server) return ctx.skip();
    const words = Array.from({ length: 12 }, (_, i) => `w${i}x`);
    await engine.upsert([doc("l1", words.join(" ")), doc("l2", words.slice(0, 10).join(" "))]);
    expect(await ids(words.join(" "))).toEqual(["l1"]);
    expect(await ids(words.slice(0, 10).join(" "))).toEqual(["l1", "l2"]);
  });

  it("escapes filter values: quotes and backslashes cannot break out", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert([
      doc("e1", "escaping", { userKeys: ['o"brien\\'] }),
      doc("e2", "escaping", { userKeys: ["alice"] }),
    ]);
    const filter = (value: string): ParsedQuery => {
      const tree: QueryNode = { kind: "filter", field: "user", op: "eq", value };
      return { tree, raw: `user:${value}` };
    };
    expect(await ids(filter('o"brien\\'))).toEqual(["e1"]);
    expect(await ids(filter('x" OR userKeys = "alice'))).toEqual([]);
    expect(await ids(filter('x\\" OR userKeys = "alice'))).toEqual([]);
    expect(await ids(filter("alice"))).toEqual(["e2"]);
  });

  it("keeps documents without a role under -role:tool", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert([doc("n1", "x", { role: "tool" }), doc("n2", "x", { role: null, type: "gpt", itemType: "GPT_CONFIG", id: "gpt_n2" })]);
    expect(await ids("-role:tool")).toEqual(["n2"]);
  });

  it("pages newest and oldest by keyset across equal times and documents without a time", async (ctx) => {
    if (!server) return ctx.skip();
    const times: (number | null)[] = [300, 200, null, 200, 100, 200, null];
    await engine.upsert(times.map((time, i) => doc(`k${i}`, "paging", { time })));
    const expected = {
      newest: ["k0", "k1", "k3", "k5", "k4", "k2", "k6"],
      oldest: ["k4", "k1", "k3", "k5", "k0", "k2", "k6"],
    };
    for (const sort of ["newest", "oldest"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await engine.search({ query: q("paging"), sort, limit: 2, cursor, facets: true });
        expect(page.total).toBe(7);
        expect(page.facets?.type).toEqual([{ value: "message", label: "message", count: 7 }]);
        seen.push(...page.hits.map((h) => h.document.itemId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected[sort]);
    }
  });

  it("pages relevance by offset, ranking an exact phrase above scattered words", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert([
      doc("a1", "wire and then, much later, a transfer", { time: 3 }),
      doc("a2", "please wire transfer the money", { time: 1 }),
      doc("a3", "transfer, then wire", { time: 2 }),
    ]);
    const first = await engine.search({ query: q("wire transfer"), sort: "relevance", limit: 2 });
    expect(first.hits[0].document.itemId).toBe("a2");
    expect(first.total).toBe(3);
    const second = await engine.search({ query: q("wire transfer"), sort: "relevance", limit: 2, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    expect([...first.hits, ...second.hits].map((h) => h.document.itemId).sort()).toEqual(["a1", "a2", "a3"]);
  });

  it("ranks OR-only text by relevance, then documents matched by filters only, newest first, across pages", async (ctx) => {
    if (!server) return ctx.skip();
    const bob = { userId: "u2", userName: "Bob", userEmail: "bob@example.com", userKeys: ["u2", "bob"] };
    await engine.upsert([
      doc("o1", "a note about the hedgehog", { time: 5 }),
      doc("o2", "notes", { title: "Hedgehog", time: 1 }), // title match ranks first
      doc("o3", "pelican sighting", { time: 4 }),
      doc("o4", "unrelated", { ...bob, time: 3 }),
      doc("o5", "also unrelated", { ...bob, time: 6 }),
      doc("o6", "unrelated too", { time: 9 }),
    ]);
    const query = q("hedgehog OR pelican OR user:bob");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await engine.search({ query, sort: "relevance", limit: 2, cursor });
      expect(page.total).toBe(5);
      seen.push(...page.hits.map((h) => h.document.itemId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen[0]).toBe("o2");
    expect(seen.slice(0, 3).sort()).toEqual(["o1", "o2", "o3"]);
    expect(seen.slice(3)).toEqual(["o5", "o4"]);
    const one = await engine.search({ query, sort: "relevance", limit: 3 });
    const rest = await engine.search({ query, sort: "relevance", limit: 3, cursor: one.nextCursor });
    expect([...one.hits, ...rest.hits].map((h) => h.document.itemId)).toEqual(seen);
    expect(rest.nextCursor).toBeNull();
  });

  it("rejects garbage and foreign cursors as bad_cursor", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert([doc("c1", "cursor"), doc("c2", "cursor")]);
    const page = await engine.search({ query: q("cursor"), sort: "newest", limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    for (const [cursor, sort] of [["%%%", "newest"], ["eyJ2IjoyfQ", "newest"], [page.nextCursor!, "oldest"], [page.nextCursor!, "relevance"]] as const) {
      const err = await engine.search({ query: q("cursor"), sort, limit: 1, cursor }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SearchRequestError);
      expect((err as SearchRequestError).code).toBe("bad_cursor");
    }
  });

  it("refuses, with a clear message, an OR whose side matches more than it can evaluate exactly", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert(Array.from({ length: 7 }, (_, i) => doc(`b${i}`, i < 6 ? "common words" : "rare")));
    const err = await engine.search({ query: q("common OR rare"), sort: "newest", limit: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SearchRequestError);
    expect((err as Error).message).toMatch(/"common" matches more than 5 items/);
    // Narrowed by a filter, the same OR is within bounds.
    await engine.upsert([doc("b0", "common words", { tags: ["keep"] })]);
    expect(await ids("tag:keep (common OR rare)")).toEqual(["b0"]);
  });

  it("highlights the terms a hit matched in an OR branch", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert([doc("h1", "the invoice is attached", { title: "Invoice thread" }), doc("h2", "the contract is attached")]);
    const result = await engine.search({ query: q("contract OR invoice"), sort: "relevance", limit: 10 });
    const byId = new Map(result.hits.map((h) => [h.document.itemId, h]));
    expect(byId.get("h1")?.snippet).toEqual([
      { text: "the ", match: false },
      { text: "invoice", match: true },
      { text: " is attached", match: false },
    ]);
    expect(byId.get("h1")?.titleHighlight.find((s) => s.match)?.text).toBe("Invoice");
    expect(byId.get("h2")?.snippet.find((s) => s.match)?.text).toBe("contract");
  });

  it("labels user facets with the name and merges one email seen under two names", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert([
      doc("f1", "facet", { userEmail: "bob@example.com", userName: "Bob", userId: "u2" }),
      doc("f2", "facet", { userEmail: "bob@example.com", userName: "Robert", userId: "u2" }),
      doc("f3", "facet", { userEmail: null, userName: null, userId: "u3" }),
    ]);
    const result = await engine.search({ query: q("facet"), sort: "newest", limit: 10, facets: true });
    expect(result.facets?.user).toEqual([
      { value: "bob@example.com", label: "Bob", count: 2 },
      { value: "u3", label: "u3", count: 1 },
    ]);
  });

  it("deletes what was indexed before an instant", async (ctx) => {
    if (!server) return ctx.skip();
    await engine.upsert([doc("s1", "stale")]);
    const stored = await client.index(INDEX).getDocument("message_s1");
    const instant = (stored.indexedAt as number) + 1;
    while (Date.now() < instant) {
      // spin past the millisecond of the first write (no timer involved)
    }
    await engine.upsert([doc("s2", "fresh")]);
    expect(await engine.deleteIndexedBefore(instant)).toBe(1);
    expect(await ids(null)).toEqual(["s2"]);
  });
});

describe("Meilisearch engine when the server cannot be used", () => {
  it("reports an unreachable server as SearchUnavailableError", async () => {
    const down = new MeilisearchEngine({ host: "http://127.0.0.1:9", indexUid: "x", requestTimeoutMs: 5_000 });
    await expect(down.ensureReady()).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(down.search({ query: null, sort: "newest", limit: 1 })).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(down.upsert([doc("d", "down")])).rejects.toBeInstanceOf(SearchUnavailableError);
  });

  it("reports a refused API key as SearchUnavailableError", async (ctx) => {
    if (!server) return ctx.skip();
    const wrongKey = new MeilisearchEngine({ host: server.url, apiKey: "wrong", indexUid: INDEX });
    await expect(wrongKey.search({ query: null, sort: "newest", limit: 1 })).rejects.toBeInstanceOf(SearchUnavailableError);
  });
});
