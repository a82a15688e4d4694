// No DELETE: comments are part of the review record and are never deleted (see lib/review/comments.ts).
import { withAuth } from "@/lib/http/handler";
import { commentParams, editComment, editCommentSchema } from "@/lib/review/comments";

export const PATCH = withAuth({ action: "review:write", params: commentParams, body: editCommentSchema }, async ({ params, body, user, ip, requestId }) => ({
  comment: await editComment(params.id, body.body, user, { ip, requestId }),
}));
