// Runs one sync of one source: every registered stream in order, each with its own checkpoint and counts.
// A per-source advisory lock (held on a dedicated connection for the whole run) guarantees that a source
// never syncs twice at once, whichever worker or button started it; a run found RUNNING while we hold the
// lock was interrupted (its process died) and is closed as such before resuming from the checkpoints.
// Authentication failures (401/403/404) end the run; any other stream failure is recorded and the
// remaining streams still run (status PARTIAL).
import type pg from "pg";
import { getDb } from "@/lib/db";
import { ComplianceClient, type ComplianceClientOptions } from "@/lib/compliance-api/client";
import { isComplianceApiError } from "@/lib/compliance-api/errors";
import { API_RATE_LIMITS } from "@/lib/compliance-api/rate-limit";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { getBlobStore, type BlobStore } from "@/lib/storage/blob-store";
import { FileCapture } from "@/lib/ingest/files";
import { getIngestPool } from "@/lib/ingest/pg";
import { streams } from "@/lib/ingest/registry";
import { emptyCounts, type Checkpoint, type StreamCounts, type SyncContext } from "@/lib/ingest/types";
import type { Prisma, SyncTrigger, RunStatus } from "@/lib/generated/prisma/client";

export type RunSyncOptions = {
  sourceId: string;
  trigger: SyncTrigger;
  /** An existing QUEUED run (created when the job was enqueued); otherwise one is created. */
  runId?: string;
  requestedById?: string | null;
  /** List conversations from the beginning and mark what the source no longer has. */
  fullSweep?: boolean;
  /** Overrides for tests and benchmarks (pacing, retry timings, request observer). */
  clientOptions?: Partial<ComplianceClientOptions>;
  blobStore?: BlobStore;
  /** How long to wait for another process's sync of this source to release it (default 15 s). */
  lockWaitMs?: number;
};

export type RunSyncResult = { runId: string; status: RunStatus; requestCount: number; streams: Record<string, StreamCounts>; error?: string };

class CancelledError extends Error {}

const FATAL_KINDS = new Set(["unauthorized", "forbidden", "not_found"]);
/** Full reconciliation of conversations at most this often, unless asked for. */
const FULL_SWEEP_EVERY_MS = 24 * 3600 * 1000;

function lockKey(sourceId: string): string {
  return `custodian:sync:${sourceId}`;
}

/**
 * Takes the source's lock, waiting up to `waitMs`: a worker that was killed holds it until PostgreSQL
 * notices its connection is gone, which takes a moment; a live sync keeps it and we give up.
 */
async function acquireLock(client: pg.PoolClient, sourceId: string, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [lockKey(sourceId)]);
    if (rows[0].ok) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function runSync(opts: RunSyncOptions): Promise<RunSyncResult> {
  const db = getDb();
  const lockClient = await getIngestPool().connect();
  let runId = opts.runId;
  try {
    if (!(await acquireLock(lockClient, opts.sourceId, opts.lockWaitMs ?? 15_000))) {
      const message = "Another sync of this source is already running";
      if (runId) await db.syncRun.update({ where: { id: runId }, data: { status: "CANCELLED", finishedAt: new Date(), error: message } });
      return { runId: runId ?? "", status: "CANCELLED", requestCount: 0, streams: {}, error: message };
    }
    await db.syncRun.updateMany({
      where: { sourceId: opts.sourceId, status: "RUNNING", id: runId ? { not: runId } : undefined },
      data: { status: "FAILED", finishedAt: new Date(), error: "Interrupted: the worker stopped during the run; the next run resumed from its checkpoints" },
    });
    if (runId) {
      await db.syncRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt: new Date(), heartbeatAt: new Date() } });
    } else {
      const run = await db.syncRun.create({
        data: { sourceId: opts.sourceId, trigger: opts.trigger, status: "RUNNING", requestedById: opts.requestedById ?? null, startedAt: new Date(), heartbeatAt: new Date() },
      });
      runId = run.id;
    }
    return await executeRun(runId, opts);
  } finally {
    await lockClient.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey(opts.sourceId)]).catch(() => undefined);
    lockClient.release();
  }
}

async function loadCredentials(sourceId: string) {
  const source = await getDb().source.findUnique({
    where: { id: sourceId },
    include: { authorizations: { where: { revokedAt: null, encryptedSecret: { not: null } }, orderBy: { createdAt: "desc" }, take: 1 } },
  });
  if (!source) throw new Error("The source no longer exists");
  const auth = source.authorizations[0];
  if (!auth?.encryptedSecret) throw new CancelledError("The source has no active authorization: create one to capture");
  if (!source.captureEnabled) throw new CancelledError("Capture is disabled for this source");
  return { source, authorizationId: auth.id, apiKey: decryptSecret(auth.encryptedSecret) };
}

async function executeRun(runId: string, opts: RunSyncOptions): Promise<RunSyncResult> {
  const db = getDb();
  const results: Record<string, StreamCounts> = {};
  let client: ComplianceClient | null = null;
  let status: RunStatus = "SUCCEEDED";
  let conversationsSucceeded = false;
  let runError: string | undefined;
  let lastProgressWrite = 0;
  let lastCancelCheck = 0;

  try {
    const { source, authorizationId, apiKey } = await loadCredentials(opts.sourceId);
    client = new ComplianceClient({
      baseUrl: source.apiBaseUrl,
      workspaceId: source.workspaceId,
      apiKey,
      limits:
        source.listRateLimit === 0
          ? null
          : { listPerMinute: source.listRateLimit ?? API_RATE_LIMITS.listPerMinute - 5, objectPerMinute: source.objectRateLimit ?? API_RATE_LIMITS.objectPerMinute - 10 },
      ...opts.clientOptions,
    });
    const apiClient = client;

    const conversationsCheckpoint = await db.syncCheckpoint.findUnique({ where: { sourceId_stream: { sourceId: source.id, stream: "conversations" } } });
    const lastFull = (conversationsCheckpoint?.state as { lastFullSweepAt?: string } | null)?.lastFullSweepAt;
    const fullSweep = opts.fullSweep ?? (!lastFull || Date.now() - Date.parse(lastFull) > FULL_SWEEP_EVERY_MS);

    for (const stream of streams) {
      const counts = emptyCounts();
      results[stream.name] = counts;
      await db.syncRunStream.upsert({
        where: { runId_stream: { runId, stream: stream.name } },
        create: { runId, stream: stream.name, status: "RUNNING" },
        update: { status: "RUNNING", startedAt: new Date(), finishedAt: null },
      });
      const writeCounts = (streamStatus?: RunStatus) =>
        db.syncRunStream.update({
          where: { runId_stream: { runId, stream: stream.name } },
          data: { ...counts, ...(streamStatus ? { status: streamStatus, finishedAt: new Date() } : {}) },
        });

      const files = new FileCapture(apiClient, source.id, opts.blobStore ?? getBlobStore(), async ({ kind, fileId, message }) => {
        counts.errors += 1;
        await db.captureError.create({ data: { sourceId: source.id, runId, stream: stream.name, kind, objectType: "file", objectId: fileId, message: message.slice(0, 2000) } });
      });

      const ctx: SyncContext = {
        runId,
        source: { id: source.id, workspaceId: source.workspaceId },
        client: apiClient,
        files,
        fullSweep,
        counts,
        async getCheckpoint(): Promise<Checkpoint> {
          const cp = await db.syncCheckpoint.findUnique({ where: { sourceId_stream: { sourceId: source.id, stream: stream.name } } });
          return { watermark: cp?.watermark ?? null, cursor: cp?.cursor ?? null, state: (cp?.state as Record<string, unknown> | null) ?? null };
        },
        async saveCheckpoint(cp) {
          const data = {
            watermark: cp.watermark,
            cursor: cp.cursor,
            state: cp.state === undefined ? undefined : cp.state === null ? (null as unknown as Prisma.InputJsonValue) : (cp.state as Prisma.InputJsonValue),
          };
          await db.syncCheckpoint.upsert({
            where: { sourceId_stream: { sourceId: source.id, stream: stream.name } },
            create: { sourceId: source.id, stream: stream.name, ...data },
            update: data,
          });
        },
        async quarantine({ objectType, raw, error }) {
          counts.quarantined += 1;
          const objectId = raw && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string" ? (raw as { id: string }).id : null;
          await db.captureError.create({
            data: {
              sourceId: source.id,
              runId,
              stream: stream.name,
              kind: "QUARANTINED",
              objectType,
              objectId,
              message: error.slice(0, 4000),
              rawPayload: typeof raw === "string" ? raw : JSON.stringify(raw),
            },
          });
        },
        async recordError({ objectType, objectId, message }) {
          counts.errors += 1;
          await db.captureError.create({
            data: { sourceId: source.id, runId, stream: stream.name, kind: "FETCH_FAILED", objectType, objectId: objectId ?? null, message: message.slice(0, 4000) },
          });
        },
        async progress(message, done, total) {
          const now = Date.now();
          if (now - lastProgressWrite < 500) return;
          lastProgressWrite = now;
          await db.syncRun.update({
            where: { id: runId },
            data: { heartbeatAt: new Date(), requestCount: apiClient.requestCount, progress: { stream: stream.name, label: stream.label, message, done: done ?? null, total: total ?? null } },
          });
          await writeCounts();
        },
        async checkCancelled() {
          const now = Date.now();
          if (now - lastCancelCheck < 2000) return;
          lastCancelCheck = now;
          const live = await db.sourceAuthorization.findUnique({ where: { id: authorizationId }, select: { revokedAt: true } });
          const src = await db.source.findUnique({ where: { id: source.id }, select: { captureEnabled: true } });
          if (!live || live.revokedAt) throw new CancelledError("The authorization was revoked during the run; capture stopped");
          if (!src?.captureEnabled) throw new CancelledError("Capture was disabled during the run");
        },
      };

      try {
        await ctx.progress(`Starting ${stream.label.toLowerCase()}`);
        await stream.run(ctx);
        await writeCounts("SUCCEEDED");
        if (stream.name === "conversations") conversationsSucceeded = true;
      } catch (err) {
        if (err instanceof CancelledError) {
          await writeCounts("CANCELLED");
          throw err;
        }
        const message = err instanceof Error ? err.message : String(err);
        await writeCounts("FAILED");
        await db.captureError.create({ data: { sourceId: source.id, runId, stream: stream.name, kind: "FETCH_FAILED", objectType: stream.name, message: message.slice(0, 4000) } });
        if (isComplianceApiError(err) && FATAL_KINDS.has(err.kind)) throw err;
        status = "PARTIAL";
        runError = `${stream.label}: ${message}`;
      }
    }
  } catch (err) {
    status = err instanceof CancelledError ? "CANCELLED" : "FAILED";
    runError = err instanceof Error ? err.message : String(err);
    if (isComplianceApiError(err) && FATAL_KINDS.has(err.kind)) {
      await markAuthorizationInvalid(opts.sourceId, err.message);
    }
  }

  // Standing legal holds: what this run captured that an active hold selects is held before the run reports
  // its end (lib/governance/holds.ts). A failure here never fails the capture: holds.evaluate retries.
  if (status === "SUCCEEDED" || status === "PARTIAL") {
    const { evaluateStandingHolds } = await import("@/lib/governance/holds");
    const run = await db.syncRun.findUnique({ where: { id: runId }, select: { startedAt: true } });
    // lastSeenAt is the database's clock: a margin absorbs skew between it and ours.
    const since = new Date((run?.startedAt ?? new Date()).getTime() - 5 * 60_000);
    await evaluateStandingHolds({ sourceId: opts.sourceId, since }).then(
      (r) => r.failed.length && console.error(`[holds] standing evaluation after sync ${runId} failed for ${r.failed.length} hold(s):`, r.failed),
      (err: unknown) => console.error(`[holds] standing evaluation after sync ${runId} failed:`, err),
    );
  }

  const finishedAt = new Date();
  // The capture-health alarm watches conversations: only their successful sweep counts as a success.
  const conversationsOk = conversationsSucceeded;
  await db.syncRun.update({
    where: { id: runId },
    data: {
      status,
      finishedAt,
      heartbeatAt: finishedAt,
      error: runError ?? null,
      requestCount: client?.requestCount ?? 0,
      progress: { stream: null, label: null, message: status === "SUCCEEDED" ? "Finished" : (runError ?? status), done: null, total: null },
    },
  });
  await db.source.update({
    where: { id: opts.sourceId },
    data: { lastSyncAt: finishedAt, ...(conversationsOk ? { lastSuccessfulSyncAt: finishedAt } : {}) },
  });
  return { runId, status, requestCount: client?.requestCount ?? 0, streams: results, error: runError };
}

async function markAuthorizationInvalid(sourceId: string, message: string) {
  await getDb().sourceAuthorization.updateMany({
    where: { sourceId, revokedAt: null },
    data: { status: "INVALID", lastTestedAt: new Date(), lastTestMessage: message.slice(0, 500) },
  });
}
