import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { HoldForm } from "@/components/holds/hold-form";

export const metadata: Metadata = { title: "New hold" };

export default async function NewHoldPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("hold:write");
  // ?q= comes from the search page's "Place hold": the scope starts with that query.
  const q = (await searchParams).q;
  const initialQuery = typeof q === "string" ? q.slice(0, 2000) : "";
  return (
    <>
      <PageHeader title="New hold" description="A hold starts as a draft: preview what its scope selects, then activate it." />
      <div className="max-w-3xl">
        <HoldForm initialQuery={initialQuery} />
      </div>
    </>
  );
}
