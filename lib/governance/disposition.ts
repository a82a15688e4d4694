// The disposition job: deletes expired, unheld archive items under the retention policies in force when
// the run started, leaving a content-free tombstone per item, and certifies the result.
//
// - One run at a time: a session advisory lock is held while a run executes; requests while a run is
//   queued or running get that run (resumed if nobody is executing it).
// - Batches: each unit type is paged by keyset on its id (never OFFSET while deleting). Each batch is one
//   transaction that (1) takes SHARE locks on LegalHold/HeldItem, (2) re-evaluates the window — disposal
//   date and holds — under those locks, (3) writes tombstones (DispositionRecord) and IndexOutbox DELETE
//   rows for what it removes, (4) deletes the rows (children by cascade), (5) deletes StoredFile rows no
//   other SourceFile references, (6) saves the cursor, progress and counts on the run. A hold activated
//   between batches (or while one waits for the lock) is therefore always seen before anything is deleted.
// - Blobs are deleted from storage after the batch commits; their hashes are saved in the run's cursor in
//   the same transaction, so a run killed in between deletes them when it resumes.
// - Resume: a killed run stays RUNNING with its cursor; the next request/schedule continues from the cursor
//   with the same policy versions and the same as-of date. Work is never done twice: deleted rows are gone,
//   the cursor moved in the same transaction, and tombstones are unique per (itemType, itemId).
// - Tombstones: CONVERSATION (conversation id) and MESSAGE (each message) for a conversation; GPT_CONFIG
//   (version id); MEMORY `<memoryId>@v<version>` per memory version and `<memoryId>` when the memory row
//   goes; FILE (file id, SHA-256 of the bytes when stored). Each names the governing policy and version.
import "server-only";
import type pg from "pg";
import { getDb } from "@/lib/db";
import { getIngestPool } from "@/lib/ingest/pg";
import { AppError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit/audit";
import { getBlobStore, type BlobStore } from "@/lib/storage/blob-store";
import type { Prisma, DispositionRun } from "@/lib/generated/prisma/client";
import { LOCK_HOLDS_SQL } from "@/lib/governance/held";
import { evaluateWindow, policiesFor, scanSources, type UnitRow } from "@/lib/governance/retention-evaluate";
import { enabledPolicySnapshots, type PolicySnapshot } from "@/lib/governance/retention";
import { retentionItemTypes, type RetentionItemType } from "@/lib/governance/retention-schemas";
import { computeDryRun } from "@/lib/governance/retention-dry-run";
import { UNIT_COUNT, emptyCounts, emptyHeld, type DispositionCounts, type DispositionRunView, type HeldSkippedCounts, type RunProgress } from "@/lib/governance/retention-types";
import { DIGEST_ALGORITHM, certificateSha256, computeTombstoneDigest, type Certificate } from "@/lib/governance/disposition-certificate";

/** Session advisory lock held by the process executing a run (Prisma 72707369, audit …70, indexer …71). */
export const DISPOSITION_RUN_LOCK = 72707372;
const RUN_LOCK = DISPOSITION_RUN_LOCK;
/** Transaction lock serialising run creation. */
const CREATE_LOCK = 72707373;

/** Units per batch: a conversation carries its messages, so fewer of them. */
export const DEFAULT_BATCH: Record<RetentionItemType, number> = { CONVERSATION: 1000, GPT_CONFIG: 2000, MEMORY: 2000, FILE: 1000 };

type Cursor = {
  asOf: string;
  after: Partial<Record<RetentionItemType, string>>;
  finished: RetentionItemType[];
  pendingBlobs: string[];
};

type Tx = pg.PoolClient;

export function disposedByOf(run: Pick<DispositionRun, "requestedById" | "trigger">): string {
  return run.requestedById ? `user:${run.requestedById}` : "schedule:disposition.run";
}

// ───────────────────────────── requesting runs ─────────────────────────────

async function isRunExecuting(pool: pg.Pool): Promise<boolean> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1) AS ok`, [RUN_LOCK]);
    if (rows[0].ok) await client.query(`SELECT pg_advisory_unlock($1)`, [RUN_LOCK]);
    return !rows[0].ok;
  } finally {
    client.release();
  }
}

/**
 * Creates a QUEUED run, or returns the unfinished one. `executing` tells whether a process is working on
 * that one right now (if not, the caller should enqueue it so it resumes).
 */
export async function requestDispositionRun(
  input: { trigger: "SCHEDULE" | "MANUAL"; requestedById: string | null },
  options: { pool?: pg.Pool } = {},
): Promise<{ run: DispositionRun; created: boolean; executing: boolean }> {
  const db = getDb();
  const { run, created } = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CREATE_LOCK})`;
    const active = await tx.dispositionRun.findFirst({ where: { status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { queuedAt: "asc" } });
    if (active) return { run: active, created: false };
    const run = await tx.dispositionRun.create({
      data: { trigger: input.trigger, requestedById: input.requestedById, progress: { phase: "queued" } as Prisma.InputJsonObject },
    });
    return { run, created: true };
  });
  const executing = created ? false : await isRunExecuting(options.pool ?? getIngestPool());
  return { run, created, executing };
}

// ───────────────────────────── executing runs ─────────────────────────────

export type ExecuteOptions = {
  /** The as-of date for a run that has not started (tests inject a clock); a resumed run keeps its own. */
  now?: Date;
  batchSize?: Partial<Record<RetentionItemType, number>>;
  /** Stop (leaving the run RUNNING, resumable) after this many batches: tests simulate a kill. */
  maxBatches?: number;
  pool?: pg.Pool;
  blobStore?: BlobStore;
  /** Called after each committed batch (tests change holds between batches). */
  onBatch?: (info: { type: RetentionItemType; batch: number; disposed: number }) => Promise<void> | void;
};

export type ExecuteResult = { ran: boolean; status: DispositionRun["status"]; interrupted: boolean; counts: DispositionCounts; heldSkipped: HeldSkippedCounts; blobsDeleted: number };

function addCounts(a: DispositionCounts, b: Partial<DispositionCounts>): DispositionCounts {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof DispositionCounts)[]) out[k] += b[k] ?? 0;
  return out;
}

type BatchResult = { counts: Partial<DispositionCounts>; tombstones: number; blobs: string[] };

const UNITS = `d AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS d(id, "policyId", version))`;
const TOMBSTONE_COLUMNS = `"DispositionRecord" (id, "runId", "itemType", "itemId", sha256, "policyId", "policyVersion", "disposedBy")`;

/**
 * Deletes one batch of units. Tombstone ids are `<runId>.<batch>.<kind letter><n>`: increasing within a
 * run, so their index grows at its right edge instead of taking random page splits (1M rows per run).
 */
async function disposeBatch(tx: Tx, type: RetentionItemType, units: UnitRow[], runId: string, by: string, batch: number): Promise<BatchResult> {
  if (!units.length) return { counts: {}, tombstones: 0, blobs: [] };
  const seq = String(batch).padStart(6, "0");
  const params = [units.map((u) => u.id), units.map((u) => u.policyId), units.map((u) => u.policyVersion), runId, by, seq];
  const tombstone = (itemType: string, itemId: string, from: string) =>
    `INSERT INTO ${TOMBSTONE_COLUMNS} SELECT $4 || '.' || $6 || '.${itemType[0]}' || row_number() OVER (), $4, '${itemType}', ${itemId}, sha256, "policyId", version, $5 FROM ${from}
     ON CONFLICT ("itemType", "itemId") DO NOTHING RETURNING 1`;
  switch (type) {
    case "CONVERSATION": {
      // Files linked from these messages lose the link: their documents are rebuilt.
      const { rows: m } = await tx.query<{ deleted: number; tombstones: number }>(
        `WITH ${UNITS},
         f AS (INSERT INTO "IndexOutbox" ("itemType", "itemId")
               SELECT DISTINCT 'FILE'::"ItemType", x."fileId" FROM "MessageFile" x JOIN "Message" mm ON mm.id = x."messageId" WHERE mm."conversationId" = ANY($1::text[])
               UNION SELECT 'FILE'::"ItemType", sf.id FROM "SourceFile" sf WHERE sf."conversationId" = ANY($1::text[]) RETURNING 1),
         del AS (DELETE FROM "Message" m USING d WHERE m."conversationId" = d.id RETURNING m.id, m.sha256, d."policyId", d.version),
         t AS (${tombstone("MESSAGE", "id", "del")}),
         o AS (INSERT INTO "IndexOutbox" ("itemType", "itemId", op) SELECT 'MESSAGE', id, 'DELETE' FROM del RETURNING 1)
         SELECT (SELECT count(*) FROM del)::int AS deleted, (SELECT count(*) FROM t)::int AS tombstones, (SELECT count(*) FROM o)::int AS o, (SELECT count(*) FROM f)::int AS f`,
        params,
      );
      const { rows: c } = await tx.query<{ deleted: number; tombstones: number }>(
        `WITH ${UNITS},
         del AS (DELETE FROM "Conversation" c USING d WHERE c.id = d.id RETURNING c.id, c.sha256, d."policyId", d.version),
         t AS (${tombstone("CONVERSATION", "id", "del")})
         SELECT (SELECT count(*) FROM del)::int AS deleted, (SELECT count(*) FROM t)::int AS tombstones`,
        params,
      );
      return { counts: { conversations: c[0].deleted, messages: m[0].deleted }, tombstones: c[0].tombstones + m[0].tombstones, blobs: [] };
    }
    case "GPT_CONFIG": {
      const { rows } = await tx.query<{ deleted: number; tombstones: number }>(
        `WITH ${UNITS},
         f AS (INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT DISTINCT 'FILE'::"ItemType", "fileId" FROM "GptConfigFile" WHERE "configVersionId" = ANY($1::text[]) RETURNING 1),
         del AS (DELETE FROM "GptConfigVersion" v USING d WHERE v.id = d.id RETURNING v.id, v.sha256, d."policyId", d.version),
         t AS (${tombstone("GPT_CONFIG", "id", "del")}),
         o AS (INSERT INTO "IndexOutbox" ("itemType", "itemId", op) SELECT 'GPT_CONFIG', id, 'DELETE' FROM del RETURNING 1)
         SELECT (SELECT count(*) FROM del)::int AS deleted, (SELECT count(*) FROM t)::int AS tombstones, (SELECT count(*) FROM o)::int AS o, (SELECT count(*) FROM f)::int AS f`,
        params,
      );
      return { counts: { gptConfigs: rows[0].deleted }, tombstones: rows[0].tombstones, blobs: [] };
    }
    case "MEMORY": {
      const { rows: v } = await tx.query<{ deleted: number; tombstones: number }>(
        `WITH ${UNITS},
         del AS (DELETE FROM "MemoryVersion" v USING d WHERE v.id = d.id RETURNING v."memoryId", v.version AS n, v.sha256, d."policyId", d.version),
         t AS (${tombstone("MEMORY", `"memoryId" || '@v' || n`, "del")})
         SELECT (SELECT count(*) FROM del)::int AS deleted, (SELECT count(*) FROM t)::int AS tombstones`,
        params,
      );
      // A memory deleted at the source whose last version just went: the entry itself goes too.
      const memoryIds = [...new Set(units.map((u) => u.linkId!))];
      const first = new Map<string, UnitRow>();
      for (const u of units) if (!first.has(u.linkId!)) first.set(u.linkId!, u);
      const { rows: m } = await tx.query<{ deleted: number; tombstones: number }>(
        `WITH d AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS d(id, "policyId", version)),
         del AS (DELETE FROM "Memory" mem USING d WHERE mem.id = d.id AND mem."deletedAtSource" IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM "MemoryVersion" x WHERE x."memoryId" = mem.id) RETURNING mem.id, mem.sha256, d."policyId", d.version),
         t AS (${tombstone("MEMORY", "id", "del")}),
         o AS (INSERT INTO "IndexOutbox" ("itemType", "itemId", op) SELECT 'MEMORY', id, 'DELETE' FROM del RETURNING 1)
         SELECT (SELECT count(*) FROM del)::int AS deleted, (SELECT count(*) FROM t)::int AS tombstones, (SELECT count(*) FROM o)::int AS o`,
        [memoryIds, memoryIds.map((id) => first.get(id)!.policyId), memoryIds.map((id) => first.get(id)!.policyVersion), runId, by, `${seq}.e`],
      );
      return { counts: { memoryVersions: v[0].deleted, memories: m[0].deleted }, tombstones: v[0].tombstones + m[0].tombstones, blobs: [] };
    }
    case "FILE": {
      const { rows } = await tx.query<{ deleted: number; tombstones: number; shas: string[] | null }>(
        `WITH ${UNITS},
         del AS (DELETE FROM "SourceFile" f USING d WHERE f.id = d.id
                 RETURNING f.id, coalesce(f."blobSha256", f.sha256) AS sha256, f."blobSha256", d."policyId", d.version),
         t AS (${tombstone("FILE", "id", "del")}),
         o AS (INSERT INTO "IndexOutbox" ("itemType", "itemId", op) SELECT 'FILE', id, 'DELETE' FROM del RETURNING 1)
         SELECT (SELECT count(*) FROM del)::int AS deleted, (SELECT count(*) FROM t)::int AS tombstones, (SELECT count(*) FROM o)::int AS o,
           (SELECT array_agg(DISTINCT "blobSha256") FROM del WHERE "blobSha256" IS NOT NULL) AS shas`,
        params,
      );
      // Bytes are stored once per SHA-256: only blobs no remaining source file references go.
      const { rows: blobs } = await tx.query<{ sha256: string }>(
        `DELETE FROM "StoredFile" s WHERE s.sha256 = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM "SourceFile" f WHERE f."blobSha256" = s.sha256) RETURNING s.sha256`,
        [rows[0].shas ?? []],
      );
      return { counts: { files: rows[0].deleted }, tombstones: rows[0].tombstones, blobs: blobs.map((b) => b.sha256) };
    }
  }
}

function progressOf(run: DispositionRun): RunProgress {
  const p = (run.progress ?? {}) as Partial<RunProgress>;
  return {
    phase: p.phase ?? "queued",
    currentType: p.currentType ?? null,
    total: { ...emptyCounts(), ...(p.total ?? {}) },
    done: { ...emptyCounts(), ...(p.done ?? {}) },
    heldSkipped: { ...emptyHeld(), ...(p.heldSkipped ?? {}) },
    batches: p.batches ?? 0,
    updatedAt: p.updatedAt ?? new Date().toISOString(),
  };
}

async function saveRun(db: pg.PoolClient, runId: string, fields: Record<string, unknown>): Promise<void> {
  const keys = Object.keys(fields);
  const sets = keys.map((k, i) => `"${k}" = $${i + 2}`).join(", ");
  await db.query(`UPDATE "DispositionRun" SET ${sets} WHERE id = $1`, [
    runId,
    ...keys.map((k) => {
      const v = fields[k];
      return v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v;
    }),
  ]);
}

/**
 * Deletes blobs whose StoredFile rows the batch removed. A capture may have stored the same bytes again
 * since (a new StoredFile row): those are left alone.
 */
async function deleteBlobs(db: pg.PoolClient, store: BlobStore, shas: string[]): Promise<number> {
  if (!shas.length) return 0;
  const { rows } = await db.query<{ sha256: string }>(`SELECT sha256 FROM "StoredFile" WHERE sha256 = ANY($1::text[])`, [shas]);
  const again = new Set(rows.map((r) => r.sha256));
  let n = 0;
  for (const sha of shas) if (!again.has(sha) && (await store.delete(sha))) n++;
  return n;
}

/**
 * Executes (or resumes) a run. Returns ran=false when another process is executing a run. Throws after
 * marking the run FAILED on unexpected errors (its cursor is kept: a new request starts a fresh run).
 */
export async function executeDispositionRun(runId: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const pool = options.pool ?? getIngestPool();
  const store = options.blobStore ?? getBlobStore();
  const client = await pool.connect();
  const none = { counts: emptyCounts(), heldSkipped: emptyHeld(), blobsDeleted: 0 };
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1) AS ok`, [RUN_LOCK]);
    if (!lock[0].ok) return { ran: false, status: "RUNNING", interrupted: false, ...none };
    try {
      return await executeLocked(client, runId, store, options);
    } finally {
      await client.query(`SELECT pg_advisory_unlock($1)`, [RUN_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

async function executeLocked(client: pg.PoolClient, runId: string, store: BlobStore, options: ExecuteOptions): Promise<ExecuteResult> {
  const db = getDb();
  let run = await db.dispositionRun.findUnique({ where: { id: runId } });
  if (!run) throw new AppError("not_found", "Disposition run not found");
  if (run.status !== "QUEUED" && run.status !== "RUNNING") {
    return { ran: false, status: run.status, interrupted: false, counts: progressOf(run).done, heldSkipped: progressOf(run).heldSkipped, blobsDeleted: run.blobsDeleted };
  }
  const started = Date.now();
  try {
    let policies: PolicySnapshot[];
    let cursor: Cursor;
    if (run.status === "QUEUED" || !run.cursor || !run.policyVersions) {
      policies = await enabledPolicySnapshots();
      const asOf = options.now ?? new Date();
      await saveRun(client, runId, { status: "RUNNING", startedAt: new Date(), progress: { ...progressOf(run), phase: "planning", updatedAt: new Date().toISOString() } });
      // The expected totals, from the same evaluation the batches use.
      const plan = await computeDryRun(client, policies, asOf, { samples: 0 });
      cursor = { asOf: asOf.toISOString(), after: {}, finished: [], pendingBlobs: [] };
      const progress: RunProgress = { phase: "disposing", currentType: null, total: plan.counts, done: emptyCounts(), heldSkipped: emptyHeld(), batches: 0, updatedAt: new Date().toISOString() };
      await saveRun(client, runId, { policyVersions: policies, cursor, progress });
      await recordAudit({
        action: "disposition.run.start",
        actor: null,
        actorEmail: null,
        target: { type: "disposition_run", id: runId },
        details: { trigger: run.trigger, requestedById: run.requestedById, asOf: cursor.asOf, policies: policies.map((p) => ({ policyId: p.policyId, version: p.version })), expected: plan.counts },
      });
      run = (await db.dispositionRun.findUnique({ where: { id: runId } }))!;
    } else {
      policies = run.policyVersions as unknown as PolicySnapshot[];
      cursor = run.cursor as unknown as Cursor;
    }
    const asOf = new Date(cursor.asOf);
    const by = disposedByOf(run);
    const progress = progressOf(run);
    let blobsDeleted = run.blobsDeleted;
    let disposedCount = run.disposedCount;
    let heldSkippedCount = run.heldSkippedCount;

    // A run killed after a batch committed but before its blobs were removed finishes that first.
    if (cursor.pendingBlobs.length) {
      blobsDeleted += await deleteBlobs(client, store, cursor.pendingBlobs);
      cursor = { ...cursor, pendingBlobs: [] };
      await saveRun(client, runId, { cursor, blobsDeleted });
    }

    let batches = 0;
    for (const type of retentionItemTypes) {
      if (cursor.finished.includes(type)) continue;
      const sources = scanSources(policies, type);
      const limit = options.batchSize?.[type] ?? DEFAULT_BATCH[type];
      while (policiesFor(policies, type).length) {
        if (options.maxBatches !== undefined && batches >= options.maxBatches) {
          return { ran: true, status: "RUNNING", interrupted: true, counts: progress.done, heldSkipped: progress.heldSkipped, blobsDeleted };
        }
        let committedBlobs: string[] = [];
        let windowSize = 0;
        let disposedUnits = 0;
        await client.query("BEGIN");
        try {
          await client.query(LOCK_HOLDS_SQL);
          const window = await evaluateWindow(client, type, policies, cursor.after[type] ?? "", limit, sources);
          windowSize = window.length;
          if (window.length) {
            const due = window.filter((u) => u.due !== null && u.due.getTime() <= asOf.getTime());
            const dispose = due.filter((u) => !u.held);
            const held = due.filter((u) => u.held);
            const result = await disposeBatch(client, type, dispose, runId, by, progress.batches + 1);
            disposedUnits = dispose.length;
            progress.done = addCounts(progress.done, result.counts);
            progress.heldSkipped[UNIT_COUNT[type]] += held.length;
            if (type === "CONVERSATION") progress.heldSkipped.messages += held.reduce((n, u) => n + u.children, 0);
            disposedCount += result.tombstones;
            heldSkippedCount += held.length;
            committedBlobs = result.blobs;
            cursor = { ...cursor, after: { ...cursor.after, [type]: window[window.length - 1].id }, pendingBlobs: result.blobs };
          }
          if (window.length < limit) cursor = { ...cursor, finished: [...cursor.finished, type] };
          progress.batches += 1;
          progress.currentType = type;
          progress.updatedAt = new Date().toISOString();
          await saveRun(client, runId, { cursor, progress, disposedCount, heldSkippedCount });
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw err;
        }
        batches++;
        if (committedBlobs.length) {
          blobsDeleted += await deleteBlobs(client, store, committedBlobs);
          cursor = { ...cursor, pendingBlobs: [] };
          await saveRun(client, runId, { cursor, blobsDeleted });
        }
        await options.onBatch?.({ type, batch: progress.batches, disposed: disposedUnits });
        if (windowSize < limit) break;
      }
    }

    // Certificate.
    progress.phase = "certifying";
    progress.currentType = null;
    progress.updatedAt = new Date().toISOString();
    await saveRun(client, runId, { progress });
    const { digest, count } = await computeTombstoneDigest(client, runId);
    const finishedAt = new Date();
    run = (await db.dispositionRun.findUnique({ where: { id: runId } }))!;
    const requester = run.requestedById ? await db.user.findUnique({ where: { id: run.requestedById }, select: { id: true, email: true, name: true } }) : null;
    const certificate: Certificate = {
      type: "custodian.certificate-of-destruction",
      formatVersion: 1,
      runId,
      trigger: run.trigger,
      requestedBy: run.requestedById ? { id: run.requestedById, email: requester?.email ?? null, name: requester?.name ?? null } : null,
      scheduledBy: run.trigger === "SCHEDULE" ? "Custodian worker schedule (disposition.run, DISPOSITION_CRON)" : null,
      status: "SUCCEEDED",
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: finishedAt.toISOString(),
      durationMs: run.startedAt ? finishedAt.getTime() - run.startedAt.getTime() : null,
      asOf: cursor.asOf,
      policyVersions: policies.map(({ enabled: _e, ...p }) => p),
      disposed: progress.done,
      heldSkipped: progress.heldSkipped,
      blobsDeleted,
      tombstones: { count, digestAlgorithm: DIGEST_ALGORITHM, digest },
      generatedAt: finishedAt.toISOString(),
    };
    const sha = certificateSha256(certificate);
    progress.phase = "done";
    progress.updatedAt = finishedAt.toISOString();
    await saveRun(client, runId, {
      status: "SUCCEEDED",
      finishedAt,
      progress,
      tombstoneDigest: digest,
      certificate,
      certificateSha256: sha,
      blobsDeleted,
      disposedCount: count,
      heldSkippedCount,
    });
    await recordAudit({
      action: "disposition.run.complete",
      target: { type: "disposition_run", id: runId },
      details: { disposed: progress.done, heldSkipped: progress.heldSkipped, tombstones: count, digest, certificateSha256: sha, blobsDeleted, durationMs: Date.now() - started },
    });
    return { ran: true, status: "SUCCEEDED", interrupted: false, counts: progress.done, heldSkipped: progress.heldSkipped, blobsDeleted };
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    await saveRun(client, runId, { status: "FAILED", finishedAt: new Date(), error: message }).catch(() => undefined);
    await recordAudit({ action: "disposition.run.fail", outcome: "FAILURE", target: { type: "disposition_run", id: runId }, details: { error: message } }).catch(() => undefined);
    throw err;
  }
}

// ───────────────────────────── reading runs ─────────────────────────────

export async function toRunView(run: DispositionRun, users?: Map<string, { email: string; name: string }>): Promise<DispositionRunView> {
  const user = run.requestedById ? (users?.get(run.requestedById) ?? (await getDb().user.findUnique({ where: { id: run.requestedById }, select: { email: true, name: true } }))) : null;
  const policies = (run.policyVersions as unknown as PolicySnapshot[] | null) ?? [];
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    requestedBy: run.requestedById ? { id: run.requestedById, email: user?.email ?? null, name: user?.name ?? null } : null,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    policyVersions: policies.map((p) => ({ policyId: p.policyId, name: p.name, version: p.version })),
    progress: run.progress ? progressOf(run) : null,
    disposedCount: run.disposedCount,
    heldSkippedCount: run.heldSkippedCount,
    blobsDeleted: run.blobsDeleted,
    tombstoneDigest: run.tombstoneDigest,
    certificateSha256: run.certificateSha256,
    error: run.error,
  };
}

export async function listDispositionRuns(limit: number): Promise<DispositionRunView[]> {
  const runs = await getDb().dispositionRun.findMany({ orderBy: { queuedAt: "desc" }, take: limit });
  const ids = [...new Set(runs.map((r) => r.requestedById).filter((x): x is string => Boolean(x)))];
  const users = new Map((await getDb().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true } })).map((u) => [u.id, u]));
  return Promise.all(runs.map((r) => toRunView(r, users)));
}

export async function getDispositionRun(id: string): Promise<DispositionRunView> {
  const run = await getDb().dispositionRun.findUnique({ where: { id } });
  if (!run) throw new AppError("not_found", "Disposition run not found");
  return toRunView(run);
}

export async function getCertificate(id: string): Promise<{ certificate: Certificate; sha256: string }> {
  const run = await getDb().dispositionRun.findUnique({ where: { id } });
  if (!run) throw new AppError("not_found", "Disposition run not found");
  if (!run.certificate || !run.certificateSha256) throw new AppError("conflict", "The run has not finished: no certificate yet");
  return { certificate: run.certificate as unknown as Certificate, sha256: run.certificateSha256 };
}
