import { withAuth } from "@/lib/http/handler";
import { flagParams, resolveFlag } from "@/lib/review/flags";

export const POST = withAuth({ action: "review:write", params: flagParams }, async ({ params, user, ip, requestId }) => ({
  flag: await resolveFlag(params.id, user, { ip, requestId }),
}));
