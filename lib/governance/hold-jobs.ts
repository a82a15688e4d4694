// `holds.evaluate`: standing legal holds. Every 15 minutes, adds to each ACTIVE hold what its scope selects
// now (including query criteria over what the indexer has written since). Idempotent: units already held
// are left alone, and it only ever adds. Captures also evaluate at the end of each sync (lib/ingest/run-sync.ts).
import { z } from "zod";
import { defineJob } from "@/lib/jobs/types";

export const evaluateHoldsJob = defineJob({
  name: "holds.evaluate",
  payload: z.object({ sourceId: z.string().optional() }).passthrough(),
  policy: "singleton",
  schedule: () => "*/15 * * * *",
  retryLimit: 1,
  expireInSeconds: 3600,
  handler: async ({ sourceId }) => {
    const { evaluateStandingHolds } = await import("@/lib/governance/holds");
    const result = await evaluateStandingHolds({ sourceId });
    console.log(`[holds] standing evaluation: ${result.holds} hold(s), ${result.added} item(s) added, ${result.skipped} skipped, ${result.failed.length} failed`);
    // A hold that could not be evaluated (e.g. search unavailable) fails the job so it is visible and retried.
    if (result.failed.length) throw new Error(`Standing evaluation failed for ${result.failed.map((f) => `${f.holdId}: ${f.error}`).join("; ")}`);
  },
});
