import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { roleLabels } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description={`Signed in as ${roleLabels[user.role]}.`} />
      <EmptyState
        title="Nothing to report yet"
        action={
          <Link href="/search" className={buttonClasses("secondary")}>
            Search the archive
          </Link>
        }
      >
        Capture health, volumes and review work appear here as sources are connected.
      </EmptyState>
    </>
  );
}
