import { withAuth } from "@/lib/http/handler";
import { createHold, listHolds } from "@/lib/governance/holds";
import { createHoldSchema, listHoldsQuerySchema } from "@/lib/governance/hold-schemas";

export const GET = withAuth({ action: "hold:read", query: listHoldsQuerySchema }, async ({ query }) => ({ holds: await listHolds(query) }));

export const POST = withAuth({ action: "hold:write", body: createHoldSchema }, async ({ body, user, ip, requestId }) => ({
  hold: await createHold(body, user, { ip, requestId }),
}));
