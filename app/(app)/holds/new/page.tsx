import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { HoldForm } from "@/components/holds/hold-form";

export const metadata: Metadata = { title: "New hold" };

export default async function NewHoldPage() {
  await requirePermission("hold:write");
  return (
    <>
      <PageHeader title="New hold" description="A hold starts as a draft: preview what its scope selects, then activate it." />
      <div className="max-w-3xl">
        <HoldForm />
      </div>
    </>
  );
}
