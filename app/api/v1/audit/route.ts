import { withAuth } from "@/lib/http/handler";
import { auditQuerySchema, listAuditEvents } from "@/lib/audit/queries";

export const GET = withAuth({ action: "audit:read", query: auditQuerySchema }, async ({ query }) => listAuditEvents(query));
