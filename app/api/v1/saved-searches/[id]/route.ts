import { withAuth } from "@/lib/http/handler";
import { savedSearchParams, updateSavedSearchSchema } from "@/lib/search/schemas";
import { deleteSavedSearch, updateSavedSearch } from "@/lib/search/saved-searches";

export const PATCH = withAuth(
  { action: "search:save", params: savedSearchParams, body: updateSavedSearchSchema },
  async ({ params, body, user, ip, requestId }) => ({ savedSearch: await updateSavedSearch(params.id, body, user, { ip, requestId }) }),
);

export const DELETE = withAuth({ action: "search:save", params: savedSearchParams }, async ({ params, user, ip, requestId }) => {
  await deleteSavedSearch(params.id, user, { ip, requestId });
  return { ok: true };
});
