import { withAuth } from "@/lib/http/handler";
import { activateHold } from "@/lib/governance/holds";
import { holdParams } from "@/lib/governance/hold-schemas";

export const POST = withAuth({ action: "hold:write", params: holdParams }, async ({ params, user, ip, requestId }) => activateHold(params.id, user, { ip, requestId }));
