import { withAuth } from "@/lib/http/handler";
import { dryRun } from "@/lib/governance/retention-dry-run";
import { dryRunSchema } from "@/lib/governance/retention-schemas";

// Read-only (nothing changes), so anyone who may read retention may ask; POST only because a draft
// policy travels in the body.
export const POST = withAuth({ action: "retention:read", body: dryRunSchema }, async ({ body }) => ({ dryRun: await dryRun(body) }));
