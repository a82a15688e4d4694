// The search and saved-search APIs through their real route handlers, real session cookies and the
// process's real search engine (PostgreSQL full-text: MEILI_HOST is unset in tests). Documents are written
// straight into the engine; every one carries a word unique to this run, so documents other test files
// leave in the shared database never change what these queries return.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import * as searchRoute from "@/app/api/v1/search/route";
import * as savedSearchesRoute from "@/app/api/v1/saved-searches/route";
import * as savedSearchRoute from "@/app/api/v1/saved-searches/[id]/route";
import * as savedSearchRunRoute from "@/app/api/v1/saved-searches/[id]/run/route";
import { closeSearchEngine, getSearchEngine } from "@/lib/search/engine";
import { blankDocument, nameKeys, userKeys } from "@/lib/search/documents";
import { SearchUnavailableError, type SearchDocument, type SearchEngine } from "@/lib/search/types";
import type { SavedSearchView, SearchResponse } from "@/lib/search/schemas";
import { createTestUser, sessionCookie } from "../factories/users";

const marker = `zq${randomBytes(5).toString("hex")}`;
const sourceId = `src-${marker}`;
const cookies = { alice: "", bob: "", admin: "" };
const ids = { alice: "", bob: "", admin: "" };
let engine: SearchEngine;

type Person = { id: string; name: string; email: string };
const ALICE: Person = { id: `wu-alice-${marker}`, name: "Alice Archer", email: `alice.${marker}@corp.test` };
const BOB: Person = { id: `wu-bob-${marker}`, name: "Bob Baker", email: `bob.${marker}@corp.test` };
const DAY = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

function doc(type: SearchDocument["type"], itemId: string, body: string, fields: Partial<SearchDocument> & { person?: Person } = {}): SearchDocument {
  const { person, ...rest } = fields;
  const base: SearchDocument = {
    ...blankDocument(type, itemId, sourceId),
    body,
    userId: person?.id ?? null,
    userName: person?.name ?? null,
    userEmail: person?.email ?? null,
    userKeys: person ? userKeys(person.id, person.name, person.email) : [],
  };
  return { ...base, ...rest };
}

function message(n: number, body: string, fields: Partial<SearchDocument> & { person?: Person } = {}): SearchDocument {
  const itemId = `msg-${marker}-${n}`;
  return doc("message", itemId, `${marker} ${body}`, {
    conversationId: `conv-${marker}-${n % 3}`,
    messageId: itemId,
    title: `Conversation ${n % 3} ${marker}`,
    role: "user",
    ...fields,
  });
}

const GPT_ID = `g-${marker}`;
const documents: SearchDocument[] = [
  message(1, "Please review the quarterly budget forecast for EMEA", { person: ALICE, time: DAY("2025-01-10"), tags: ["finance"], status: "reviewed" }),
  message(2, "The budget forecast looks healthy overall", {
    person: ALICE,
    role: "assistant",
    time: DAY("2025-01-11"),
    gptId: GPT_ID,
    gptName: "Budget Helper",
    gptKeys: nameKeys(GPT_ID, "Budget Helper"),
    flagged: true,
  }),
  message(3, "An unrelated travel itinerary for Lisbon", { person: BOB, role: "assistant", time: DAY("2025-02-01"), projectId: `p-${marker}`, projectName: "Travel", projectKeys: nameKeys(`p-${marker}`, "Travel") }),
  doc("gpt", `gptv-${marker}`, `${marker} Budget Helper answers budget questions from the finance team`, {
    person: BOB,
    title: "Budget Helper",
    gptId: GPT_ID,
    gptName: "Budget Helper",
    gptKeys: nameKeys(GPT_ID, "Budget Helper"),
    time: DAY("2025-01-05"),
  }),
  doc("memory", `mem-${marker}`, `${marker} prefers concise budget answers`, { person: BOB, time: DAY("2025-01-20"), held: true }),
  // Filler for paging: distinct times so every sort has one order.
  ...Array.from({ length: 9 }, (_, i) => message(10 + i, `filler note number ${i}`, { person: BOB, time: DAY(`2025-03-${String(10 + i).padStart(2, "0")}`) })),
];

function req(method: string, url: string, cookie: string | null, body?: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": "192.0.2.77" };
  if (cookie) headers.cookie = cookie;
  return new NextRequest(`http://localhost:3000${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

async function search(params: Record<string, string>, cookie = cookies.alice) {
  const res = await searchRoute.GET(req("GET", `/api/v1/search?${new URLSearchParams(params)}`, cookie), ctx());
  return { res, body: (await res.json()) as SearchResponse & { error?: { code: string; message: string; position?: number; length?: number } } };
}

const hitIds = (body: SearchResponse) => body.hits.map((h) => h.document.itemId).sort();

beforeAll(async () => {
  for (const [key, role] of [["alice", "REVIEWER"], ["bob", "AUDITOR"], ["admin", "ADMIN"]] as const) {
    const user = await createTestUser({ role });
    ids[key] = user.id;
    cookies[key] = await sessionCookie(user);
  }
  engine = await getSearchEngine();
  await engine.upsert(documents);
});

afterAll(async () => {
  await engine?.delete(documents.map((d) => d.id));
  await closeSearchEngine();
});

describe("GET /api/v1/search", () => {
  it("refuses anonymous callers", async () => {
    const { res, body } = await search({ q: marker }, "");
    expect(res.status).toBe(401);
    expect(body.error?.code).toBe("unauthenticated");
  });

  it("returns highlighted hits, facets and the normalized query", async () => {
    const { res, body } = await search({ q: `budget   ${marker}` });
    expect(res.status).toBe(200);
    expect(hitIds(body)).toEqual([`gptv-${marker}`, `mem-${marker}`, `msg-${marker}-1`, `msg-${marker}-2`].sort());
    expect(body.total).toBe(4);
    expect(body.totalIsExact).toBe(true);
    expect(body.nextCursor).toBeNull();
    expect(body.query).toEqual({ normalized: `budget ${marker}`, terms: ["budget", marker] });

    const first = body.hits.find((h) => h.document.itemId === `msg-${marker}-1`)!;
    expect(first.snippet.some((s) => s.match && s.text.toLowerCase() === "budget")).toBe(true);
    expect(first.snippet.map((s) => s.text).join("")).toContain("quarterly budget forecast");
    expect(first.document).toMatchObject({ type: "message", userEmail: ALICE.email, conversationId: `conv-${marker}-1`, messageId: `msg-${marker}-1`, tags: ["finance"], status: "reviewed" });
    // The full body and the internal match keys stay on the server.
    expect(first.document).not.toHaveProperty("body");
    expect(first.document).not.toHaveProperty("userKeys");

    expect(body.facets).not.toBeNull();
    const facets = body.facets!;
    expect(facets.type).toEqual(expect.arrayContaining([expect.objectContaining({ value: "message", count: 2 }), expect.objectContaining({ value: "gpt", count: 1 })]));
    expect(facets.user).toEqual(expect.arrayContaining([expect.objectContaining({ value: ALICE.email, label: ALICE.name, count: 2 })]));
    expect(facets.gpt).toEqual([expect.objectContaining({ value: GPT_ID, label: "Budget Helper", count: 2 })]);
    expect(facets.status).toEqual(expect.arrayContaining([expect.objectContaining({ value: "reviewed", count: 1 })]));
  });

  it("combines a phrase with filters", async () => {
    const phrase = await search({ q: `"budget forecast" ${marker}` });
    expect(hitIds(phrase.body)).toEqual([`msg-${marker}-1`, `msg-${marker}-2`]);

    const filtered = await search({ q: `"budget forecast" ${marker} role:assistant email:${ALICE.email.toUpperCase()}` });
    expect(filtered.res.status).toBe(200);
    expect(hitIds(filtered.body)).toEqual([`msg-${marker}-2`]);

    const dated = await search({ q: `${marker} after:2025-01-11 before:2025-02-02 -type:memory` });
    expect(hitIds(dated.body)).toEqual([`msg-${marker}-2`, `msg-${marker}-3`]);
  });

  it("rejects a query that does not parse with where the problem is", async () => {
    const q = `${marker} "unclosed phrase`;
    const { res, body } = await search({ q });
    expect(res.status).toBe(400);
    expect(body.error).toMatchObject({ code: "bad_query", position: q.indexOf('"'), length: 1 });
    expect(body.error?.message).toMatch(/quote/i);

    const unknown = await search({ q: `from:alice ${marker}` });
    expect(unknown.res.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "bad_query", position: 0, length: 5 });
    expect(unknown.body.error?.message).toMatch(/Did you mean "user:"/);
  });

  it("rejects a bad cursor, sort or limit with a 400", async () => {
    const cursor = await search({ q: marker, cursor: "not-a-real-cursor" });
    expect(cursor.res.status).toBe(400);
    expect(cursor.body.error?.code).toBe("invalid");
    expect((await search({ q: marker, limit: "101" })).res.status).toBe(400);
    expect((await search({ q: marker, limit: "0" })).res.status).toBe(400);
    expect((await search({ q: marker, sort: "random" })).res.status).toBe(400);
  });

  it("pages with the cursor in a stable order, with facets on the first page only", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let total = 0;
    do {
      const params: Record<string, string> = { q: marker, sort: "newest", limit: "4" };
      if (cursor) params.cursor = cursor;
      const { res, body } = await search(params);
      expect(res.status).toBe(200);
      if (pages === 0) {
        expect(body.facets).not.toBeNull();
        total = body.total;
      } else expect(body.facets).toBeNull();
      seen.push(...body.hits.map((h) => h.document.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(total).toBe(documents.length);
    expect(pages).toBe(Math.ceil(documents.length / 4));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(documents.map((d) => d.id).sort());

    const newest = await search({ q: marker, sort: "newest", limit: "2" });
    expect(newest.body.hits.map((h) => h.document.itemId)).toEqual([`msg-${marker}-18`, `msg-${marker}-17`]);
    const oldest = await search({ q: marker, sort: "oldest", limit: "2" });
    expect(oldest.body.hits.map((h) => h.document.itemId)).toEqual([`gptv-${marker}`, `msg-${marker}-1`]);
  });

  it("browses everything in scope when the query is blank", async () => {
    const { res, body } = await search({ q: "   ", limit: "5" });
    expect(res.status).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(documents.length);
    expect(body.hits.length).toBe(5);
    expect(body.query).toEqual({ normalized: "", terms: [] });
  });

  it("audits every search with its query, sort, page and result count, and failed ones too", async () => {
    const q = `${marker} budget role:assistant`;
    const { res } = await search({ q, sort: "oldest" });
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toBeTruthy();
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: "search.run", requestId } });
    expect(event).toMatchObject({ actorId: ids.alice, outcome: "SUCCESS", ip: "192.0.2.77" });
    expect(event.details).toMatchObject({ query: q, normalized: q, sort: "oldest", total: 1, cursor: false, returned: 1 });

    const bad = await search({ q: `${marker} (` });
    const failed = await getDb().auditEvent.findFirstOrThrow({ where: { action: "search.run", requestId: bad.res.headers.get("x-request-id") } });
    expect(failed.outcome).toBe("FAILURE");
    expect(failed.details).toMatchObject({ query: `${marker} (`, error: "bad_query" });
  });

  it("answers 503 with the engine's reason when search is unavailable", async () => {
    const g = globalThis as unknown as { custodianSearchEngine?: Promise<SearchEngine> };
    const real = g.custodianSearchEngine;
    const broken = Object.assign(Object.create(engine) as SearchEngine, {
      search: async () => {
        throw new SearchUnavailableError("connection refused");
      },
    });
    g.custodianSearchEngine = Promise.resolve(broken);
    try {
      const { res, body } = await search({ q: marker });
      expect(res.status).toBe(503);
      expect(body.error).toEqual({ code: "unavailable", message: "Search is unavailable: connection refused" });
    } finally {
      g.custodianSearchEngine = real;
    }
  });
});

describe("saved searches", () => {
  async function list(cookie: string): Promise<SavedSearchView[]> {
    const res = await savedSearchesRoute.GET(req("GET", "/api/v1/saved-searches", cookie), ctx());
    expect(res.status).toBe(200);
    return (await res.json()).savedSearches;
  }
  async function create(cookie: string, body: unknown) {
    const res = await savedSearchesRoute.POST(req("POST", "/api/v1/saved-searches", cookie, body), ctx());
    return { res, body: await res.json() };
  }
  const patch = (cookie: string, id: string, body: unknown) => savedSearchRoute.PATCH(req("PATCH", `/api/v1/saved-searches/${id}`, cookie, body), ctx({ id }));
  const remove = (cookie: string, id: string) => savedSearchRoute.DELETE(req("DELETE", `/api/v1/saved-searches/${id}`, cookie), ctx({ id }));
  const run = (cookie: string, id: string) => savedSearchRunRoute.POST(req("POST", `/api/v1/saved-searches/${id}/run`, cookie), ctx({ id }));

  it("creates, lists, updates and deletes the owner's searches, audited", async () => {
    const created = await create(cookies.alice, { name: "  EMEA budget  ", query: `"budget forecast" ${marker}`, sort: "newest" });
    expect(created.res.status).toBe(200);
    const saved: SavedSearchView = created.body.savedSearch;
    expect(saved).toMatchObject({ name: "EMEA budget", query: `"budget forecast" ${marker}`, sort: "newest", shared: false, mine: true, canDelete: true, lastRunAt: null });
    expect(saved.owner).toMatchObject({ id: ids.alice });
    expect((await list(cookies.alice)).map((s) => s.id)).toContain(saved.id);

    const renamed = await patch(cookies.alice, saved.id, { name: "EMEA budget (Q1)", query: `budget ${marker}`, sort: "oldest", shared: true });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).savedSearch).toMatchObject({ name: "EMEA budget (Q1)", query: `budget ${marker}`, sort: "oldest", shared: true });

    const ran = await run(cookies.alice, saved.id);
    expect(ran.status).toBe(200);
    expect((await ran.json()).savedSearch.lastRunAt).not.toBeNull();

    expect((await remove(cookies.alice, saved.id)).status).toBe(200);
    expect((await list(cookies.alice)).map((s) => s.id)).not.toContain(saved.id);

    const actions = (await getDb().auditEvent.findMany({ where: { targetType: "saved_search", targetId: saved.id }, orderBy: { seq: "asc" } })).map((e) => [e.action, e.actorId]);
    expect(actions).toEqual([
      ["saved_search.create", ids.alice],
      ["saved_search.update", ids.alice],
      ["saved_search.delete", ids.alice],
    ]);
    const update = await getDb().auditEvent.findFirstOrThrow({ where: { action: "saved_search.update", targetId: saved.id } });
    expect(update.details).toMatchObject({ changes: { name: { from: "EMEA budget", to: "EMEA budget (Q1)" }, shared: { from: false, to: true }, sort: { from: "newest", to: "oldest" } } });
  });

  it("validates names and queries", async () => {
    const badQuery = await create(cookies.alice, { name: "Broken", query: `${marker} "unclosed` });
    expect(badQuery.res.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/query: .*quote/i);
    expect((await create(cookies.alice, { name: "", query: marker })).res.status).toBe(400);
    expect((await create(cookies.alice, { name: "x".repeat(121), query: marker })).res.status).toBe(400);
    expect((await create(cookies.alice, { name: "Blank", query: "   " })).res.status).toBe(400);

    const first = await create(cookies.alice, { name: `Dup ${marker}`, query: marker });
    expect(first.res.status).toBe(200);
    const dup = await create(cookies.alice, { name: `DUP ${marker}`, query: `${marker} budget` });
    expect(dup.res.status).toBe(409);
    // Another user may use the same name.
    expect((await create(cookies.bob, { name: `Dup ${marker}`, query: marker })).res.status).toBe(200);
    expect((await patch(cookies.alice, first.body.savedSearch.id, {})).status).toBe(400);
  });

  it("keeps private searches private and lets only the owner change shared ones; admins may delete shared ones", async () => {
    const mine = (await create(cookies.alice, { name: `Private ${marker}`, query: `${marker} travel` })).body.savedSearch as SavedSearchView;
    const open = (await create(cookies.alice, { name: `Shared ${marker}`, query: `${marker} budget`, shared: true })).body.savedSearch as SavedSearchView;

    const bobSees = await list(cookies.bob);
    expect(bobSees.map((s) => s.id)).not.toContain(mine.id);
    const sharedView = bobSees.find((s) => s.id === open.id);
    expect(sharedView).toMatchObject({ mine: false, canDelete: false, shared: true, owner: { id: ids.alice } });
    expect(sharedView?.owner.email).toMatch(/@example\.test$/);

    // Another user's private search does not exist for them, whatever the method.
    for (const res of [await patch(cookies.bob, mine.id, { name: "Mine now" }), await remove(cookies.bob, mine.id), await run(cookies.bob, mine.id), await remove(cookies.admin, mine.id)]) {
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    // A shared one can be run by anyone, but changed only by its owner.
    expect((await run(cookies.bob, open.id)).status).toBe(200);
    expect((await patch(cookies.bob, open.id, { name: "Hijacked" })).status).toBe(403);
    expect((await remove(cookies.bob, open.id)).status).toBe(403);
    expect((await patch(cookies.admin, open.id, { shared: false })).status).toBe(403);

    const adminView = (await list(cookies.admin)).find((s) => s.id === open.id);
    expect(adminView).toMatchObject({ mine: false, canDelete: true });
    expect((await remove(cookies.admin, open.id)).status).toBe(200);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: "saved_search.delete", targetId: open.id } });
    expect(event.actorId).toBe(ids.admin);

    const stillThere = await getDb().savedSearch.findUniqueOrThrow({ where: { id: mine.id } });
    expect(stillThere.name).toBe(`Private ${marker}`);
    expect((await list(cookies.alice)).filter((s) => s.mine).map((s) => s.id)).toContain(mine.id);
  });

  it("refuses anonymous callers", async () => {
    expect((await savedSearchesRoute.GET(req("GET", "/api/v1/saved-searches", null), ctx())).status).toBe(401);
  });
});
