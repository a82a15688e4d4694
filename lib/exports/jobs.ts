// Export jobs. `export.build` builds one export's ZIP (stately with the export id as singleton key: one
// build per export at a time; a retry after a crashed worker starts over cleanly). `export.expire` runs
// on the worker's schedule and deletes the ZIPs of expired exports, keeping their rows and SHA-256.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/types";
import { buildExport } from "@/lib/exports/build";
import { expireExports } from "@/lib/exports/exports";

export const exportBuildJob = defineJob({
  name: "export.build",
  payload: z.object({ exportId: z.string().min(1) }),
  policy: "stately",
  retryLimit: 1,
  expireInSeconds: 6 * 3600,
  handler: async ({ exportId }) => {
    const outcome = await buildExport(exportId);
    console.log(`[exports] export ${exportId}: ${outcome}`);
  },
});

export const exportExpireJob = defineJob({
  name: "export.expire",
  payload: z.object({}).passthrough(),
  policy: "singleton",
  retryLimit: 0,
  expireInSeconds: 900,
  schedule: () => "*/15 * * * *",
  handler: async () => {
    const { deleted } = await expireExports();
    if (deleted.length) console.log(`[exports] deleted ${deleted.length} expired export file(s)`);
  },
});
