import { Suspense } from "react";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/shell/page-header";
import { Loading } from "@/components/shell/query-states";
import { SearchView } from "@/components/search/search-view";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage() {
  const user = await requirePermission("search:run");
  return (
    <>
      <PageHeader
        title="Search"
        description="Messages, conversation titles, custom GPTs, memories and file names across the archive. Every search is recorded in the audit log."
      />
      {/* The view reads its state from the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<Loading>Loading search…</Loading>}>
        <SearchView viewer={{ id: user.id, canReview: can(user.role, "review:write"), canExport: can(user.role, "export:create"), canHold: can(user.role, "hold:write") }} />
      </Suspense>
    </>
  );
}
