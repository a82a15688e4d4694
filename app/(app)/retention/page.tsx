import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listSourceOptions } from "@/lib/governance/retention";
import { PageHeader } from "@/components/shell/page-header";
import { RetentionView } from "@/components/retention/retention-view";

export const metadata: Metadata = { title: "Retention" };

export default async function RetentionPage() {
  const user = await requirePermission("retention:read");
  const sources = await listSourceOptions();
  return (
    <>
      <PageHeader
        title="Retention"
        description="How long archived conversations, GPT configurations, memories and files are kept, what disposition would remove, and the certificates of what it did."
      />
      <RetentionView canWrite={can(user.role, "retention:write")} canRun={can(user.role, "disposition:run")} sources={sources} />
    </>
  );
}
