import { withAuth } from "@/lib/http/handler";
import { whyRetained } from "@/lib/governance/retention-why";
import { whyRetainedQuery } from "@/lib/governance/retention-schemas";

export const GET = withAuth({ action: "retention:read", query: whyRetainedQuery }, async ({ query }) => ({ why: await whyRetained(query) }));
