import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { UsersTable } from "@/components/admin/users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const viewer = await requirePermission("user:read");
  return (
    <>
      <PageHeader
        title="Users"
        description={
          can(viewer.role, "user:write")
            ? "People who can sign in to Custodian and what their role lets them do."
            : "People who can sign in to Custodian. You have read-only access."
        }
      />
      <UsersTable viewerId={viewer.id} viewerRole={viewer.role} />
    </>
  );
}
