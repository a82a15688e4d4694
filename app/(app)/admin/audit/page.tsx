import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { AuditLog } from "@/components/admin/audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const viewer = await requirePermission("audit:read");
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, read of archived content and administrative change, hash-chained so tampering is detectable."
      />
      <AuditLog viewerRole={viewer.role} />
    </>
  );
}
