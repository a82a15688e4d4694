import { withAuth } from "@/lib/http/handler";
import { applyTags, applyTagsSchema } from "@/lib/review/tags";

export const POST = withAuth({ action: "review:write", body: applyTagsSchema }, async ({ body, user, ip, requestId }) => ({
  result: await applyTags(body, user, { ip, requestId }),
}));
