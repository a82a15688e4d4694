import { withAuth } from "@/lib/http/handler";
import { createPolicy, listPolicies } from "@/lib/governance/retention";
import { policyInputSchema } from "@/lib/governance/retention-schemas";

export const GET = withAuth({ action: "retention:read" }, async () => ({ policies: await listPolicies() }));

// Audited inside createPolicy, in the same transaction as the policy and its first version.
export const POST = withAuth({ action: "retention:write", body: policyInputSchema }, async ({ body, user, ip, requestId }) => ({
  policy: await createPolicy(body, user, { ip, requestId }),
}));
