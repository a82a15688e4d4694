import { withAuth } from "@/lib/http/handler";
import { runsQuery, sourceParams } from "@/lib/sources/schemas";
import { listRuns } from "@/lib/sources/sources";

export const GET = withAuth({ action: "source:read", params: sourceParams, query: runsQuery }, async ({ params, query }) => ({
  runs: await listRuns(params.id, query.limit),
}));
