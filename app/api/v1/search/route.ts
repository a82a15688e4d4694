import { withAuth } from "@/lib/http/handler";
import { searchParamsSchema } from "@/lib/search/schemas";
import { runSearch } from "@/lib/search/search-service";

export const GET = withAuth({ action: "search:run", query: searchParamsSchema }, ({ user, query, audit }) => runSearch(user, query, audit));
