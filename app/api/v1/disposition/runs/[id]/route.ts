import { withAuth } from "@/lib/http/handler";
import { getDispositionRun } from "@/lib/governance/disposition";
import { runParams } from "@/lib/governance/retention-schemas";

export const GET = withAuth({ action: "retention:read", params: runParams }, async ({ params }) => ({ run: await getDispositionRun(params.id) }));
