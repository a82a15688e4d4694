"use client";
// Facet counts of the current search (computed with its first page). A bucket is a toggle: pressing it
// adds its filter to the query (e.g. email:alice@…, role:assistant, tag:x), pressing it again removes it.
import { FACET_NAMES, type FacetName, type Facets } from "@/lib/search/types";
import { cn } from "@/components/ui/cn";
import { facetLabels, formatCount, getBucketLabel } from "./hit-format";

export function FacetList({
  facets,
  estimated = false,
  isActive,
  onToggle,
}: {
  facets: Facets;
  /** Counts estimated from a sample (large match sets): shown with ≈. */
  estimated?: boolean;
  isActive: (facet: FacetName, value: string) => boolean;
  onToggle: (facet: FacetName, value: string, active: boolean) => void;
}) {
  const shown = FACET_NAMES.filter((name) => facets[name]?.length > 0);
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="facets-title" className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="facets-title" className="text-sm font-semibold text-slate-900">
        Refine
      </h2>
      {estimated && <p className="text-xs text-slate-500">Counts are estimated from a sample of the matches.</p>}
      {shown.map((name) => {
        const headingId = `facet-${name}`;
        return (
          <section key={name} aria-labelledby={headingId}>
            <h3 id={headingId} className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {facetLabels[name]}
            </h3>
            <ul className="space-y-0.5">
              {facets[name].map((bucket) => {
                const active = isActive(name, bucket.value);
                const label = getBucketLabel(name, bucket.value, bucket.label);
                return (
                  <li key={bucket.value}>
                    <button
                      type="button"
                      aria-pressed={active}
                      title={active ? `Remove ${facetLabels[name].toLowerCase()} filter` : bucket.label !== bucket.value ? bucket.value : undefined}
                      onClick={() => onToggle(name, bucket.value, active)}
                      className={cn(
                        "flex w-full items-center justify-between gap-2 rounded px-2 py-1 text-left text-sm",
                        active ? "bg-accent-50 font-medium text-accent-800 ring-1 ring-accent-200 ring-inset" : "text-slate-700 hover:bg-slate-100",
                      )}
                    >
                      <span className="min-w-0 truncate">{label}</span>
                      <span className="shrink-0 text-xs text-slate-500 tabular-nums" data-facet-count="">
                        {estimated ? `≈${formatCount(bucket.count)}` : formatCount(bucket.count)}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
