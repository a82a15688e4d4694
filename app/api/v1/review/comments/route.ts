// Comments are never deleted: this route (and comments/[id]) deliberately export no DELETE.
import { withAuth } from "@/lib/http/handler";
import { itemRefSchema } from "@/lib/review/items";
import { createComment, createCommentSchema, listComments } from "@/lib/review/comments";

export const GET = withAuth({ action: "archive:read", query: itemRefSchema }, async ({ query }) => ({ threads: await listComments(query) }));

export const POST = withAuth({ action: "review:write", body: createCommentSchema }, async ({ body, user, ip, requestId }) => ({
  comment: await createComment(body, user, { ip, requestId }),
}));
