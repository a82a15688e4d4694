import { withAuth } from "@/lib/http/handler";
import { listPolicyVersions } from "@/lib/governance/retention";
import { policyParams } from "@/lib/governance/retention-schemas";

export const GET = withAuth({ action: "retention:read", params: policyParams }, async ({ params }) => ({ versions: await listPolicyVersions(params.id) }));
