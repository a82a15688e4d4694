import { withAuth } from "@/lib/http/handler";
import { enqueueSync } from "@/lib/ingest/enqueue";
import { sourceParams, startSyncSchema } from "@/lib/sources/schemas";
import { toRunSummary } from "@/lib/sources/sources";

export const POST = withAuth({ action: "source:sync", params: sourceParams, body: startSyncSchema }, async ({ params, body, user, audit }) => {
  const run = await enqueueSync(params.id, "MANUAL", { requestedById: user.id, full: body.full });
  await audit({ action: "source.sync_start", target: { type: "source", id: params.id }, details: { runId: run.id, full: Boolean(body.full) } });
  return { run: toRunSummary(run) };
});
