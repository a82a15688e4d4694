import { withAuth } from "@/lib/http/handler";
import { createAuthorizationSchema, sourceParams } from "@/lib/sources/schemas";
import { createAuthorization } from "@/lib/sources/sources";

// The key is tested against the API before it is stored (encrypted); the response carries only its last 4.
export const POST = withAuth(
  { action: "source:write", params: sourceParams, body: createAuthorizationSchema },
  async ({ params, body, user, ip, requestId }) => ({ authorization: await createAuthorization(params.id, body.secret, user, { ip, requestId }) }),
);
