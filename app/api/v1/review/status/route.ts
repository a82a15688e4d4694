import { withAuth } from "@/lib/http/handler";
import { setReviewStatus, setReviewStatusSchema } from "@/lib/review/status";

export const POST = withAuth({ action: "review:write", body: setReviewStatusSchema }, async ({ body, user, ip, requestId }) => ({
  result: await setReviewStatus(body, user, { ip, requestId }),
}));
