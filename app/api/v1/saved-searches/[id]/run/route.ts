import { withAuth } from "@/lib/http/handler";
import { savedSearchParams } from "@/lib/search/schemas";
import { markSavedSearchRun } from "@/lib/search/saved-searches";

/** Marks a saved search as just rerun (lastRunAt); the page then runs its query through /api/v1/search. */
export const POST = withAuth({ action: "search:run", params: savedSearchParams }, async ({ params, user }) => ({
  savedSearch: await markSavedSearchRun(params.id, user),
}));
