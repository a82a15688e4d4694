// `disposition.run`: the worker's daily schedule (DISPOSITION_CRON, default 02:30 UTC; `off` disables it)
// sends it with no payload, which starts a SCHEDULE run — or resumes the unfinished one; "Run disposition
// now" (POST /api/v1/disposition/runs) creates a MANUAL run and sends its id. Stately queue: one queued and
// one running; the run's advisory lock (lib/governance/disposition.ts) is what keeps runs single.
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/types";

export const DISPOSITION_JOB = "disposition.run";

export const dispositionRunJob = defineJob({
  name: DISPOSITION_JOB,
  payload: z.object({ runId: z.string().min(1).optional() }).passthrough(),
  policy: "stately",
  retryLimit: 0,
  // Disposition of millions of rows can take a while; an expired job is resumed by the next schedule.
  expireInSeconds: 6 * 3600,
  schedule: () => {
    const cron = getEnv().DISPOSITION_CRON.trim();
    return cron === "off" ? undefined : cron;
  },
  handler: async ({ runId }) => {
    const { executeDispositionRun, requestDispositionRun } = await import("@/lib/governance/disposition");
    const id = runId ?? (await requestDispositionRun({ trigger: "SCHEDULE", requestedById: null })).run.id;
    const result = await executeDispositionRun(id);
    if (result.ran) console.log(`[disposition] run ${id}: ${result.status}${result.interrupted ? " (interrupted)" : ""}`);
  },
});
