import { withAuth } from "@/lib/http/handler";
import { verifyDispositionRun } from "@/lib/governance/disposition-certificate";
import { runParams } from "@/lib/governance/retention-schemas";

// Recomputes the tombstone digest and the certificate hash; the outcome is audited.
export const GET = withAuth({ action: "retention:read", params: runParams }, async ({ params, audit }) => {
  const result = await verifyDispositionRun(params.id);
  await audit({ action: "disposition.certificate.verify", outcome: result.ok ? "SUCCESS" : "FAILURE", target: { type: "disposition_run", id: params.id }, details: { ...result } });
  return { verify: result };
});
