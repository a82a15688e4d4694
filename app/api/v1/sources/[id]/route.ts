import { withAuth } from "@/lib/http/handler";
import { sourceParams, updateSourceSchema } from "@/lib/sources/schemas";
import { getSource, updateSource } from "@/lib/sources/sources";

export const GET = withAuth({ action: "source:read", params: sourceParams }, async ({ params }) => ({ source: await getSource(params.id) }));

export const PATCH = withAuth({ action: "source:write", params: sourceParams, body: updateSourceSchema }, async ({ params, body, user, ip, requestId }) => ({
  source: await updateSource(params.id, body, user, { ip, requestId }),
}));
