"use client";
// Disposition runs: "Run disposition now" (officers and admins only), the live progress of a queued or
// running run (polled every second), and the history with counts, duration and certificate links.
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { isDispositionActive, useDispositionRuns, useStartDisposition, type DispositionRunView } from "@/lib/hooks/use-retention-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { LoadError, Loading } from "@/components/shell/query-states";
import { formatDateTime } from "@/components/admin/format";
import { runStatusTones } from "@/components/sources/labels";
import { countsSummary, formatCount, formatDuration } from "./format";

function RunProgressBar({ run }: { run: DispositionRunView }) {
  const p = run.progress;
  const total = p ? p.total.conversations + p.total.gptConfigs + p.total.memoryVersions + p.total.files : 0;
  const done = p ? p.done.conversations + p.done.gptConfigs + p.done.memoryVersions + p.done.files : 0;
  const pct = total ? Math.min(100, Math.round((done / total) * 100)) : p?.phase === "certifying" ? 100 : 0;
  return (
    <div className="space-y-1" aria-live="polite">
      <div className="flex justify-between text-xs text-slate-600">
        <span>
          {p?.phase === "planning" ? "Counting what is due…" : p?.phase === "certifying" ? "Writing the certificate…" : p?.currentType ? `Disposing (${p.currentType.toLowerCase().replace("_", " ")})` : "Waiting for the worker…"}
        </span>
        <span>
          {formatCount(done)} of {formatCount(total)} units · {p ? formatCount(p.done.messages) : 0} messages
        </span>
      </div>
      <div className="h-2 w-full overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Disposition progress">
        <div className="h-full bg-accent-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

export function DispositionRuns({ canRun }: { canRun: boolean }) {
  const { toast } = useToast();
  const runs = useDispositionRuns();
  const start = useStartDisposition();
  const active = runs.data?.find((r) => isDispositionActive(r.status)) ?? null;

  return (
    <section aria-labelledby="runs-heading" className="space-y-3">
      <div className="flex items-center justify-between">
        <h2 id="runs-heading" className="text-lg font-semibold text-slate-900">
          Disposition runs
        </h2>
        {canRun && (
          <Button
            variant="danger"
            isLoading={start.isPending}
            disabled={Boolean(active)}
            onClick={() => {
              if (!window.confirm("Dispose of every expired, unheld item now? This cannot be undone. Run a dry run first.")) return;
              start.mutate(undefined, {
                onSuccess: ({ created }) => toast({ tone: "success", title: created ? "Disposition run queued" : "Resuming the unfinished run" }),
                onError: (err) => toast({ tone: "error", title: "Disposition not started", description: getErrorMessage(err) }),
              });
            }}
          >
            Run disposition now
          </Button>
        )}
      </div>
      {active && <RunProgressBar run={active} />}
      {runs.isPending ? (
        <Loading>Loading runs…</Loading>
      ) : runs.isError ? (
        <LoadError title="Could not load disposition runs" error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.length === 0 ? (
        <p className="text-sm text-slate-600">No disposition has run yet. The job runs daily; nothing is disposed unless an enabled policy makes it due.</p>
      ) : (
        <Table caption="Recent runs">
          <THead>
            <Tr>
              <Th>Started</Th>
              <Th>Trigger</Th>
              <Th>Status</Th>
              <Th>Disposed</Th>
              <Th className="text-right">Held, skipped</Th>
              <Th className="text-right">Duration</Th>
              <Th>Certificate</Th>
            </Tr>
          </THead>
          <TBody>
            {runs.data.map((r) => (
              <Tr key={r.id}>
                <Td>{formatDateTime(r.startedAt ?? r.queuedAt)}</Td>
                <Td>{r.trigger === "MANUAL" ? `By ${r.requestedBy?.email ?? r.requestedBy?.id ?? "hand"}` : "Scheduled"}</Td>
                <Td>
                  <Badge tone={runStatusTones[r.status]}>{r.status.toLowerCase()}</Badge>
                  {r.error && <p className="mt-1 text-xs text-red-700">{r.error}</p>}
                </Td>
                <Td className="text-sm">{r.progress ? countsSummary(r.progress.done) : "—"}</Td>
                <Td className="text-right tabular-nums">{formatCount(r.heldSkippedCount)}</Td>
                <Td className="text-right">{formatDuration(r.durationMs)}</Td>
                <Td>
                  {r.certificateSha256 ? (
                    <span className="flex gap-2 text-sm">
                      <a className="text-accent-700 hover:underline" href={`/api/v1/disposition/runs/${encodeURIComponent(r.id)}/certificate?format=html`} target="_blank" rel="noreferrer">
                        View
                      </a>
                      <a className="text-accent-700 hover:underline" href={`/api/v1/disposition/runs/${encodeURIComponent(r.id)}/certificate?format=json`}>
                        JSON
                      </a>
                    </span>
                  ) : (
                    "—"
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
