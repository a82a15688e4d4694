// Evaluates the hold's current scope without materializing it: exact counts per type and per custodian, and samples.
import { withAuth } from "@/lib/http/handler";
import { previewHold } from "@/lib/governance/holds";
import { holdParams } from "@/lib/governance/hold-schemas";

export const GET = withAuth({ action: "hold:read", params: holdParams }, async ({ params, user, ip, requestId }) => ({
  preview: await previewHold(params.id, user, { ip, requestId }),
}));
