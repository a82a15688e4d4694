import { withAuth } from "@/lib/http/handler";
import { getItemReview, itemRefSchema } from "@/lib/review/items";

export const GET = withAuth({ action: "archive:read", query: itemRefSchema }, async ({ query }) => ({ review: await getItemReview(query) }));
