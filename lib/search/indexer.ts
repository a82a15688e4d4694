// Keeps the search index in step with the archive.
// - drainOutbox(): capture (and later review/retention) writes IndexOutbox rows in the same transaction as
//   the change; this claims pending rows in batches, rebuilds the affected documents from the archive and
//   writes them to the engine. A failed batch is retried item by item, so one bad item cannot hold back
//   the rest; failed rows stay pending with a backoff (never dropped) and their error is shown in the
//   admin's index health. One drainer at a time (advisory lock), so an older state can never overwrite a
//   newer one.
// - runReindex(): rebuilds every document from the archive (keyset over each table), then removes
//   documents nothing produces any more. Search keeps working while it runs.
// - indexHealth(): "X of Y indexed", outbox lag and failures, the latest reindex.
import type pg from "pg";
import { getDb } from "@/lib/db";
import { getIngestPool } from "@/lib/ingest/pg";
import { countIndexableItems, iterateDocuments, loadDocuments } from "@/lib/search/documents";
import { SearchUnavailableError, documentKey, type IndexedItemType, type SearchDocument, type SearchEngine } from "@/lib/search/types";

/** pg_try_advisory_lock key of the single outbox drainer. */
const DRAIN_LOCK = 72707371; // the audit chain uses 72707370, Prisma migrations 72707369
/** Documents built and written per engine call. */
const LOAD_CHUNK = 5000;

type OutboxRow = { id: string; itemType: string; itemId: string; op: "UPSERT" | "DELETE"; attempts: number };

const DOC_TYPE: Record<IndexedItemType, SearchDocument["type"]> = { MESSAGE: "message", GPT_CONFIG: "gpt", MEMORY: "memory", FILE: "file" };
const INDEXED = new Set<string>(Object.keys(DOC_TYPE));

/** Retry delay after the n-th failure: 5 s doubling, at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 5 * 2 ** Math.max(0, attempts - 1));
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 2000);
}

/**
 * The documents an outbox row stands for: a conversation is its messages and files, a GPT its configs and
 * the messages that name it, a project the messages that name it, a configuration its files.
 */
async function expand(db: pg.PoolClient, rows: OutboxRow[]): Promise<{ upsert: Map<IndexedItemType, Set<string>>; remove: Set<string> }> {
  const upsert = new Map<IndexedItemType, Set<string>>(Object.keys(DOC_TYPE).map((t) => [t as IndexedItemType, new Set<string>()]));
  const remove = new Set<string>();
  const ids = (type: string, op: OutboxRow["op"] = "UPSERT") => rows.filter((r) => r.itemType === type && r.op === op).map((r) => r.itemId);
  const add = (type: IndexedItemType, values: Iterable<string>) => {
    for (const v of values) upsert.get(type)!.add(v);
  };
  const column = async (sql: string, params: unknown[]) => (await db.query<{ id: string }>(sql, params)).rows.map((r) => r.id);

  for (const r of rows) if (r.op === "DELETE" && INDEXED.has(r.itemType)) remove.add(documentKey(DOC_TYPE[r.itemType as IndexedItemType], r.itemId));
  for (const type of INDEXED) add(type as IndexedItemType, ids(type));

  const conversations = ids("CONVERSATION");
  if (conversations.length) {
    add("MESSAGE", await column(`SELECT id FROM "Message" WHERE "conversationId" = ANY($1::text[])`, [conversations]));
    add("FILE", await column(`SELECT id FROM "SourceFile" WHERE "conversationId" = ANY($1::text[])`, [conversations]));
  }
  const gpts = ids("GPT");
  if (gpts.length) {
    add("GPT_CONFIG", await column(`SELECT id FROM "GptConfigVersion" WHERE "gptId" = ANY($1::text[])`, [gpts]));
    add("MESSAGE", await column(`SELECT id FROM "Message" WHERE "gptId" = ANY($1::text[])`, [gpts]));
  }
  const projects = ids("PROJECT");
  if (projects.length) add("MESSAGE", await column(`SELECT id FROM "Message" WHERE "projectId" = ANY($1::text[])`, [projects]));
  const messages = [...upsert.get("MESSAGE")!];
  for (const part of chunks(messages, 10_000)) {
    add("FILE", await column(`SELECT "fileId" AS id FROM "MessageFile" WHERE "messageId" = ANY($1::text[])`, [part]));
  }
  const projectConfigs = ids("PROJECT_CONFIG");
  if (projectConfigs.length) {
    add("FILE", await column(`SELECT "fileId" AS id FROM "ProjectConfigFile" WHERE "configVersionId" = ANY($1::text[])`, [projectConfigs]));
  }
  const configs = [...upsert.get("GPT_CONFIG")!];
  if (configs.length) add("FILE", await column(`SELECT "fileId" AS id FROM "GptConfigFile" WHERE "configVersionId" = ANY($1::text[])`, [configs]));
  return { upsert, remove };
}

/** Rebuilds the documents for these outbox rows and writes them; items gone from the archive are removed from the index. */
async function indexRows(db: pg.PoolClient, engine: SearchEngine, rows: OutboxRow[]): Promise<number> {
  const { upsert, remove } = await expand(db, rows);
  let written = 0;
  for (const [type, idSet] of upsert) {
    for (const part of chunks([...idSet], LOAD_CHUNK)) {
      const docs = await loadDocuments(db, type, part);
      const found = new Set(docs.map((d) => d.itemId));
      for (const id of part) if (!found.has(id)) remove.add(documentKey(DOC_TYPE[type], id));
      if (docs.length) await engine.upsert(docs);
      written += docs.length;
    }
  }
  if (remove.size) await engine.delete([...remove]);
  return written;
}

export type DrainResult = {
  /** False when another drainer holds the lock (nothing was done). */
  ran: boolean;
  processed: number;
  failed: number;
  documents: number;
};

/**
 * Drains pending outbox rows until none are due, `maxBatches` batches were done, or `deadline` (epoch ms)
 * passed. Rows of a failed batch are retried one by one; rows that still fail get attempts + 1, their
 * error, and a later availableAt.
 */
export async function drainOutbox(
  engine: SearchEngine,
  options: { batchSize?: number; maxBatches?: number; deadline?: number; pool?: pg.Pool } = {},
): Promise<DrainResult> {
  const { batchSize = 500, maxBatches = Infinity, deadline = Infinity } = options;
  const pool = options.pool ?? getIngestPool();
  const db = await pool.connect();
  const result: DrainResult = { ran: false, processed: 0, failed: 0, documents: 0 };
  try {
    const { rows: lock } = await db.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1) AS ok`, [DRAIN_LOCK]);
    if (!lock[0].ok) return result;
    result.ran = true;
    try {
      for (let batch = 0; batch < maxBatches && Date.now() < deadline; batch++) {
        // availableAt keeps milliseconds (rounded), so a row written a moment ago may read up to 0.5 ms ahead.
        const { rows } = await db.query<OutboxRow>(
          `SELECT id::text, "itemType"::text AS "itemType", "itemId", op::text AS op, attempts FROM "IndexOutbox"
           WHERE "processedAt" IS NULL AND "availableAt" < now() + interval '1 millisecond' ORDER BY "availableAt", id LIMIT $1`,
          [batchSize],
        );
        if (!rows.length) break;
        const done: string[] = [];
        try {
          result.documents += await indexRows(db, engine, rows);
          done.push(...rows.map((r) => r.id));
        } catch (err) {
          if (err instanceof SearchUnavailableError) {
            // The engine is down: every row waits, and there is no point trying the rest now.
            await db.query(
              `UPDATE "IndexOutbox" SET attempts = attempts + 1, "lastError" = $2,
                 "availableAt" = now() + make_interval(secs => $3) WHERE id = ANY($1::bigint[])`,
              [rows.map((r) => r.id), errorText(err), retryDelaySeconds(Math.min(...rows.map((r) => r.attempts)) + 1)],
            );
            result.failed += rows.length;
            break;
          }
          // Isolate the failure: one row at a time.
          for (const row of rows) {
            try {
              result.documents += await indexRows(db, engine, [row]);
              done.push(row.id);
            } catch (err) {
              result.failed++;
              await db.query(
                `UPDATE "IndexOutbox" SET attempts = attempts + 1, "lastError" = $2,
                   "availableAt" = now() + make_interval(secs => $3) WHERE id = $1::bigint`,
                [row.id, errorText(err), retryDelaySeconds(row.attempts + 1)],
              );
            }
          }
        }
        if (done.length) {
          // Done rows go: the index now holds their state, and a table of history would only grow.
          await db.query(`DELETE FROM "IndexOutbox" WHERE id = ANY($1::bigint[])`, [done]);
          result.processed += done.length;
        }
        if (rows.length < batchSize) break;
      }
    } finally {
      await db.query(`SELECT pg_advisory_unlock($1)`, [DRAIN_LOCK]);
    }
    return result;
  } finally {
    db.release();
  }
}

export type ReindexProgress = { total: number; done: number };

/** Creates a reindex run record (QUEUED); the job or `npm run reindex` then runs it. */
export async function createReindexRun(engineName: string, requestedById: string | null): Promise<string> {
  const db = getDb();
  // A RUNNING run whose worker died never finishes: a new request closes it.
  await db.searchReindexRun.updateMany({
    where: { status: { in: ["QUEUED", "RUNNING"] }, createdAt: { lt: new Date(Date.now() - 6 * 3600_000) } },
    data: { status: "FAILED", error: "Interrupted (no progress for 6 hours)", finishedAt: new Date() },
  });
  const run = await db.searchReindexRun.create({ data: { engine: engineName, requestedById } });
  return run.id;
}

/** The unfinished reindex run, if any (only one runs at a time). */
export async function activeReindexRun() {
  return getDb().searchReindexRun.findFirst({ where: { status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "desc" } });
}

/**
 * Rebuilds every document from the archive into `engine`, recording progress on the run, then removes the
 * documents the archive no longer produces. Resolves with the run's final counts.
 */
export async function runReindex(
  engine: SearchEngine,
  runId: string,
  options: { batchSize?: number; pool?: pg.Pool; onProgress?: (p: ReindexProgress) => void } = {},
): Promise<{ total: number; done: number; removed: number }> {
  const { batchSize = 1000 } = options;
  const db = getDb();
  const client = await (options.pool ?? getIngestPool()).connect();
  // Documents written from here on carry a later indexedAt; a margin covers clock skew with the engine.
  const startedAt = Date.now() - 2_000;
  try {
    const counts = await countIndexableItems(client);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    await db.searchReindexRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt: new Date(), total, done: 0, error: null } });
    let done = 0;
    let lastSaved = Date.now();
    for (const type of Object.keys(DOC_TYPE) as IndexedItemType[]) {
      for await (const docs of iterateDocuments(client, type, batchSize)) {
        if (docs.length) await engine.upsert(docs);
        done += docs.length;
        options.onProgress?.({ total, done });
        if (Date.now() - lastSaved >= 1_000) {
          await db.searchReindexRun.update({ where: { id: runId }, data: { done } });
          lastSaved = Date.now();
        }
      }
    }
    const removed = await engine.deleteIndexedBefore(startedAt);
    await db.searchReindexRun.update({
      where: { id: runId },
      data: { status: "SUCCEEDED", done, total: Math.max(total, done), removed, finishedAt: new Date() },
    });
    return { total: Math.max(total, done), done, removed };
  } catch (err) {
    await db.searchReindexRun.update({ where: { id: runId }, data: { status: "FAILED", error: errorText(err), finishedAt: new Date() } });
    throw err;
  } finally {
    client.release();
  }
}

export type IndexHealth = {
  engine: string;
  /** Documents in the index; null when the engine could not be asked. */
  documents: number | null;
  /** Documents the archive produces, by type and in all. */
  expected: number;
  expectedByType: Record<IndexedItemType, number>;
  /** Outbox rows waiting, of which failing (attempted at least once). */
  pending: number;
  failing: number;
  /** Age of the oldest waiting row, in seconds (0 when none). */
  lagSeconds: number;
  lastError: string | null;
  engineError: string | null;
  reindex: {
    id: string;
    status: string;
    total: number;
    done: number;
    removed: number;
    error: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
  } | null;
};

export async function indexHealth(engine: SearchEngine | null, engineName: string, engineError: string | null = null): Promise<IndexHealth> {
  const pool = getIngestPool();
  const client = await pool.connect();
  try {
    const expectedByType = await countIndexableItems(client);
    const { rows } = await client.query<{ pending: number; failing: number; lag: number | null; lastError: string | null }>(
      `SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempts > 0)::int AS failing,
              extract(epoch FROM now() - min("enqueuedAt"))::float8 AS lag,
              (SELECT "lastError" FROM "IndexOutbox" WHERE "processedAt" IS NULL AND "lastError" IS NOT NULL ORDER BY id DESC LIMIT 1) AS "lastError"
       FROM "IndexOutbox" WHERE "processedAt" IS NULL`,
    );
    let documents: number | null = null;
    let error = engineError;
    if (engine) {
      try {
        documents = await engine.count();
      } catch (err) {
        error = errorText(err);
      }
    }
    const run = await getDb().searchReindexRun.findFirst({ orderBy: { createdAt: "desc" } });
    return {
      engine: engineName,
      documents,
      expected: Object.values(expectedByType).reduce((a, b) => a + b, 0),
      expectedByType,
      pending: rows[0].pending,
      failing: rows[0].failing,
      lagSeconds: Math.max(0, Math.round(rows[0].lag ?? 0)),
      lastError: rows[0].lastError,
      engineError: error,
      reindex: run
        ? {
            id: run.id,
            status: run.status,
            total: run.total,
            done: run.done,
            removed: run.removed,
            error: run.error,
            createdAt: run.createdAt.toISOString(),
            startedAt: run.startedAt?.toISOString() ?? null,
            finishedAt: run.finishedAt?.toISOString() ?? null,
          }
        : null,
    };
  } finally {
    client.release();
  }
}
