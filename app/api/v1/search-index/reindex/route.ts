import { withAuth } from "@/lib/http/handler";
import { startReindex } from "@/lib/search/index-admin";

export const POST = withAuth({ action: "index:write" }, async ({ user, audit }) => {
  const runId = await startReindex(user.id);
  await audit({ action: "search.reindex_start", target: { type: "search_index", id: runId }, details: { runId } });
  return { runId };
});
