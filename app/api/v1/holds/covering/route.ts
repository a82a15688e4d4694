// The ACTIVE holds covering one archive item (for item pages).
import { withAuth } from "@/lib/http/handler";
import { holdsCovering } from "@/lib/governance/holds";
import { coveringQuerySchema } from "@/lib/governance/hold-schemas";

export const GET = withAuth({ action: "hold:read", query: coveringQuerySchema }, async ({ query }) => {
  const [covering] = await holdsCovering([query]);
  return { item: covering.item, holds: covering.holds };
});
