import { withAuth } from "@/lib/http/handler";
import { createSavedSearchSchema } from "@/lib/search/schemas";
import { createSavedSearch, listSavedSearches } from "@/lib/search/saved-searches";

export const GET = withAuth({ action: "search:run" }, async ({ user }) => ({ savedSearches: await listSavedSearches(user) }));

export const POST = withAuth({ action: "search:save", body: createSavedSearchSchema }, async ({ body, user, ip, requestId }) => ({
  savedSearch: await createSavedSearch(body, user, { ip, requestId }),
}));
