import { withAuth } from "@/lib/http/handler";
import { commentParams, listCommentRevisions } from "@/lib/review/comments";

export const GET = withAuth({ action: "archive:read", params: commentParams }, async ({ params }) => listCommentRevisions(params.id));
