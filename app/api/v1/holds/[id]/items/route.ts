// GET: the hold's items, keyset-paged, with labels. POST { action: "add" | "remove", items }: explicit items.
import { withAuth } from "@/lib/http/handler";
import { changeHoldItems, listHeldItems } from "@/lib/governance/holds";
import { heldItemsQuerySchema, holdItemsChangeSchema, holdParams } from "@/lib/governance/hold-schemas";

export const GET = withAuth({ action: "hold:read", params: holdParams, query: heldItemsQuerySchema }, async ({ params, query }) => listHeldItems(params.id, query));

export const POST = withAuth({ action: "hold:write", params: holdParams, body: holdItemsChangeSchema }, async ({ params, body, user, ip, requestId }) => ({
  result: await changeHoldItems(params.id, body, user, { ip, requestId }),
}));
