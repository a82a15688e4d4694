import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { TagsPanel } from "@/components/admin/tags-panel";

export const metadata: Metadata = { title: "Tags" };

export default async function TagsPage() {
  const viewer = await requirePermission("archive:read");
  const canWrite = can(viewer.role, "tag:write");
  return (
    <>
      <PageHeader
        title="Tags"
        description={canWrite ? "The tags reviewers apply to conversations, messages, GPTs and memories. Searchable as tag:name." : "The tags reviewers apply. Only admins change them."}
      />
      <TagsPanel canWrite={canWrite} />
    </>
  );
}
