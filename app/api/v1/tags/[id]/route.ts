import { withAuth } from "@/lib/http/handler";
import { deleteTag, tagParams, updateTag, updateTagSchema } from "@/lib/review/tags";

export const PATCH = withAuth({ action: "tag:write", params: tagParams, body: updateTagSchema }, async ({ params, body, user, ip, requestId }) => ({
  tag: await updateTag(params.id, body, user, { ip, requestId }),
}));

export const DELETE = withAuth({ action: "tag:write", params: tagParams }, async ({ params, user, ip, requestId }) => {
  await deleteTag(params.id, user, { ip, requestId });
  return { ok: true };
});
