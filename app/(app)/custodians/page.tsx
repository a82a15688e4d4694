import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { custodianListQuery, defaultCustodianDir, listCustodianStatuses, listCustodians } from "@/lib/archive/custodians";
import { parseListParams } from "@/lib/archive/queries";
import { AppError } from "@/lib/http/errors";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CustodianTable } from "@/components/custodian/custodian-table";
import { FilterIssues, NextPageLink, withParams } from "@/components/custodian/list-controls";

export const metadata: Metadata = { title: "Custodians" };

const FIELD_LABELS: Record<string, string> = { q: "Name or e-mail", status: "Status", removed: "Include removed", sort: "Sort", dir: "Direction", limit: "Page size", cursor: "Page" };

export default async function CustodiansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("archive:read");
  const { data: query, issues } = parseListParams(custodianListQuery, await searchParams);
  let pageError: string | null = null;
  let result: Awaited<ReturnType<typeof listCustodians>>;
  try {
    result = await listCustodians(query);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "invalid") throw err;
    pageError = err.message;
    result = await listCustodians({ ...query, cursor: undefined });
  }
  const statuses = await listCustodianStatuses();
  const { custodians, sort, dir, nextCursor } = result;
  const current: Record<string, string | undefined> = {
    q: query.q,
    status: query.status,
    removed: query.removed ? "1" : undefined,
    sort: sort === "name" ? undefined : sort,
    dir: dir === defaultCustodianDir(sort) ? undefined : dir,
    limit: query.limit === 50 ? undefined : String(query.limit),
  };
  const filtered = Boolean(query.q || query.status);
  return (
    <>
      <PageHeader title="Custodians" description="People whose ChatGPT conversations, GPTs and memories are archived, with their volumes." />
      {/* Keyed by the list state: uncontrolled fields must show the new URL's values after a client navigation. */}
      <form key={JSON.stringify(current)} className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter custodians" action="/custodians">
        <Input name="q" label="Name or e-mail contains" defaultValue={query.q} className="w-64" />
        <Select name="status" label="Status" defaultValue={query.status ?? ""} options={[{ value: "", label: "Any status" }, ...statuses.map((s) => ({ value: s, label: s }))]} />
        {current.sort && <input type="hidden" name="sort" value={current.sort} />}
        {current.dir && <input type="hidden" name="dir" value={current.dir} />}
        <Checkbox name="removed" value="1" defaultChecked={Boolean(query.removed)} label="Include people removed from the workspace" className="mb-2" />
        <Button type="submit" size="sm" className="mb-0.5">
          Apply
        </Button>
        {(filtered || query.removed) && (
          <Link href="/custodians" className="mb-2 text-sm text-indigo-700 hover:underline">
            Clear filters
          </Link>
        )}
      </form>
      <FilterIssues issues={issues} labels={FIELD_LABELS} />
      {pageError && (
        <Alert tone="error" className="mb-4">
          {pageError}
        </Alert>
      )}
      {custodians.length === 0 ? (
        <EmptyState title={filtered ? "No matching custodians" : "No custodians yet"}>
          {filtered ? (
            <>
              Nobody matches these filters{query.removed ? "" : " (people removed from the workspace are hidden unless included)"}.{" "}
              <Link href="/custodians" className="text-indigo-700 hover:underline">
                Clear filters
              </Link>
            </>
          ) : (
            "Each workspace member whose data is captured appears here once a source has synced (Admin → Sources)."
          )}
        </EmptyState>
      ) : (
        <>
          <CustodianTable
            custodians={custodians.map((c) => ({ ...c, removed: Boolean(c.deletedAtSource), lastActiveAt: c.lastActiveAt?.toISOString() ?? null }))}
            sort={{
              key: sort,
              dir,
              defaultDir: defaultCustodianDir,
              href: (key, d) => withParams("/custodians", current, { sort: key === "name" ? undefined : key, dir: d === defaultCustodianDir(key) ? undefined : d }),
            }}
          />
          <NextPageLink href={nextCursor ? withParams("/custodians", current, { cursor: nextCursor }) : null} />
        </>
      )}
    </>
  );
}
