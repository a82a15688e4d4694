// Server-rendered list controls shared by the archive lists (conversations, custodians): sortable column
// headers that are plain links (the URL holds the whole list state), the "bad filter" message, and the
// next-page link. No client JavaScript needed.
import Link from "next/link";
import type { ReactNode } from "react";
import { Th } from "@/components/ui/table";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";

export type SortDir = "asc" | "desc";

/** The list's current order and how to link to another one (the page builds the URLs). */
export type SortState<K extends string> = { key: K; dir: SortDir; href: (key: K, dir: SortDir) => string; defaultDir: (key: K) => SortDir };

export function SortHeader<K extends string>({ sortKey, state, className, children }: { sortKey: K; state?: SortState<K>; className?: string; children: ReactNode }) {
  if (!state) return <Th className={className}>{children}</Th>;
  const active = state.key === sortKey;
  // Clicking the sorted column flips it; another column starts in its natural order.
  const nextDir: SortDir = active ? (state.dir === "asc" ? "desc" : "asc") : state.defaultDir(sortKey);
  return (
    <Th className={className} aria-sort={active ? (state.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={state.href(sortKey, nextDir)} className={cn("inline-flex items-center gap-1 uppercase hover:text-slate-900", active && "text-slate-900")}>
        {children}
        <span aria-hidden="true" className={cn("text-[10px]", !active && "text-slate-300")}>
          {active ? (state.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </Th>
  );
}

export function FilterIssues({ issues, labels }: { issues: { field: string; message: string }[]; labels: Record<string, string> }) {
  if (!issues.length) return null;
  return (
    <Alert tone="error" title="Some filters were not applied" className="mb-4">
      <ul className="list-disc pl-5">
        {issues.map((i) => (
          <li key={`${i.field}:${i.message}`}>
            {labels[i.field] ?? i.field}: {i.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

export function NextPageLink({ href, label = "Next page" }: { href: string | null; label?: string }) {
  if (!href) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex gap-4 text-sm">
      <Link className="font-medium text-indigo-700 hover:underline" href={href} rel="next">
        {label} →
      </Link>
    </nav>
  );
}

/** Builds `path?query` from the current parameters with some replaced or removed (undefined/empty). */
export function withParams(path: string, current: Record<string, string | undefined>, changes: Record<string, string | undefined>): string {
  const merged = { ...current, ...changes };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== "") params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function formatUtc(d: Date | string | null | undefined): string {
  if (!d) return "—";
  const iso = typeof d === "string" ? d : d.toISOString();
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

export function UtcTime({ value }: { value: Date | string | null | undefined }) {
  if (!value) return <span className="text-slate-500">—</span>;
  const iso = typeof value === "string" ? value : value.toISOString();
  return <time dateTime={iso}>{formatUtc(iso)}</time>;
}
