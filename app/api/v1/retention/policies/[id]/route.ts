import { withAuth } from "@/lib/http/handler";
import { getPolicy, updatePolicy } from "@/lib/governance/retention";
import { policyParams, policyUpdateSchema } from "@/lib/governance/retention-schemas";

export const GET = withAuth({ action: "retention:read", params: policyParams }, async ({ params }) => ({ policy: await getPolicy(params.id) }));

// Every change is a new policy version, audited in the same transaction (enable/disable included).
export const PATCH = withAuth({ action: "retention:write", params: policyParams, body: policyUpdateSchema }, async ({ params, body, user, ip, requestId }) => ({
  policy: await updatePolicy(params.id, body, user, { ip, requestId }),
}));
