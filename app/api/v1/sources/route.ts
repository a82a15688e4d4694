import { withAuth } from "@/lib/http/handler";
import { createSourceSchema } from "@/lib/sources/schemas";
import { createSource, listSources } from "@/lib/sources/sources";

export const GET = withAuth({ action: "source:read" }, async () => ({ sources: await listSources() }));

export const POST = withAuth({ action: "source:write", body: createSourceSchema }, async ({ body, user, ip, requestId }) => ({
  source: await createSource(body, user, { ip, requestId }),
}));
