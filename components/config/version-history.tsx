// Every captured configuration version (newest first) and the selectors that choose the two versions to
// compare. The selectors are a plain GET form (?a=&b=), so comparisons are linkable and work without JS.
import Link from "next/link";
import type { VersionMeta } from "@/lib/archive/gpts";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { fieldClasses } from "@/components/ui/input";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { custodianHref, formatDateTime } from "./format";

export type CompareLinks = { hrefFor: (a: string, b: string) => string };

export function VersionHistory({ versions, selected, hrefFor, showAuthor }: { versions: VersionMeta[]; selected: { a: string; b: string } | null; hrefFor: (a: string, b: string) => string; showAuthor: boolean }) {
  const newestFirst = [...versions].reverse();
  return (
    <section aria-labelledby="versions" className="mb-6">
      <h2 id="versions" className="mb-2 text-base font-semibold text-slate-900">
        Configuration versions ({versions.length})
      </h2>
      <Table caption="Configuration versions">
        <THead>
          <Tr>
            <Th>Version</Th>
            <Th>Name</Th>
            <Th>Captured</Th>
            <Th>Created at source</Th>
            {showAuthor && <Th>Author</Th>}
            <Th>SHA-256</Th>
            <Th>
              <span className="sr-only">Compare</span>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {newestFirst.map((v) => {
            const prev = versions[v.number - 2];
            const inPair = selected && (selected.a === v.id || selected.b === v.id);
            return (
              <Tr key={v.id} className={cn(inPair && "bg-accent-50/60")}>
                <Td className="tabular-nums">
                  {v.number}
                  {v.number === versions.length && (
                    <Badge tone="accent" className="ml-2">
                      Current
                    </Badge>
                  )}
                </Td>
                <Td>
                  {v.name ?? "—"}
                  {v.deletedAtSource && (
                    <Badge tone="danger" className="ml-2">
                      Deleted at source
                    </Badge>
                  )}
                  <div className="font-mono text-xs text-slate-500">{v.configId}</div>
                </Td>
                <Td>{formatDateTime(v.firstSeenAt)}</Td>
                <Td>{formatDateTime(v.createdAtSource)}</Td>
                {showAuthor && (
                  <Td>
                    {v.authorId ? (
                      <Link href={custodianHref(v.authorId)} className="text-accent-700 hover:underline">
                        {v.authorEmail ?? v.authorId}
                      </Link>
                    ) : (
                      (v.authorEmail ?? "—")
                    )}
                  </Td>
                )}
                <Td className="font-mono text-xs">
                  <span title={v.sha256}>{v.sha256.slice(0, 12)}…</span>
                </Td>
                <Td>
                  {prev && (
                    <Link href={hrefFor(prev.id, v.id)} className="text-sm whitespace-nowrap text-accent-700 hover:underline" aria-label={`Compare version ${v.number} with version ${prev.number}`}>
                      Compare with {prev.number}
                    </Link>
                  )}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
    </section>
  );
}

export function CompareForm({ action, versions, selected, keep }: { action: string; versions: VersionMeta[]; selected: { a: string; b: string }; keep: Record<string, string> }) {
  const options = [...versions].reverse().map((v) => (
    <option key={v.id} value={v.id}>
      Version {v.number} — {formatDateTime(v.createdAtSource ?? v.firstSeenAt)}
    </option>
  ));
  return (
    <form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-3" aria-label="Choose versions to compare">
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="space-y-1">
        <label htmlFor="compare-a" className="block text-sm font-medium text-slate-800">
          Older version (left)
        </label>
        <select id="compare-a" name="a" defaultValue={selected.a} className={cn(fieldClasses, "pr-8")}>
          {options}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="compare-b" className="block text-sm font-medium text-slate-800">
          Newer version (right)
        </label>
        <select id="compare-b" name="b" defaultValue={selected.b} className={cn(fieldClasses, "pr-8")}>
          {options}
        </select>
      </div>
      <button type="submit" className={buttonClasses("secondary", "md")}>
        Compare
      </button>
    </form>
  );
}
