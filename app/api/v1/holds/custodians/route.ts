// Custodian picker for hold scopes: workspace users by name or e-mail (`q`), or by id (`ids`, to label a scope).
import { withAuth } from "@/lib/http/handler";
import { describeCustodians, searchCustodians } from "@/lib/governance/holds";
import { custodianSearchQuerySchema } from "@/lib/governance/hold-schemas";

export const GET = withAuth({ action: "hold:read", query: custodianSearchQuerySchema }, async ({ query }) => ({
  custodians: query.ids.length ? await describeCustodians(query.ids) : await searchCustodians(query.q ?? ""),
}));
