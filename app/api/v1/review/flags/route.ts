import { withAuth } from "@/lib/http/handler";
import { createFlags, createFlagsSchema } from "@/lib/review/flags";

export const POST = withAuth({ action: "review:write", body: createFlagsSchema }, async ({ body, user, ip, requestId }) => ({
  flags: await createFlags(body, user, { ip, requestId }),
}));
