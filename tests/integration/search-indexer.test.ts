// The indexer: capture's outbox drained into the (PostgreSQL) engine; a reindex rebuilds an empty index to
// the same results; failures are retried with backoff and never lost; review state and archive deletions
// reach the index; one drainer at a time.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { LocalBlobStore } from "@/lib/storage/blob-store";
import { startTestSimulator, type TestHarness } from "@/lib/simulator/test-harness";
import { PostgresSearchEngine } from "@/lib/search/engines/postgres";
import { createReindexRun, drainOutbox, indexHealth, runReindex } from "@/lib/search/indexer";
import { parseQuery } from "@/lib/search/query-parser";
import { SearchUnavailableError, documentKey, type SearchDocument, type SearchEngine, type SearchRequest } from "@/lib/search/types";
import { blobDir, createSimulatorSource, syncOnce } from "../factories/capture";
import { createTestUser } from "../factories/users";

let h: TestHarness;
let pool: pg.Pool;
let engine: PostgresSearchEngine;
let sourceId = "";

const store = new LocalBlobStore(blobDir());

function query(text: string, extra: Partial<SearchRequest> = {}): SearchRequest {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { query: parsed.query, sort: "relevance", limit: 100, facets: true, ...extra };
}

async function allIds(request: SearchRequest): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await engine.search({ ...request, cursor });
    ids.push(...page.hits.map((hit) => hit.document.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function pendingRows() {
  return getDb().indexOutbox.findMany({ where: { processedAt: null }, orderBy: { id: "asc" } });
}

/** The real engine, failing on purpose for chosen items. */
function failingEngine(fails: (docs: SearchDocument[]) => Error | null): SearchEngine {
  return Object.assign(Object.create(engine) as SearchEngine, {
    upsert: async (docs: SearchDocument[]) => {
      const err = fails(docs);
      if (err) throw err;
      return engine.upsert(docs);
    },
  });
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  engine = new PostgresSearchEngine(pool);
  await engine.ensureReady();
  await engine.clear();
  h = await startTestSimulator({ seed: 23, size: "small", startAt: Date.now() });
  sourceId = (await createSimulatorSource(h, "Search workspace")).id;
  const result = await syncOnce(sourceId, store);
  expect(result.status).toBe("SUCCEEDED");
});

afterAll(async () => {
  await h?.close();
  await pool?.end();
});

describe("search indexer", () => {
  it("drains capture's outbox into the engine: every archived item becomes a document", async () => {
    expect((await pendingRows()).length).toBeGreaterThan(0);
    const result = await drainOutbox(engine, { pool, batchSize: 200 });
    expect(result).toMatchObject({ ran: true, failed: 0 });
    expect(await pendingRows()).toEqual([]);

    const health = await indexHealth(engine, "postgres");
    expect(health.pending).toBe(0);
    // Other test files share this database: compare this source's documents with its archive rows.
    const { rows: counts } = await pool.query<{ type: string; archived: number; indexed: number }>(
      `SELECT t.type, t.archived, (SELECT count(*)::int FROM "SearchDocument" d WHERE d."sourceId" = $1 AND d."itemType"::text = t.type) AS indexed
       FROM (VALUES ('MESSAGE', (SELECT count(*)::int FROM "Message" WHERE "sourceId" = $1)),
                    ('GPT_CONFIG', (SELECT count(*)::int FROM "GptConfigVersion" v JOIN "Gpt" g ON g.id = v."gptId" WHERE g."sourceId" = $1)),
                    ('MEMORY', (SELECT count(*)::int FROM "Memory" WHERE "sourceId" = $1)),
                    ('FILE', (SELECT count(*)::int FROM "SourceFile" WHERE "sourceId" = $1))) AS t(type, archived)`,
      [sourceId],
    );
    for (const c of counts) {
      expect(c.archived, c.type).toBeGreaterThan(0);
      expect(c.indexed, c.type).toBe(c.archived);
    }

    // A message's own words find it, with its conversation, custodian and branch state carried along.
    const { rows } = await pool.query<{ id: string; text: string; conversationId: string; email: string | null; active: boolean }>(
      `SELECT m.id, m.text, m."conversationId", c."userEmail" AS email, m."isActiveBranch" AS active FROM "Message" m
       JOIN "Conversation" c ON c.id = m."conversationId"
       WHERE m."sourceId" = $1 AND m."authorRole" = 'user' AND length(m.text) > 80 ORDER BY m.id LIMIT 1`,
      [sourceId],
    );
    const message = rows[0];
    const words = message.text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    const phrase = `"${words.slice(0, 4).join(" ")}"`;
    // Scoped to this source: other test files capture workspaces with the same generated text.
    const scope = { sourceIds: [sourceId] };
    expect(await allIds(query(phrase, { scope }))).toContain(documentKey("message", message.id));
    let doc: SearchDocument | undefined;
    for (let cursor: string | null = null, first = true; !doc && (first || cursor); first = false) {
      const page = await engine.search({ ...query(`${phrase} role:user`, { scope }), cursor });
      doc = page.hits.find((hit) => hit.document.itemId === message.id)?.document;
      cursor = page.nextCursor;
    }
    expect(doc).toMatchObject({ type: "message", conversationId: message.conversationId, messageId: message.id, role: "user", onActiveBranch: message.active, sourceId });
    expect(doc?.userEmail).toBe(message.email?.toLowerCase() ?? null);
  });

  it("a reindex rebuilds an empty index to the same results", async () => {
    // Other test files share this database: compare this source's documents (scope) and counts.
    const scope = { sourceIds: [sourceId] };
    const requests = [query("type:gpt"), query("type:memory"), query("type:message has:file"), query("type:file"), query("role:user", { sort: "newest" })].map(
      (r) => ({ ...r, scope }),
    );
    const mine = async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SearchDocument" WHERE "sourceId" = $1`, [sourceId])).rows[0].n;
    const before = await Promise.all(requests.map(async (r) => ({ ids: await allIds(r), first: await engine.search(r) })));
    const documents = await mine();
    expect(before.map((b) => b.ids.length > 0)).toEqual(requests.map(() => true));

    await engine.clear();
    expect(await engine.count()).toBe(0);
    const runId = await createReindexRun("postgres", null);
    const result = await runReindex(engine, runId, { pool, batchSize: 150 });
    expect(await mine()).toBe(documents);
    expect(await engine.count()).toBe(result.done);

    const run = await getDb().searchReindexRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "SUCCEEDED", done: result.done, total: result.done, removed: 0 });
    for (const [i, r] of requests.entries()) {
      const after = await engine.search(r);
      expect(await allIds(r)).toEqual(before[i].ids);
      expect(after.total).toBe(before[i].first.total);
      expect(after.facets).toEqual(before[i].first.facets);
    }
  });

  it("a reindex removes documents the archive no longer produces", async () => {
    const ghost = (await engine.search(query("type:memory", { limit: 1 }))).hits[0].document;
    const ghostId = documentKey("memory", "gone-from-archive");
    await engine.upsert([{ ...ghost, id: ghostId, itemId: "gone-from-archive" }]);
    // Written before the reindex started (a reindex spares documents written in the seconds before it).
    await pool.query(`UPDATE "SearchDocument" SET "indexedAt" = now() - interval '1 minute' WHERE id = $1`, [ghostId]);
    const documents = await engine.count();
    const result = await runReindex(engine, await createReindexRun("postgres", null), { pool });
    expect(result.removed).toBe(1);
    expect(await engine.count()).toBe(documents - 1);
    expect((await pool.query(`SELECT 1 FROM "SearchDocument" WHERE id = $1`, [ghostId])).rowCount).toBe(0);
  });

  it("retries a failing item with backoff and never loses it; the rest of the batch goes through", async () => {
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM "Message" WHERE "sourceId" = $1 ORDER BY id LIMIT 3`, [sourceId]);
    const [good, bad, other] = rows.map((r) => r.id);
    await engine.delete(rows.map((r) => documentKey("message", r.id)));
    await pool.query(`INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT 'MESSAGE', unnest($1::text[])`, [[good, bad, other]]);

    const flaky = failingEngine((docs) => (docs.some((d) => d.itemId === bad) ? new Error("mapping rejected the document") : null));
    const first = await drainOutbox(flaky, { pool });
    expect(first).toMatchObject({ processed: 2, failed: 1 });
    const waiting = await pendingRows();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ itemId: bad, attempts: 1, lastError: "mapping rejected the document" });
    expect(waiting[0].availableAt.getTime()).toBeGreaterThan(Date.now());
    expect(await allIds(query("role:user OR role:assistant OR role:tool OR role:system"))).toEqual(
      expect.arrayContaining([documentKey("message", good), documentKey("message", other)]),
    );

    // Not due yet: a drain leaves it alone. Once due, the healthy engine indexes it and the row goes.
    expect(await drainOutbox(engine, { pool })).toMatchObject({ processed: 0, failed: 0 });
    const health = await indexHealth(engine, "postgres");
    expect(health).toMatchObject({ pending: 1, failing: 1, lastError: "mapping rejected the document" });
    await pool.query(`UPDATE "IndexOutbox" SET "availableAt" = now() - interval '1 second' WHERE "itemId" = $1`, [bad]);
    expect(await drainOutbox(engine, { pool })).toMatchObject({ processed: 1, failed: 0 });
    expect(await pendingRows()).toEqual([]);
    expect((await pool.query(`SELECT 1 FROM "SearchDocument" WHERE id = $1`, [documentKey("message", bad)])).rowCount).toBe(1);
  });

  it("keeps every row when the engine is down, and stops trying until they are due", async () => {
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM "Memory" WHERE "sourceId" = $1 ORDER BY id LIMIT 2`, [sourceId]);
    await pool.query(`INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT 'MEMORY', unnest($1::text[])`, [rows.map((r) => r.id)]);
    const down = failingEngine(() => new SearchUnavailableError("connection refused"));
    expect(await drainOutbox(down, { pool })).toMatchObject({ processed: 0, failed: 2 });
    const waiting = await pendingRows();
    expect(waiting.map((w) => w.itemId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(waiting.every((w) => w.attempts === 1 && w.lastError === "connection refused")).toBe(true);
    // Made due a second ago: availableAt keeps milliseconds, so plain now() can round past the next statement's now().
    await pool.query(`UPDATE "IndexOutbox" SET "availableAt" = now() - interval '1 second'`);
    expect(await drainOutbox(engine, { pool })).toMatchObject({ processed: 2, failed: 0 });
  });

  it("carries review state and archive deletions into the index", async () => {
    const reviewer = await createTestUser({ role: "REVIEWER" });
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM "Conversation" WHERE "sourceId" = $1 ORDER BY id LIMIT 1`, [sourceId]);
    const conversationId = rows[0].id;
    const messageIds = (await pool.query<{ id: string }>(`SELECT id FROM "Message" WHERE "conversationId" = $1 ORDER BY id`, [conversationId])).rows.map((r) => r.id);
    const messages = messageIds.map((id) => documentKey("message", id));
    const tag = await getDb().tag.create({ data: { name: "Insider-Trading" } });
    await getDb().itemTag.create({ data: { tagId: tag.id, itemType: "CONVERSATION", itemId: conversationId, createdById: reviewer.id } });
    await getDb().flag.create({ data: { itemType: "CONVERSATION", itemId: conversationId, reason: "Check", createdById: reviewer.id } });
    await pool.query(`INSERT INTO "IndexOutbox" ("itemType", "itemId") VALUES ('CONVERSATION', $1)`, [conversationId]);
    await drainOutbox(engine, { pool });

    expect((await allIds(query("tag:insider-trading type:message"))).sort()).toEqual([...messages].sort());
    expect((await allIds(query("flagged:yes type:message"))).sort()).toEqual([...messages].sort());

    // Gone from the archive (as disposition will do): the outbox row removes the document.
    const victim = messageIds[0];
    await pool.query(`DELETE FROM "Message" WHERE id = $1`, [victim]);
    await pool.query(`INSERT INTO "IndexOutbox" ("itemType", "itemId") VALUES ('MESSAGE', $1)`, [victim]);
    await drainOutbox(engine, { pool });
    expect(await allIds(query("tag:insider-trading type:message"))).not.toContain(messages[0]);
  });

  it("runs one drainer at a time", async () => {
    const holder = await pool.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(72707371)`);
      expect(await drainOutbox(engine, { pool })).toEqual({ ran: false, processed: 0, failed: 0, documents: 0 });
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(72707371)`);
      holder.release();
    }
  });
});
