import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listHolds } from "@/lib/governance/holds";
import { holdStatuses, type HoldStatus } from "@/lib/governance/hold-schemas";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { HoldStatusBadge } from "@/components/holds/hold-status-badge";
import { HOLD_STATUS_LABELS, describeScope, formatDateTime } from "@/components/holds/hold-labels";

export const metadata: Metadata = { title: "Holds" };

export default async function HoldsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("hold:read");
  const raw = (await searchParams).status;
  const status = holdStatuses.find((s) => s === raw) as HoldStatus | undefined;
  const holds = await listHolds({ status });
  const canWrite = can(user.role, "hold:write");
  const filters: { label: string; value?: HoldStatus }[] = [{ label: "All" }, ...holdStatuses.map((s) => ({ label: HOLD_STATUS_LABELS[s], value: s }))];

  return (
    <>
      <PageHeader
        title="Holds"
        description="Legal holds preserve what their scope selects — and what is captured later that matches — from retention and deletion until released."
        actions={
          canWrite ? (
            <Link href="/holds/new" className={buttonClasses("primary")}>
              New hold
            </Link>
          ) : null
        }
      />
      <nav aria-label="Filter by status" className="mb-4 flex gap-2">
        {filters.map((f) => {
          const current = f.value === status;
          return (
            <Link
              key={f.label}
              href={f.value ? `/holds?status=${f.value}` : "/holds"}
              aria-current={current ? "page" : undefined}
              className={cn("rounded-full px-3 py-1 text-sm ring-1 ring-inset", current ? "bg-slate-900 text-white ring-slate-900" : "text-slate-700 ring-slate-300 hover:bg-slate-50")}
            >
              {f.label}
            </Link>
          );
        })}
      </nav>
      {holds.length === 0 ? (
        <EmptyState title={status ? `No ${HOLD_STATUS_LABELS[status].toLowerCase()} holds` : "No legal holds"}>
          {canWrite ? "Create a hold on custodians, a date window, a search query or chosen items; preview it, then activate it." : "Holds created by compliance officers appear here."}
        </EmptyState>
      ) : (
        <Table caption="Legal holds">
          <THead>
            <Tr>
              <Th>Hold</Th>
              <Th>Matter</Th>
              <Th>Status</Th>
              <Th>Scope</Th>
              <Th className="text-right">Items</Th>
              <Th>Since</Th>
            </Tr>
          </THead>
          <TBody>
            {holds.map((h) => (
              <Tr key={h.id}>
                <Td className="max-w-xs">
                  <Link href={`/holds/${encodeURIComponent(h.id)}`} className="font-medium break-words text-accent-700 hover:underline">
                    {h.name}
                  </Link>
                </Td>
                <Td className="max-w-xs break-words">{h.matter ?? "—"}</Td>
                <Td>
                  <HoldStatusBadge status={h.status} />
                </Td>
                <Td className="max-w-sm text-sm break-words text-slate-600">
                  {describeScope(h.scope)}
                  {h.explicitCount ? ` · ${h.explicitCount.toLocaleString("en-US")} explicit` : ""}
                </Td>
                <Td className="text-right tabular-nums">{h.status === "DRAFT" ? "—" : h.itemCount.toLocaleString("en-US")}</Td>
                <Td>
                  <time dateTime={h.releasedAt ?? h.activatedAt ?? h.createdAt}>{formatDateTime(h.releasedAt ?? h.activatedAt ?? h.createdAt)}</time>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
