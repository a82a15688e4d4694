"use client";
// The source's recent sync runs, newest first, with each run's per-stream ledger one click away and a
// small chart of what each run captured. Refreshes itself while a run is queued or running.
import { Loading, LoadError } from "@/components/shell/query-states";
import { Fragment, useState } from "react";
import { isRunActive, useSourceRuns, type RunSummary } from "@/lib/hooks/use-sources-query";
import { formatDateTime } from "@/components/admin/format";
import { Button, Spinner } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatCount, formatDuration, getCapturedCount, getRunDuration, triggerLabels } from "./labels";
import { RunsChart } from "./runs-chart";
import { RunStatusBadge } from "./status-badges";
import { StreamTable } from "./stream-table";

const COLUMN_COUNT = 10;

export function SyncHistory({ sourceId }: { sourceId: string }) {
  const runs = useSourceRuns(sourceId);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  function toggle(id: string) {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <section aria-labelledby="history-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="history-title" className="text-lg font-semibold text-slate-900">
          Sync history
        </h2>
        {runs.data?.some((r) => isRunActive(r.status)) && (
          <p className="flex items-center gap-1.5 text-xs text-slate-500">
            <Spinner /> Updating while a sync runs
          </p>
        )}
      </div>

      {runs.isPending ? (
        <Loading>Loading sync history…</Loading>
      ) : runs.isError ? (
        <LoadError title="Could not load the sync history" error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
          No syncs yet. Runs appear here with their per-stream counts once a sync has been queued.
        </p>
      ) : (
        <>
          <RunsChart runs={runs.data} />
          <Table caption="Sync runs, newest first">
            <THead>
              <tr>
                <Th>Started</Th>
                <Th>Trigger</Th>
                <Th>Status</Th>
                <Th>Duration</Th>
                <Th className="text-right">Requests</Th>
                <Th className="text-right">Conversations</Th>
                <Th className="text-right">New or changed</Th>
                <Th className="text-right">Quarantined</Th>
                <Th className="text-right">Errors</Th>
                <Th>
                  <span className="sr-only">Per-stream counts</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {runs.data.map((run) => (
                <RunRow key={run.id} run={run} isExpanded={expanded.has(run.id)} onToggle={() => toggle(run.id)} />
              ))}
            </TBody>
          </Table>
        </>
      )}
    </section>
  );
}

function RunRow({ run, isExpanded, onToggle }: { run: RunSummary; isExpanded: boolean; onToggle: () => void }) {
  const active = isRunActive(run.status);
  const duration = getRunDuration(run);
  const conversations = run.streams.find((s) => s.stream === "conversations");
  const quarantined = run.streams.reduce((sum, s) => sum + s.quarantined, 0);
  const errors = run.streams.reduce((sum, s) => sum + s.errors, 0);
  const detailsId = `run-${run.id}-streams`;
  const started = run.startedAt ?? run.queuedAt;

  return (
    <Fragment>
      <Tr>
        <Td className="whitespace-nowrap">
          {formatDateTime(started, true)}
          {!run.startedAt && <span className="block text-xs text-slate-500">queued</span>}
        </Td>
        <Td>{triggerLabels[run.trigger] ?? run.trigger}</Td>
        <Td>
          <RunStatusBadge status={run.status} />
          {run.error && <span className="mt-1 block max-w-xs text-xs text-red-700">{run.error}</span>}
        </Td>
        <Td className="whitespace-nowrap">{duration !== null ? formatDuration(duration) : active ? "Running…" : "—"}</Td>
        <Td className="text-right tabular-nums">{formatCount(run.requestCount)}</Td>
        <Td className="text-right tabular-nums">{conversations ? formatCount(conversations.listed) : "—"}</Td>
        <Td className="text-right tabular-nums">{formatCount(getCapturedCount(run.streams))}</Td>
        <Td className={quarantined > 0 ? "text-right font-medium text-red-700 tabular-nums" : "text-right tabular-nums"}>{formatCount(quarantined)}</Td>
        <Td className={errors > 0 ? "text-right font-medium text-red-700 tabular-nums" : "text-right tabular-nums"}>{formatCount(errors)}</Td>
        <Td className="text-right">
          <Button variant="ghost" size="sm" aria-expanded={isExpanded} aria-controls={isExpanded ? detailsId : undefined} onClick={onToggle}>
            {isExpanded ? "Hide streams" : "Streams"}
            <span className="sr-only"> for the run started {formatDateTime(started, true)}</span>
          </Button>
        </Td>
      </Tr>
      {isExpanded && (
        <tr id={detailsId}>
          <td colSpan={COLUMN_COUNT} className="bg-slate-50 px-3 py-3">
            <StreamTable streams={run.streams} isRunActive={active} caption={`Per-stream counts for the run started ${formatDateTime(started, true)}`} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}
