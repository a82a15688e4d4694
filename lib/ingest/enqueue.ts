// Starting syncs: a SyncRun row (QUEUED) is created first so the UI can show it at once, then the job is
// sent with the source id as singleton key. A source that already has a queued or running sync gets no
// second one (409 for "Sync now"; skipped by schedules).
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { enqueueJob, getBoss } from "@/lib/jobs/boss";
import { listCapturableSourceIds } from "@/lib/ingest/jobs/sync-source";
import type { SyncTrigger } from "@/lib/generated/prisma/client";

export async function enqueueSync(sourceId: string, trigger: SyncTrigger, options: { requestedById?: string | null; full?: boolean } = {}) {
  const db = getDb();
  const source = await db.source.findUnique({
    where: { id: sourceId },
    include: { authorizations: { where: { revokedAt: null, encryptedSecret: { not: null } }, take: 1 } },
  });
  if (!source) throw new AppError("not_found", "Source not found");
  if (!source.authorizations.length) throw new AppError("conflict", "This source has no active authorization: create one first");
  if (!source.captureEnabled) throw new AppError("conflict", "Capture is disabled for this source: enable it first");
  const active = await db.syncRun.findFirst({ where: { sourceId, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { queuedAt: "desc" } });
  if (active && (await isRunAlive(active))) {
    throw new AppError("conflict", `A sync of this source is already ${active.status === "QUEUED" ? "queued" : "running"}`, { runId: active.id });
  }
  if (active) {
    await db.syncRun.update({
      where: { id: active.id },
      data: { status: "FAILED", finishedAt: new Date(), error: active.status === "QUEUED" ? "Its job was lost before it ran" : "Interrupted: its worker stopped responding" },
    });
  }
  const run = await db.syncRun.create({ data: { sourceId, trigger, status: "QUEUED", requestedById: options.requestedById ?? null } });
  const jobId = await enqueueJob("sync.source", { sourceId, runId: run.id, trigger, full: options.full }, { singletonKey: sourceId });
  if (!jobId) {
    await db.syncRun.update({ where: { id: run.id }, data: { status: "CANCELLED", finishedAt: new Date(), error: "A sync of this source is already queued" } });
    throw new AppError("conflict", "A sync of this source is already queued");
  }
  return db.syncRun.update({ where: { id: run.id }, data: { jobId }, include: { streams: true } });
}

/** A running sync writes a heartbeat at least every few seconds; one silent this long has died. */
const STALE_HEARTBEAT_MS = 10 * 60 * 1000;

/** Whether a QUEUED/RUNNING run can still make progress: its job still waits or runs, or it beats. */
async function isRunAlive(run: { status: string; jobId: string | null; heartbeatAt: Date | null; queuedAt: Date }): Promise<boolean> {
  if (run.status === "RUNNING") return Date.now() - (run.heartbeatAt ?? run.queuedAt).getTime() < STALE_HEARTBEAT_MS;
  if (!run.jobId) return Date.now() - run.queuedAt.getTime() < 60_000;
  const job = await (await getBoss()).getJobById("sync.source", run.jobId);
  return job !== null && (job.state === "created" || job.state === "retry" || job.state === "active");
}

/** Enqueues a sync for every capturable source; sources already syncing are skipped. */
export async function enqueueAllSyncs(trigger: SyncTrigger): Promise<{ enqueued: string[]; skipped: string[] }> {
  const enqueued: string[] = [];
  const skipped: string[] = [];
  for (const sourceId of await listCapturableSourceIds()) {
    try {
      await enqueueSync(sourceId, trigger);
      enqueued.push(sourceId);
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict") skipped.push(sourceId);
      else throw err;
    }
  }
  return { enqueued, skipped };
}
