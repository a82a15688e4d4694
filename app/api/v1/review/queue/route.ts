import { withAuth } from "@/lib/http/handler";
import { listReviewQueue, reviewQueueQuerySchema } from "@/lib/review/status";

export const GET = withAuth({ action: "review:write", query: reviewQueueQuerySchema }, async ({ query, user }) => listReviewQueue(user, query));
