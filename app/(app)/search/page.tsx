import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage() {
  await requirePermission("search:run");
  return (
    <>
      <PageHeader title="Search" description="Search the archive" />
      <EmptyState title="Nothing searched yet">Full-text search across captured conversations, with filters for custodian, GPT, date and tags, will appear here.</EmptyState>
    </>
  );
}
