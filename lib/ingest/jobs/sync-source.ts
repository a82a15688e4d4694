// Sync jobs. `sync.source` runs one source's sync; its queue is stately with the source id as singleton
// key, so at most one sync per source is queued and one running across all workers (runSync's advisory
// lock backs this up). `sync.schedule` is the worker's own timer (every SYNC_INTERVAL_MINUTES) and, like
// /api/cron/sync, only enqueues.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/types";
import { runSync } from "@/lib/ingest/run-sync";

const triggers = ["SCHEDULE", "CRON", "MANUAL", "DEMO"] as const;

export const syncSourceJob = defineJob({
  name: "sync.source",
  payload: z.object({ sourceId: z.string(), runId: z.string(), trigger: z.enum(triggers), full: z.boolean().optional() }),
  policy: "stately",
  retryLimit: 0,
  // If a worker dies mid-sync, its job stays "active" until it expires and holds the source's queue slot;
  // the per-source advisory lock, not this timeout, is what prevents overlapping runs.
  expireInSeconds: 3600,
  handler: async ({ sourceId, runId, trigger, full }) => {
    const result = await runSync({ sourceId, runId, trigger, fullSweep: full });
    console.log(`[sync] source ${sourceId} run ${runId}: ${result.status}${result.error ? ` (${result.error})` : ""}`);
    // What the sync captured becomes searchable now rather than at the next scheduled drain.
    const { enqueueJob } = await import("@/lib/jobs/boss");
    await enqueueJob("search.index").catch((err: unknown) => console.error("[sync] could not enqueue indexing:", err));
  },
});

export const scheduleSyncsJob = defineJob({
  name: "sync.schedule",
  payload: z.object({}).passthrough(),
  policy: "singleton",
  schedule: () => {
    const minutes = getEnv().SYNC_INTERVAL_MINUTES;
    return minutes < 60 ? `*/${minutes} * * * *` : `0 */${Math.max(1, Math.round(minutes / 60))} * * *`;
  },
  handler: async () => {
    const { enqueueAllSyncs } = await import("@/lib/ingest/enqueue");
    await enqueueAllSyncs("SCHEDULE");
  },
});

/** Sources that can be captured now: enabled and holding an active authorization. */
export async function listCapturableSourceIds(): Promise<string[]> {
  const sources = await getDb().source.findMany({
    where: { captureEnabled: true, authorizations: { some: { revokedAt: null, encryptedSecret: { not: null } } } },
    select: { id: true },
  });
  return sources.map((s) => s.id);
}
