import { withAuth } from "@/lib/http/handler";
import { runParams } from "@/lib/sources/schemas";
import { getRun } from "@/lib/sources/sources";

export const GET = withAuth({ action: "source:read", params: runParams }, async ({ params }) => ({ run: await getRun(params.runId) }));
