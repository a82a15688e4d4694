import { withAuth } from "@/lib/http/handler";
import { AppError } from "@/lib/http/errors";
import { enqueueJob } from "@/lib/jobs/boss";
import { DISPOSITION_JOB } from "@/lib/governance/disposition-job";
import { listDispositionRuns, requestDispositionRun, toRunView } from "@/lib/governance/disposition";
import { runsQuery, startRunSchema } from "@/lib/governance/retention-schemas";

export const GET = withAuth({ action: "retention:read", query: runsQuery }, async ({ query }) => ({ runs: await listDispositionRuns(query.limit) }));

/**
 * "Run disposition now". One run at a time: while one is executing this is a 409; an unfinished run nobody
 * is executing (its worker died) is re-enqueued and resumes from its cursor.
 */
export const POST = withAuth({ action: "disposition:run", body: startRunSchema }, async ({ user, audit }) => {
  const { run, created, executing } = await requestDispositionRun({ trigger: "MANUAL", requestedById: user.id });
  if (!created && executing) throw new AppError("conflict", "A disposition run is already in progress", { runId: run.id });
  await enqueueJob(DISPOSITION_JOB, { runId: run.id });
  await audit({ action: created ? "disposition.run.request" : "disposition.run.resume", target: { type: "disposition_run", id: run.id }, details: { trigger: run.trigger } });
  return { run: await toRunView(run), created };
});
