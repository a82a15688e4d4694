"use client";
// Preview: evaluates the hold's saved scope now (exact counts per type and per custodian, and sample items)
// without holding anything. Run on demand; large query scopes take a while.
import Link from "next/link";
import { itemHref } from "@/lib/review/links";
import { useHoldPreview, type HoldView } from "@/lib/hooks/use-holds-query";
import type { HeldUnitType } from "@/lib/governance/hold-schemas";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LoadError, Loading } from "@/components/shell/query-states";
import { ScopeCountsView } from "./scope-counts";
import { UNIT_LABELS, formatDateTime } from "./hold-labels";

export function HoldPreviewPanel({ hold }: { hold: HoldView }) {
  const preview = useHoldPreview(hold.id);
  const p = preview.data;
  const stale = p && p.scopeVersion !== hold.scopeVersion;

  return (
    <section aria-label="Preview" className="space-y-4 rounded-lg p-4 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold text-slate-900">Preview</h2>
          <p className="text-sm text-slate-600">
            {hold.status === "DRAFT" ? "What activating the hold would preserve now." : "What the current scope selects now (standing evaluation adds new matches automatically)."}
          </p>
        </div>
        <Button variant="secondary" onClick={() => void preview.refetch()} isLoading={preview.isFetching}>
          {p ? "Preview again" : "Preview scope"}
        </Button>
      </div>
      {preview.isFetching && !p ? (
        <Loading>Evaluating the scope…</Loading>
      ) : preview.isError ? (
        <LoadError title="The scope could not be evaluated" error={preview.error} onRetry={() => void preview.refetch()} />
      ) : p ? (
        <div className="space-y-4">
          {stale && <Alert tone="warning">The scope changed since this preview (version {p.scopeVersion}); preview again.</Alert>}
          <p className="text-sm text-slate-700">
            <strong>{p.total.toLocaleString("en-US")}</strong> item(s): {p.fromCriteria.toLocaleString("en-US")} from the criteria, {p.explicit.toLocaleString("en-US")} added
            explicitly. Evaluated {formatDateTime(p.evaluatedAt)}, scope version {p.scopeVersion}.
          </p>
          <ScopeCountsView counts={p} />
          {p.samples.length > 0 && (
            <div className="space-y-2">
              <h3 className="text-sm font-medium text-slate-800">Sample items</h3>
              <ul className="divide-y divide-slate-100 rounded-md text-sm ring-1 ring-slate-200">
                {p.samples.map((s) => {
                  const href = itemHref(s);
                  return (
                    <li key={`${s.itemType}:${s.itemId}`} className="flex items-center justify-between gap-3 px-3 py-1.5">
                      {href ? (
                        <Link href={href} className="truncate text-accent-700 hover:underline">
                          {s.label || s.itemId}
                        </Link>
                      ) : (
                        <span className="truncate">{s.label || s.itemId}</span>
                      )}
                      <span className="flex shrink-0 gap-2">
                        {s.explicit && <Badge tone="accent">Explicit</Badge>}
                        <Badge>{UNIT_LABELS[s.itemType as HeldUnitType]?.one ?? s.itemType}</Badge>
                      </span>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}
