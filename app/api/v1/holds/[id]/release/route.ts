import { withAuth } from "@/lib/http/handler";
import { releaseHold } from "@/lib/governance/holds";
import { holdParams, releaseHoldSchema } from "@/lib/governance/hold-schemas";

export const POST = withAuth({ action: "hold:write", params: holdParams, body: releaseHoldSchema }, async ({ params, body, user, ip, requestId }) => ({
  hold: await releaseHold(params.id, body.reason, user, { ip, requestId }),
}));
