import { withAuth } from "@/lib/http/handler";
import { getIndexHealth } from "@/lib/search/index-admin";

export const GET = withAuth({ action: "system:read" }, async () => ({ health: await getIndexHealth() }));
