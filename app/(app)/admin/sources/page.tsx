import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { NewSourceButton } from "@/components/sources/new-source-button";
import { SourcesList } from "@/components/sources/sources-list";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  const viewer = await requirePermission("source:read");
  const canWrite = can(viewer.role, "source:write");
  return (
    <>
      <PageHeader
        title="Sources"
        description={
          canWrite
            ? "ChatGPT Enterprise workspaces connected through the Compliance API: capture status, authorizations and sync history."
            : "ChatGPT Enterprise workspaces connected through the Compliance API. You have read-only access."
        }
        actions={canWrite ? <NewSourceButton /> : undefined}
      />
      <SourcesList canWrite={canWrite} />
    </>
  );
}
