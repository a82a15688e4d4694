// Nightly integrity check of the audit chain; the result is itself audited so a break is on record.
import { z } from "zod";
import { defineJob } from "@/lib/jobs/types";
import { recordAudit, verifyAuditChain } from "@/lib/audit/audit";

export const verifyAuditChainJob = defineJob({
  name: "audit.verify-chain",
  payload: z.object({}).passthrough(),
  policy: "singleton",
  schedule: () => "15 3 * * *",
  handler: async () => {
    const result = await verifyAuditChain();
    await recordAudit({
      action: "audit.verify",
      outcome: result.ok ? "SUCCESS" : "FAILURE",
      details: { checked: result.checked, firstBroken: result.firstBroken, scheduled: true },
    });
    if (!result.ok) console.error(`[audit] chain broken at #${result.firstBroken?.seq}: ${result.firstBroken?.reason}`);
  },
});
