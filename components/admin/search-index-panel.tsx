"use client";
// Index health: documents indexed against what the archive holds, the outbox (waiting, failing, lag, the
// last error) and the reindex button with its live progress.
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { isReindexActive, useIndexHealth, useStartReindex, type IndexHealth } from "@/lib/hooks/use-search-index-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { LoadError, Loading } from "@/components/shell/query-states";
import { formatDateTime } from "@/components/admin/format";

const n = (v: number) => v.toLocaleString("en-US");

const typeLabels: Record<keyof IndexHealth["expectedByType"], string> = {
  MESSAGE: "Messages",
  GPT_CONFIG: "GPT configurations",
  MEMORY: "Memories",
  FILE: "Files",
};

function formatLag(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.min(100, Math.floor((100 * value) / max)) : 100;
  return (
    <div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} className="h-2 w-full overflow-hidden rounded bg-slate-100">
        <div className="h-full rounded bg-indigo-600 transition-[width]" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {n(value)} of {n(max)} ({pct}%)
      </p>
    </div>
  );
}

export function SearchIndexPanel({ canReindex }: { canReindex: boolean }) {
  const health = useIndexHealth();
  const start = useStartReindex();
  const { toast } = useToast();

  if (health.isPending) return <Loading>Loading index health…</Loading>;
  if (health.isError) return <LoadError title="Could not load index health" error={health.error} onRetry={() => void health.refetch()} />;
  const h = health.data;
  const active = isReindexActive(h);
  const inSync = h.documents !== null && h.documents === h.expected && h.pending === 0;

  return (
    <div className="space-y-6">
      {h.engineError && (
        <Alert tone="error" title={`The ${h.engine} search engine is not answering`}>
          {h.engineError}
        </Alert>
      )}
      <section aria-labelledby="index-status" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="index-status" className="text-base font-semibold text-slate-900">
            Index status
          </h2>
          <Badge tone={inSync ? "success" : h.failing ? "danger" : "warning"}>{inSync ? "Up to date" : h.failing ? "Failures" : "Catching up"}</Badge>
        </div>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-500">Engine</dt>
          <dd>{h.engine === "meilisearch" ? "Meilisearch" : "PostgreSQL full-text (built in)"}</dd>
          <dt className="text-slate-500">Indexed</dt>
          <dd data-testid="index-count">
            {h.documents === null ? "unknown" : n(h.documents)} of {n(h.expected)} documents
          </dd>
          {(Object.keys(typeLabels) as (keyof typeof typeLabels)[]).map((t) => (
            <div key={t} className="contents">
              <dt className="pl-3 text-slate-500">{typeLabels[t]}</dt>
              <dd>{n(h.expectedByType[t])} in the archive</dd>
            </div>
          ))}
          <dt className="text-slate-500">Waiting to index</dt>
          <dd>
            {n(h.pending)} item(s){h.pending > 0 && <>, oldest {formatLag(h.lagSeconds)} ago</>}
          </dd>
          <dt className="text-slate-500">Failing</dt>
          <dd>{h.failing ? `${n(h.failing)} item(s), retried with backoff` : "none"}</dd>
        </dl>
        {h.lastError && (
          <Alert tone="warning" title="Last indexing error" className="mt-3">
            <span className="break-all font-mono text-xs">{h.lastError}</span>
          </Alert>
        )}
      </section>

      <section aria-labelledby="reindex-title" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="reindex-title" className="text-base font-semibold text-slate-900">
          Rebuild
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Rebuilds every document from the archive. Search keeps answering while it runs; documents the archive no longer produces are removed at the end.
        </p>
        {h.reindex && (
          <div className="mt-3 space-y-2 text-sm">
            <p>
              Last rebuild: <span className="font-medium">{h.reindex.status.toLowerCase()}</span> — requested {formatDateTime(h.reindex.createdAt)}
              {h.reindex.finishedAt && <>, finished {formatDateTime(h.reindex.finishedAt)}</>}
              {h.reindex.status === "SUCCEEDED" && (
                <>
                  , {n(h.reindex.done)} written, {n(h.reindex.removed)} removed
                </>
              )}
            </p>
            {active && <ProgressBar value={h.reindex.done} max={h.reindex.total} label="Reindex progress" />}
            {h.reindex.error && <Alert tone="error">{h.reindex.error}</Alert>}
          </div>
        )}
        {canReindex && (
          <Button
            className="mt-4"
            variant="secondary"
            disabled={active}
            isLoading={start.isPending}
            onClick={() =>
              start.mutate(undefined, {
                onSuccess: () => toast({ tone: "success", title: "Reindex queued" }),
                onError: (err) => toast({ tone: "error", title: "Reindex not started", description: getErrorMessage(err) }),
              })
            }
          >
            {active ? "Rebuilding…" : "Rebuild index"}
          </Button>
        )}
      </section>
    </div>
  );
}
