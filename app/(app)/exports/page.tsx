import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { ExportsList } from "@/components/exports/exports-list";
import { NewExportButton } from "@/components/exports/new-export-button";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage() {
  const viewer = await requirePermission("export:read");
  const canCreate = can(viewer.role, "export:create");
  const isAdmin = viewer.role === "ADMIN";
  return (
    <>
      <PageHeader
        title="Exports"
        description={
          <>
            ZIP packages of a search, a legal hold or a selection, with a SHA-256 manifest. {isAdmin ? "You see everyone's exports." : "You see the exports you created."} Downloads are audited
            and available until the export expires; check a download with <code className="font-mono text-xs">npm run export:verify -- &lt;zip&gt; --sha256 &lt;hash&gt;</code>.
          </>
        }
        actions={canCreate ? <NewExportButton /> : undefined}
      />
      <ExportsList viewerId={viewer.id} canCreate={canCreate} showCreator={isAdmin} />
    </>
  );
}
