import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { SearchIndexPanel } from "@/components/admin/search-index-panel";

export const metadata: Metadata = { title: "Search index" };

export default async function SearchIndexPage() {
  const viewer = await requirePermission("system:read");
  return (
    <>
      <PageHeader title="Search index" description="How much of the archive is searchable, what is waiting, and a full rebuild." />
      <SearchIndexPanel canReindex={can(viewer.role, "index:write")} />
    </>
  );
}
