import { withAuth } from "@/lib/http/handler";
import { getHold, updateHold } from "@/lib/governance/holds";
import { holdParams, updateHoldSchema } from "@/lib/governance/hold-schemas";

export const GET = withAuth({ action: "hold:read", params: holdParams }, async ({ params }) => getHold(params.id));

export const PATCH = withAuth({ action: "hold:write", params: holdParams, body: updateHoldSchema }, async ({ params, body, user, ip, requestId }) => ({
  hold: await updateHold(params.id, body, user, { ip, requestId }),
}));
