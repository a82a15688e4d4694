import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/shell/page-header";
import { NewSourceForm } from "@/components/sources/new-source-form";

export const metadata: Metadata = { title: "New source" };

export default async function NewSourcePage() {
  await requirePermission("source:write");
  return (
    <>
      <Link href="/admin/sources" className="mb-2 inline-block text-sm text-slate-600 hover:text-slate-900 hover:underline">
        ← Sources
      </Link>
      <PageHeader
        title="New source"
        description="Connect a ChatGPT Enterprise workspace. After saving, create an authorization with a Compliance API key to start capture."
      />
      <NewSourceForm />
    </>
  );
}
