// The search engine contract suite: the behaviour every SearchEngine (lib/search/types.ts) must share,
// run by one small test file per engine (search-contract.<engine>.test.ts). It loads the fixed documents
// of search-fixtures.ts and asserts exact result sets, counts, facets, orders, highlights and paging.
//
// Only behaviour both engines offer belongs here: exact words, case and accent folding, a prefix of the
// last word, phrases, booleans and filters. Engine-specific fuzziness (PostgreSQL stemming and trigram
// user matching, Meilisearch typo tolerance) is tested in that engine's own file.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseQuery, type ParsedQuery } from "@/lib/search/query-parser";
import {
  FACET_LIMIT,
  FACET_NAMES,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  SearchRequestError,
  type FacetBucket,
  type Facets,
  type SearchDocument,
  type SearchEngine,
  type SearchRequest,
  type SearchResult,
  type SearchScope,
} from "@/lib/search/types";
import { FEB_1, SEARCH_FIXTURES, checkFixtureVocabulary, fid } from "./search-fixtures";

export type SearchContractEnv = { engine: SearchEngine; cleanup(): Promise<void> };

const ALL = SEARCH_FIXTURES;
const byShort = (...names: string[]) => names.map(fid).sort();
const where = (pred: (d: SearchDocument) => boolean) => ALL.filter(pred).map((d) => d.id).sort();
const sorted = (ids: string[]) => [...ids].sort();

function parse(q: string): ParsedQuery {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`test query ${JSON.stringify(q)} does not parse: ${r.error.message}`);
  return r.query;
}

/** Facets computed from the fixtures: the reference every engine must reproduce exactly. */
export function referenceFacets(docs: SearchDocument[]): Facets {
  const count = (values: { value: string; label: string }[]): FacetBucket[] => {
    const m = new Map<string, FacetBucket>();
    for (const v of values) {
      const b = m.get(v.value) ?? { value: v.value, label: v.label, count: 0 };
      b.count++;
      m.set(v.value, b);
    }
    return [...m.values()]
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
      .slice(0, FACET_LIMIT);
  };
  const plain = (v: string | null) => (v === null ? [] : [{ value: v, label: v }]);
  return {
    type: count(docs.flatMap((d) => plain(d.type))),
    role: count(docs.flatMap((d) => plain(d.role))),
    user: count(
      docs.flatMap((d) => {
        const value = d.userEmail ?? d.userId;
        return value === null ? [] : [{ value, label: d.userName ?? d.userEmail ?? value }];
      }),
    ),
    gpt: count(docs.flatMap((d) => (d.gptId ? [{ value: d.gptId, label: d.gptName ?? d.gptId }] : []))),
    project: count(docs.flatMap((d) => (d.projectId ? [{ value: d.projectId, label: d.projectName ?? d.projectId }] : []))),
    tag: count(docs.flatMap((d) => d.tags.map((t) => ({ value: t, label: t })))),
    status: count(docs.flatMap((d) => plain(d.status))),
  };
}

/** Waits (≥ ms) until the wall clock has moved on: indexedAt comparisons need distinct instants. */
async function clockTick(ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) await Promise.resolve();
}

export function defineSearchContract(engineName: string, setup: () => Promise<SearchContractEnv | null>): void {
  describe(`search engine contract: ${engineName}`, () => {
    let env: SearchContractEnv | null = null;

    beforeAll(async () => {
      env = await setup();
      if (!env) {
        console.warn(`\n*** SKIPPED: the ${engineName} search engine is not available, so its contract suite did not run. ***\n`);
        return;
      }
      await env.engine.ensureReady();
      await env.engine.ensureReady();
    });

    afterAll(async () => {
      await env?.cleanup();
    });

    /** A test that needs the engine; reported as skipped when it is unavailable. */
    const test = (name: string, fn: (engine: SearchEngine) => Promise<void>) =>
      it(name, async (ctx) => {
        if (!env) {
          ctx.skip();
          return;
        }
        await fn(env.engine);
      });

    const load = async () => {
      if (!env) return;
      await env.engine.clear();
      await env.engine.upsert(ALL);
    };

    const run = (engine: SearchEngine, q: string | null, extra: Partial<SearchRequest> = {}): Promise<SearchResult> =>
      engine.search({ query: q === null ? null : parse(q), sort: "relevance", limit: 100, ...extra });

    /** Every id the query returns (one page of up to 100 holds the whole fixture set), sorted. */
    const ids = async (engine: SearchEngine, q: string | null, extra: Partial<SearchRequest> = {}) => {
      const r = await run(engine, q, extra);
      expect(r.totalIsExact, `${q}: small result sets are counted exactly`).toBe(true);
      expect(r.total, `${q}: total`).toBe(r.hits.length);
      return sorted(r.hits.map((h) => h.document.id));
    };

    /** All ids in order, following nextCursor page by page. */
    const paginate = async (engine: SearchEngine, q: string | null, sort: SearchRequest["sort"], limit: number, scope?: SearchScope) => {
      const out: string[] = [];
      const totals = new Set<number>();
      let cursor: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const r: SearchResult = await run(engine, q, { sort, limit, cursor, scope });
        totals.add(r.total);
        out.push(...r.hits.map((h) => h.document.id));
        if (!r.nextCursor) break;
        expect(r.hits).toHaveLength(limit);
        cursor = r.nextCursor;
      }
      expect(totals.size, "every page reports the same total").toBe(1);
      return out;
    };

    it("fixture vocabulary leaves no room for fuzzy false positives", () => {
      expect(checkFixtureVocabulary()).toEqual([]);
    });

    describe("queries", () => {
      beforeAll(load);

      test("counts the documents", async (engine) => {
        expect(await engine.count()).toBe(ALL.length);
      });

      test("a word matches in title or body, in every document type", async (engine) => {
        expect(await ids(engine, "marzipan")).toEqual(byShort("m01", "m02", "m03", "m09", "gv-legal-1"));
        expect(await ids(engine, "lighthouse")).toEqual(byShort("m12", "gv-coder-1", "file-2"));
        expect(await ids(engine, "nonexistentword")).toEqual([]);
      });

      test("words are case-insensitive", async (engine) => {
        expect(await ids(engine, "MARZIPAN")).toEqual(byShort("m01", "m02", "m03", "m09", "gv-legal-1"));
        expect(await ids(engine, "pineapple")).toEqual(byShort("m04", "file-1"));
        expect(await ids(engine, "PiNeApPlE")).toEqual(byShort("m04", "file-1"));
      });

      test("accents are folded both ways, in any script", async (engine) => {
        expect(await ids(engine, "creperie")).toEqual(byShort("m05"));
        expect(await ids(engine, "CRÊPERIE")).toEqual(byShort("m05"));
        expect(await ids(engine, "reunion")).toEqual(byShort("m06"));
        expect(await ids(engine, "reunión")).toEqual(byShort("m06"));
        expect(await ids(engine, "СОВЕЩАНИЕ")).toEqual(byShort("m07"));
      });

      test("the last word also matches as a prefix, other words do not", async (engine) => {
        expect(await ids(engine, "tanger")).toEqual(byShort("m08"));
        expect(await ids(engine, "team tanger")).toEqual(byShort("m08"));
        expect(await ids(engine, "tanger team")).toEqual([]);
      });

      test("several words must all match", async (engine) => {
        expect(await ids(engine, "marzipan lobster")).toEqual(byShort("m09"));
        expect(await ids(engine, "hedgehog pelican")).toEqual(byShort("m12"));
      });

      test("a phrase matches the words adjacent and in order, not scattered or reversed", async (engine) => {
        expect(await ids(engine, '"quarterly forecast"')).toEqual(byShort("m13"));
        expect(await ids(engine, "quarterly forecast")).toEqual(byShort("m13", "m14", "m15"));
        expect(await ids(engine, '"forecast quarterly"')).toEqual(byShort("m15"));
        expect(await ids(engine, '"quarterly plan"')).toEqual(byShort("m14"));
      });

      test("-exclusion removes matches, also on its own", async (engine) => {
        expect(await ids(engine, "marzipan -lobster")).toEqual(byShort("m01", "m02", "m03", "gv-legal-1"));
        expect(await ids(engine, 'marzipan -"lobster and the marzipan"')).toEqual(byShort("m01", "m02", "m03", "gv-legal-1"));
        expect(await ids(engine, "-marzipan")).toEqual(where((d) => !["m01", "m02", "m03", "m09", "gv-legal-1"].includes(d.itemId)));
      });

      test("OR and parentheses follow the tree (AND binds tighter than OR)", async (engine) => {
        expect(await ids(engine, "hedgehog OR pelican")).toEqual(byShort("m10", "m11", "m12", "mem-1"));
        expect(await ids(engine, "(hedgehog OR pelican) lighthouse")).toEqual(byShort("m12"));
        expect(await ids(engine, "hedgehog OR pelican lighthouse")).toEqual(byShort("m10", "m12"));
        expect(await ids(engine, "(hedgehog OR pelican) -(lighthouse OR emblem)")).toEqual(byShort("m10", "m11"));
        expect(await ids(engine, "obsidian OR -marzipan")).toEqual(where((d) => !["m01", "m02", "m03", "m09", "gv-legal-1"].includes(d.itemId)));
      });

      test("text and filters mix in one tree", async (engine) => {
        // Dmitri's documents that are not assistant messages (a memory has no role: it stays), or lobster ones.
        expect(await ids(engine, "(lobster OR user:dmitri) -role:assistant")).toEqual(byShort("m07", "m23", "mem-2"));
        expect(await ids(engine, "marzipan role:assistant")).toEqual(byShort("m02", "m09"));
        expect(await ids(engine, "marzipan OR tag:vendor")).toEqual(byShort("m01", "m02", "m03", "m09", "gv-legal-1", "m14", "m21", "m23", "m29"));
      });

      test("user: matches id, email, email local part, full name and each name word, case-insensitively", async (engine) => {
        const bob = where((d) => d.userId === "u-bob");
        const alice = where((d) => d.userId === "u-alice");
        expect(bob.length).toBeGreaterThan(5);
        expect(await ids(engine, "user:bob")).toEqual(bob);
        expect(await ids(engine, "user:BOB")).toEqual(bob);
        expect(await ids(engine, "user:okafor")).toEqual(bob);
        expect(await ids(engine, "user:u-bob")).toEqual(bob);
        expect(await ids(engine, 'user:"Bob Okafor"')).toEqual(bob);
        expect(await ids(engine, "user:bob.okafor@acme.example.com")).toEqual(bob);
        expect(await ids(engine, "user:bob.okafor")).toEqual(bob);
        expect(await ids(engine, "user:alice OR user:bob")).toEqual(sorted([...alice, ...bob]));
        expect(await ids(engine, "user:u-dmitri")).toEqual(where((d) => d.userId === "u-dmitri"));
        expect(await ids(engine, "-user:alice")).toEqual(where((d) => d.userId !== "u-alice"));
      });

      test("email: matches the whole address only", async (engine) => {
        const bob = where((d) => d.userId === "u-bob");
        expect(await ids(engine, "email:bob.okafor@acme.example.com")).toEqual(bob);
        expect(await ids(engine, "email:BOB.OKAFOR@ACME.EXAMPLE.COM")).toEqual(bob);
        expect(await ids(engine, "email:bob.okafor")).toEqual([]);
      });

      test("gpt: and project: match id, full name and name words", async (engine) => {
        const legal = where((d) => d.gptId === "g-legal01");
        expect(legal).toEqual(byShort("m10", "m11", "gv-legal-1"));
        expect(await ids(engine, "gpt:g-legal01")).toEqual(legal);
        expect(await ids(engine, "gpt:legal")).toEqual(legal);
        expect(await ids(engine, 'gpt:"legal helper"')).toEqual(legal);
        expect(await ids(engine, "gpt:helper")).toEqual(legal);
        expect(await ids(engine, "-gpt:legal")).toEqual(where((d) => d.gptId !== "g-legal01"));
        const orion = where((d) => d.projectId === "proj-orion");
        expect(orion).toEqual(byShort("m24", "m27", "file-1"));
        expect(await ids(engine, "project:proj-orion")).toEqual(orion);
        expect(await ids(engine, "project:Orion")).toEqual(orion);
        expect(await ids(engine, 'project:"Orion Launch"')).toEqual(orion);
        expect(await ids(engine, 'project:"q3 audit"')).toEqual(byShort("m08", "m09"));
      });

      test("role:, type: and status: compare their fields; a negation keeps documents without the field", async (engine) => {
        for (const role of ["user", "assistant", "tool", "system"] as const) {
          expect(await ids(engine, `role:${role}`), role).toEqual(where((d) => d.role === role));
        }
        expect(await ids(engine, "-role:tool")).toEqual(where((d) => d.role !== "tool"));
        expect(await ids(engine, "role:user OR role:system")).toEqual(where((d) => d.role === "user" || d.role === "system"));
        for (const type of ["message", "gpt", "memory", "file"] as const) {
          expect(await ids(engine, `type:${type}`), type).toEqual(where((d) => d.type === type));
        }
        expect(await ids(engine, "-type:message")).toEqual(where((d) => d.type !== "message"));
        for (const status of ["unreviewed", "in_review", "reviewed", "escalated"] as const) {
          expect(await ids(engine, `status:${status}`), status).toEqual(where((d) => d.status === status));
        }
      });

      test("has:file, flagged: and held: compare the flags", async (engine) => {
        expect(await ids(engine, "has:file")).toEqual(where((d) => d.hasFile));
        expect(await ids(engine, "-has:file")).toEqual(where((d) => !d.hasFile));
        expect(await ids(engine, "flagged:yes")).toEqual(where((d) => d.flagged));
        expect(await ids(engine, "flagged:no")).toEqual(where((d) => !d.flagged));
        expect(await ids(engine, "held:yes")).toEqual(where((d) => d.held));
        expect(await ids(engine, "held:no")).toEqual(where((d) => !d.held));
        expect(await ids(engine, "flagged:yes held:yes")).toEqual(byShort("file-2"));
      });

      test("tag: matches a tag of the item, case-insensitively, quoted with spaces", async (engine) => {
        expect(await ids(engine, "tag:vendor")).toEqual(where((d) => d.tags.includes("vendor")));
        expect(await ids(engine, "tag:VENDOR")).toEqual(where((d) => d.tags.includes("vendor")));
        expect(await ids(engine, 'tag:"needs review"')).toEqual(byShort("m13", "m14"));
        expect(await ids(engine, "tag:privileged -tag:vendor")).toEqual(byShort("m01", "mem-1"));
        expect(await ids(engine, "tag:needs")).toEqual([]);
      });

      test("after: includes its day from 00:00 UTC, before: excludes it; no time matches neither", async (engine) => {
        expect(await ids(engine, "after:2025-02-01")).toEqual(where((d) => d.time !== null && d.time >= FEB_1));
        expect(await ids(engine, "after:2025-02-01")).toEqual(byShort("m26", "m27"));
        expect(await ids(engine, "before:2025-02-01")).toEqual(where((d) => d.time !== null && d.time < FEB_1));
        expect(await ids(engine, "before:2025-02-01")).toContain(fid("m25"));
        expect(await ids(engine, "after:2025-01-31 before:2025-02-01")).toEqual(byShort("m25"));
        expect(await ids(engine, "after:2025-02-01 before:2025-02-02")).toEqual(byShort("m26"));
        expect(await ids(engine, "-after:2025-02-01")).toEqual(where((d) => !(d.time !== null && d.time >= FEB_1)));
        expect(await ids(engine, "-after:2025-02-01")).toContain(fid("mem-2"));
      });

      test("a query of filters only, and no query at all, browse newest first", async (engine) => {
        const r = await run(engine, "role:user flagged:yes");
        expect(sorted(r.hits.map((h) => h.document.id))).toEqual(where((d) => d.role === "user" && d.flagged));
        const timed = ALL.filter((d) => d.time !== null).sort((a, b) => (b.time as number) - (a.time as number));
        const browse = await run(engine, null);
        expect(browse.total).toBe(ALL.length);
        expect(browse.totalIsExact).toBe(true);
        expect(browse.hits.map((h) => h.document.id)).toEqual([...timed.map((d) => d.id), fid("mem-2")]);
        const negated = await run(engine, "-lobster");
        expect(negated.hits.map((h) => h.document.id)).toEqual([...timed.filter((d) => d.itemId !== "m09").map((d) => d.id), fid("mem-2")]);
        // Without positive text there is nothing to highlight: the snippet is the start of the body.
        const hit = browse.hits.find((h) => h.document.itemId === "m18");
        expect(hit?.snippet.every((s) => !s.match)).toBe(true);
        expect(hit?.snippet.map((s) => s.text).join("")).toContain("Run <script>");
      });

      test("documents come back whole", async (engine) => {
        const r = await run(engine, "kumquat");
        expect(r.hits).toHaveLength(1);
        expect(r.hits[0].document).toEqual(ALL.find((d) => d.itemId === "m18"));
        const gpt = await run(engine, "type:gpt gpt:buddy");
        expect(gpt.hits.map((h) => h.document)).toEqual(ALL.filter((d) => d.itemId === "gv-coder-1"));
        const memory = await run(engine, "type:memory user:dmitri");
        expect(memory.hits.map((h) => h.document)).toEqual(ALL.filter((d) => d.itemId === "mem-2"));
      });

      test("sorts newest first and oldest first, documents without a time last", async (engine) => {
        const timed = ALL.filter((d) => d.time !== null).sort((a, b) => (b.time as number) - (a.time as number));
        const newest = await run(engine, null, { sort: "newest" });
        expect(newest.hits.map((h) => h.document.id)).toEqual([...timed.map((d) => d.id), fid("mem-2")]);
        const oldest = await run(engine, null, { sort: "oldest" });
        expect(oldest.hits.map((h) => h.document.id)).toEqual([...[...timed].reverse().map((d) => d.id), fid("mem-2")]);
        const text = await run(engine, "marzipan", { sort: "oldest" });
        expect(text.hits.map((h) => h.document.itemId)).toEqual(["m01", "m02", "m03", "m09", "gv-legal-1"]);
        const textNewest = await run(engine, "marzipan", { sort: "newest" });
        expect(textNewest.hits.map((h) => h.document.itemId)).toEqual(["gv-legal-1", "m09", "m03", "m02", "m01"]);
      });

      test("relevance: the exact phrase ranks above the same words scattered", async (engine) => {
        const order = (await run(engine, "quarterly forecast")).hits.map((h) => h.document.itemId);
        expect(order).toContain("m14");
        expect(order.indexOf("m13")).toBeLessThan(order.indexOf("m14"));
      });

      test("relevance: a title match ranks above a body-only match", async (engine) => {
        const order = (await run(engine, "obsidian")).hits.map((h) => h.document.itemId);
        expect(order).toEqual(["m16", "m17"]);
        const marzipan = (await run(engine, "marzipan")).hits.map((h) => h.document.itemId);
        expect(marzipan[0]).toBe("m03");
      });

      test("highlights: matched segments hold the term, the rest is plain text", async (engine) => {
        const r = await run(engine, "marzipan");
        for (const hit of r.hits) {
          for (const seg of [...hit.snippet, ...hit.titleHighlight]) {
            expect(seg.text).not.toMatch(new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`));
            if (seg.match) expect(seg.text.toLowerCase()).toContain("marzipan");
          }
        }
        const m02 = r.hits.find((h) => h.document.itemId === "m02");
        expect(m02?.snippet.some((s) => s.match && s.text.toLowerCase() === "marzipan")).toBe(true);
        const m03 = r.hits.find((h) => h.document.itemId === "m03");
        expect(m03?.titleHighlight).toEqual([
          { text: "Marzipan", match: true },
          { text: " order", match: false },
        ]);
        const m01 = r.hits.find((h) => h.document.itemId === "m01");
        expect(m01?.titleHighlight).toEqual([{ text: "Weekly sync", match: false }]);
        // Accent-folded matches highlight the original spelling.
        const crepe = await run(engine, "creperie");
        expect(crepe.hits[0].snippet.filter((s) => s.match).map((s) => s.text)).toEqual(["crêperie"]);
        // A memory has no title.
        const memory = await run(engine, "pelican type:memory");
        expect(memory.hits[0].titleHighlight).toEqual([]);
      });

      test("highlights: untrusted markup comes back as plain text segments", async (engine) => {
        const r = await run(engine, "kumquat");
        const snippet = r.hits[0].snippet;
        const text = snippet.map((s) => s.text).join("");
        expect(text).toContain('<script>alert("');
        expect(text).toContain("</script>");
        expect(text).toContain("<b>bold</b>");
        for (const seg of snippet) if (seg.text.includes("<")) expect(seg.match).toBe(false);
        expect(snippet.filter((s) => s.match).map((s) => s.text.toLowerCase())).toContain("kumquat");
      });

      test("facets count the whole match set: values, labels, order, top FACET_LIMIT", async (engine) => {
        const all = await run(engine, null, { facets: true, limit: 3 });
        expect(all.hits).toHaveLength(3);
        expect(all.facets).toEqual(referenceFacets(ALL));
        // Spot checks of the reference itself.
        expect(all.facets?.type[0]).toEqual({ value: "message", label: "message", count: 30 });
        expect(all.facets?.user).toContainEqual({ value: "u-dmitri", label: "Dmitri Ivanov", count: 4 });
        expect(all.facets?.user[0]).toEqual({ value: "alice.martin@acme.example.com", label: "Alice Martin", count: 16 });
        expect(all.facets?.gpt).toEqual([
          { value: "g-legal01", label: "Legal Helper", count: 3 },
          { value: "g-coder02", label: "Code Buddy", count: 2 },
        ]);
        expect(all.facets?.tag).toHaveLength(FACET_LIMIT);
        expect(all.facets?.tag.slice(0, 3)).toEqual([
          { value: "privileged", label: "privileged", count: 4 },
          { value: "vendor", label: "vendor", count: 4 },
          { value: "alpha", label: "alpha", count: 2 },
        ]);
        expect(Object.keys(all.facets ?? {}).sort()).toEqual([...FACET_NAMES].sort());

        const q = await run(engine, "role:user -user:alice", { facets: true });
        expect(q.facets).toEqual(referenceFacets(ALL.filter((d) => d.role === "user" && d.userId !== "u-alice")));
        const text = await run(engine, "marzipan OR pelican", { facets: true, limit: 1 });
        expect(text.total).toBe(8);
        expect(text.facets).toEqual(
          referenceFacets(ALL.filter((d) => ["m01", "m02", "m03", "m09", "gv-legal-1", "m11", "m12", "mem-1"].includes(d.itemId))),
        );
        const none = await run(engine, "nonexistentword", { facets: true });
        expect(none.facets).toEqual(Object.fromEntries(FACET_NAMES.map((f) => [f, []])));
        expect((await run(engine, "marzipan")).facets).toBeNull();
      });

      test("keyset paging: pages concatenate to the full ordered list, without duplicates", async (engine) => {
        for (const [q, sort, limit] of [
          [null, "newest", 5],
          [null, "oldest", 7],
          [null, "relevance", 10],
          ["marzipan OR pelican OR hedgehog OR lighthouse", "relevance", 2],
          ["-role:user", "oldest", 4],
          ["team", "relevance", 3],
        ] as const) {
          const full = (await run(engine, q, { sort, limit: 100 })).hits.map((h) => h.document.id);
          const paged = await paginate(engine, q, sort, limit);
          expect(paged, `${q} ${sort} ${limit}`).toEqual(full);
          expect(new Set(paged).size).toBe(paged.length);
        }
        expect(await paginate(engine, null, "newest", ALL.length)).toHaveLength(ALL.length);
      });

      test("a bad cursor or limit is a SearchRequestError", async (engine) => {
        for (const cursor of ["garbage!", "bm90LWpzb24", Buffer.from(JSON.stringify({ hello: "world" })).toString("base64url")]) {
          const err = await run(engine, null, { sort: "newest", limit: 5, cursor }).catch((e: unknown) => e);
          expect(err, cursor).toBeInstanceOf(SearchRequestError);
          expect((err as SearchRequestError).code).toBe("bad_cursor");
        }
        for (const limit of [0, 101, 2.5]) {
          await expect(run(engine, null, { limit })).rejects.toBeInstanceOf(SearchRequestError);
        }
      });

      test("scope: only documents of the given sources and users are found, counted and faceted", async (engine) => {
        const src2 = await run(engine, null, { scope: { sourceIds: ["src-2"] }, facets: true });
        expect(sorted(src2.hits.map((h) => h.document.id))).toEqual(where((d) => d.sourceId === "src-2"));
        expect(src2.total).toBe(3);
        expect(src2.facets).toEqual(referenceFacets(ALL.filter((d) => d.sourceId === "src-2")));

        const bob = await run(engine, "marzipan", { scope: { userIds: ["u-bob"] }, facets: true });
        expect(sorted(bob.hits.map((h) => h.document.id))).toEqual(byShort("m02", "m09"));
        expect(bob.total).toBe(2);
        expect(bob.facets?.user).toEqual([{ value: "bob.okafor@acme.example.com", label: "Bob Okafor", count: 2 }]);

        const both: SearchScope = { sourceIds: ["src-1"], userIds: ["u-dmitri", "u-chloe"] };
        expect(await ids(engine, null, { scope: both })).toEqual(where((d) => d.sourceId === "src-1" && ["u-dmitri", "u-chloe"].includes(d.userId ?? "")));
        expect(await ids(engine, "user:alice", { scope: both })).toEqual([]);
        expect(await ids(engine, "-role:user", { scope: both })).toEqual(
          where((d) => d.sourceId === "src-1" && ["u-dmitri", "u-chloe"].includes(d.userId ?? "") && d.role !== "user"),
        );
        const nothing = await run(engine, null, { scope: { sourceIds: [] }, facets: true });
        expect(nothing.hits).toEqual([]);
        expect(nothing.total).toBe(0);
        expect(nothing.facets?.type).toEqual([]);
        // Paging stays inside the scope.
        expect(sorted(await paginate(engine, null, "newest", 2, both))).toEqual(
          where((d) => d.sourceId === "src-1" && ["u-dmitri", "u-chloe"].includes(d.userId ?? "")),
        );
      });
    });

    describe("writes", () => {
      beforeEach(load);

      test("upsert replaces a document by id (the last of duplicates in a batch wins)", async (engine) => {
        const m01 = ALL.find((d) => d.itemId === "m01") as SearchDocument;
        await engine.upsert([
          { ...m01, body: "An interim body." },
          { ...m01, body: "Only the saxophone now.", role: "assistant", tags: ["vendor"] },
        ]);
        expect(await engine.count()).toBe(ALL.length);
        expect(await ids(engine, "saxophone")).toEqual(byShort("m01"));
        expect(await ids(engine, "marzipan")).toEqual(byShort("m02", "m03", "m09", "gv-legal-1"));
        expect(await ids(engine, "interim")).toEqual([]);
        expect(await ids(engine, "role:assistant tag:vendor")).toContain(fid("m01"));
        const r = await run(engine, "saxophone");
        expect(r.hits[0].document).toEqual({ ...m01, body: "Only the saxophone now.", role: "assistant", tags: ["vendor"] });
      });

      test("delete removes documents by id and ignores unknown ids", async (engine) => {
        await engine.delete([fid("m01"), fid("mem-2"), "message_no-such-document"]);
        await engine.delete([]);
        expect(await engine.count()).toBe(ALL.length - 2);
        expect(await ids(engine, "marzipan")).toEqual(byShort("m02", "m03", "m09", "gv-legal-1"));
        expect(await ids(engine, "type:memory")).toEqual(byShort("mem-1"));
      });

      test("deleteIndexedBefore removes what was not written since the instant", async (engine) => {
        await clockTick(5);
        const instant = Date.now();
        await clockTick(5);
        const again = ALL.filter((d) => d.itemId === "m01" || d.itemId === "gv-coder-1");
        await engine.upsert(again);
        expect(await engine.deleteIndexedBefore(instant)).toBe(ALL.length - 2);
        expect(await engine.count()).toBe(2);
        expect(await ids(engine, null)).toEqual(byShort("m01", "gv-coder-1"));
        expect(await engine.deleteIndexedBefore(instant)).toBe(0);
      });

      test("clear removes everything", async (engine) => {
        await engine.clear();
        expect(await engine.count()).toBe(0);
        const r = await run(engine, null, { facets: true });
        expect(r.hits).toEqual([]);
        expect(r.total).toBe(0);
        await engine.upsert([]);
        expect(await engine.count()).toBe(0);
      });
    });
  });
}
