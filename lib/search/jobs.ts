// Search jobs. `search.index` drains the index outbox: every minute on the worker's schedule and right
// after each sync (stately: one running and at most one queued, so bursts of syncs coalesce).
// `search.reindex` runs a full rebuild recorded as a SearchReindexRun.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/types";
import { getSearchEngine } from "@/lib/search/engine";
import { drainOutbox, runReindex } from "@/lib/search/indexer";

/** A drain stops taking new batches after this long; the next scheduled run carries on. */
const DRAIN_BUDGET_MS = 5 * 60_000;
/**
 * Outbox rows per batch. Meilisearch indexes a large index at a roughly fixed cost per task (bench:search:
 * ~23 s per 1,000-document task at 1M documents), so it gets fewer, larger batches.
 */
const BATCH_SIZE = { postgres: 500, meilisearch: 5_000 } as const;

export const indexOutboxJob = defineJob({
  name: "search.index",
  payload: z.object({}).passthrough(),
  policy: "stately",
  retryLimit: 0,
  expireInSeconds: 900,
  schedule: () => "* * * * *",
  handler: async () => {
    const engine = await getSearchEngine();
    const result = await drainOutbox(engine, { batchSize: BATCH_SIZE[engine.name], deadline: Date.now() + DRAIN_BUDGET_MS });
    if (result.processed || result.failed) {
      console.log(`[search] indexed ${result.documents} document(s) for ${result.processed} outbox item(s)${result.failed ? `, ${result.failed} failed (will retry)` : ""}`);
    }
  },
});

export const reindexJob = defineJob({
  name: "search.reindex",
  payload: z.object({ runId: z.string() }),
  policy: "stately",
  retryLimit: 0,
  expireInSeconds: 6 * 3600,
  handler: async ({ runId }) => {
    const engine = await getSearchEngine();
    const result = await runReindex(engine, runId);
    console.log(`[search] reindex ${runId}: ${result.done} document(s) written, ${result.removed} removed`);
  },
});
