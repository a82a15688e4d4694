import { withAuth } from "@/lib/http/handler";
import { verifyAuditChain } from "@/lib/audit/audit";

export const POST = withAuth({ action: "audit:verify" }, async ({ audit }) => {
  const result = await verifyAuditChain();
  await audit({ action: "audit.verify", outcome: result.ok ? "SUCCESS" : "FAILURE", details: { checked: result.checked, firstBroken: result.firstBroken } });
  return result;
});
