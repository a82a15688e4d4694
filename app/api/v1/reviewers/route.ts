import { withAuth } from "@/lib/http/handler";
import { listReviewers } from "@/lib/review/reviewers";

export const GET = withAuth({ action: "archive:read" }, async () => ({ reviewers: await listReviewers() }));
