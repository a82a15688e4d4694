// Every background job, registered in one place. The worker runs all of them; web code only enqueues.
import type { RegisteredJob } from "@/lib/jobs/types";
import { verifyAuditChainJob } from "@/lib/audit/jobs/verify-audit-chain";
import { scheduleSyncsJob, syncSourceJob } from "@/lib/ingest/jobs/sync-source";
import { indexOutboxJob, reindexJob } from "@/lib/search/jobs";
import { dispositionRunJob } from "@/lib/governance/disposition-job";
import { exportBuildJob, exportExpireJob } from "@/lib/exports/jobs";
import { evaluateHoldsJob } from "@/lib/governance/hold-jobs";

export const jobs: RegisteredJob[] = [verifyAuditChainJob, syncSourceJob, scheduleSyncsJob, indexOutboxJob, reindexJob, evaluateHoldsJob, exportBuildJob, exportExpireJob, dispositionRunJob];

export function getJob(name: string): RegisteredJob {
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new Error(`Unknown job ${name}`);
  return job;
}
