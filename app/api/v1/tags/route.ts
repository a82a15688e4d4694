import { withAuth } from "@/lib/http/handler";
import { createTag, createTagSchema, listTags } from "@/lib/review/tags";

export const GET = withAuth({ action: "archive:read" }, async () => ({ tags: await listTags() }));

export const POST = withAuth({ action: "tag:write", body: createTagSchema }, async ({ body, user, ip, requestId }) => ({
  tag: await createTag(body, user, { ip, requestId }),
}));
