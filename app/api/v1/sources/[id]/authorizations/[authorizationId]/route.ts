import { withAuth } from "@/lib/http/handler";
import { authorizationParams } from "@/lib/sources/schemas";
import { revokeAuthorization } from "@/lib/sources/sources";

export const DELETE = withAuth({ action: "source:write", params: authorizationParams }, async ({ params, user, ip, requestId }) => {
  await revokeAuthorization(params.id, params.authorizationId, user, { ip, requestId });
  return { ok: true };
});
