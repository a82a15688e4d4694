"use client";
// "Sync now" and the live view of a run: a progress bar for the stream being captured, the worker's
// progress message and the per-stream ledger filling in, polled every second until the run ends; then
// the outcome in words. A run already in progress when the page opens is picked up the same way.
import { useEffect, useId, useRef, useState } from "react";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import {
  isRunActive,
  useRefreshAfterRun,
  useStartSync,
  useSyncRun,
  type RunStatus,
  type RunSummary,
  type SourceSummary,
} from "@/lib/hooks/use-sources-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { useToast } from "@/components/ui/toast";
import { formatDateTime } from "@/components/admin/format";
import { formatCount, formatDuration, formatStreamCount, getOrderedStreams, getRunDuration, getStreamLabel, pluralize, streamOrder, triggerLabels } from "./labels";
import { RunStatusBadge } from "./status-badges";
import { StreamTable } from "./stream-table";

export function SyncPanel({ source, canSync }: { source: SourceSummary; canSync: boolean }) {
  const { toast } = useToast();
  const startSync = useStartSync();
  const refreshAfterRun = useRefreshAfterRun();
  const reasonId = useId();
  const [full, setFull] = useState(false);
  const lastRun = source.lastRun;
  const activeLastRunId = lastRun && isRunActive(lastRun.status) ? lastRun.id : null;
  // The run this panel follows: one started here, or one already running (schedule, another admin). It
  // stays shown after it ends, so the outcome remains readable.
  const [runId, setRunId] = useState<string | null>(activeLastRunId);
  const runQuery = useSyncRun(runId);
  const run = runQuery.data ?? (lastRun && lastRun.id === runId ? lastRun : null);
  const runIsActive = run ? isRunActive(run.status) : false;
  if (activeLastRunId !== null && activeLastRunId !== runId && !runIsActive) setRunId(activeLastRunId);

  // When the watched run ends, counts, health, history and capture errors have all moved on.
  const previousStatus = useRef<RunStatus | null>(null);
  const status = run?.status ?? null;
  useEffect(() => {
    if (isRunActive(previousStatus.current) && status && !isRunActive(status)) refreshAfterRun(source.id);
    previousStatus.current = status;
  }, [status, source.id, refreshAfterRun]);

  const auth = source.authorization && source.authorization.status !== "REVOKED" ? source.authorization : null;
  const blockedReason = !auth
    ? "Create an authorization first: syncing needs a Compliance API key."
    : !source.captureEnabled
      ? "Capture is paused. Turn on Capture Enabled to sync."
      : runIsActive || startSync.isPending
        ? "A sync is in progress."
        : null;

  function onSync() {
    startSync.mutate(
      { sourceId: source.id, full },
      {
        onSuccess: ({ run: started }) => setRunId(started.id),
        onError: (err) => toast({ tone: "error", title: "Sync not started", description: getErrorMessage(err) }),
      },
    );
  }

  return (
    <section aria-labelledby="sync-title" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="sync-title" className="text-base font-semibold text-slate-900">
        Sync
      </h2>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">Last sync</dt>
        <dd className="flex flex-wrap items-center gap-2">
          {lastRun ? (
            <>
              {formatDateTime(lastRun.finishedAt ?? lastRun.startedAt ?? lastRun.queuedAt)}
              <RunStatusBadge status={lastRun.status} />
            </>
          ) : (
            "Never"
          )}
        </dd>
        <dt className="text-slate-500">Last success</dt>
        <dd>{source.lastSuccessfulSyncAt ? formatDateTime(source.lastSuccessfulSyncAt) : "Never"}</dd>
      </dl>

      {canSync && (
        <div className="mt-4 space-y-3">
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={onSync} disabled={blockedReason !== null} isLoading={startSync.isPending} aria-describedby={blockedReason ? reasonId : undefined}>
              Sync now
            </Button>
            <Checkbox
              label="Include full reconciliation"
              description="Also re-lists everything from the start to find objects deleted at the source. Slower."
              checked={full}
              onChange={(e) => setFull(e.target.checked)}
              disabled={blockedReason !== null}
            />
          </div>
          {blockedReason && (
            <p id={reasonId} className="text-sm text-slate-600">
              {blockedReason}
            </p>
          )}
        </div>
      )}

      {run && <SyncProgress run={run} source={source} />}
      {runQuery.isError && runIsActive && (
        <Alert tone="warning" className="mt-4">
          Lost track of the running sync: {getErrorMessage(runQuery.error)}. It keeps running; the history below shows its outcome.
        </Alert>
      )}
    </section>
  );
}

function SyncProgress({ run, source }: { run: RunSummary; source: SourceSummary }) {
  const active = isRunActive(run.status);
  const progress = run.progress;
  const streamName = progress?.stream ?? null;
  const streamLabel = progress?.label ?? (streamName ? getStreamLabel(streamName) : null);
  const stepIndex = streamName ? getOrderedStreams(run.streams).findIndex((s) => s.stream === streamName) : -1;
  const stepCount = Math.max(streamOrder.length, run.streams.length);

  let percent: number | null = null;
  let valueText: string;
  if (!active && (run.status === "SUCCEEDED" || run.status === "PARTIAL")) {
    percent = 100;
    valueText = "Finished";
  } else if (progress && progress.total != null && progress.total > 0 && progress.done != null) {
    percent = Math.min(100, Math.round((progress.done / progress.total) * 100));
    valueText = `${streamLabel ? `${streamLabel}: ` : ""}${formatCount(progress.done)} of ${formatCount(progress.total)} (${percent}%)`;
  } else {
    valueText = progress?.message || (run.status === "QUEUED" ? "Waiting for a worker" : "Working");
  }
  const showBar = active || percent !== null;
  const failed = run.status === "FAILED" || run.status === "CANCELLED";

  return (
    <div className="mt-5 space-y-3 border-t border-slate-100 pt-4" aria-labelledby={`run-${run.id}-title`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`run-${run.id}-title`} className="text-sm font-semibold text-slate-900">
          {active ? (run.status === "QUEUED" ? "Sync queued" : "Sync in progress") : "Latest sync"}
          <span className="font-normal text-slate-600"> · {triggerLabels[run.trigger] ?? run.trigger}</span>
        </h3>
        <div className="flex items-center gap-2 text-sm text-slate-600">
          {run.requestCount > 0 && <span>{pluralize(run.requestCount, "request", "requests")}</span>}
          <RunStatusBadge status={run.status} />
        </div>
      </div>

      {showBar && (
        <div>
          <div
            role="progressbar"
            aria-label="Sync progress"
            aria-valuemin={percent !== null ? 0 : undefined}
            aria-valuemax={percent !== null ? 100 : undefined}
            aria-valuenow={percent ?? undefined}
            aria-valuetext={valueText}
            className="relative h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
          >
            {percent !== null ? (
              <div
                className={cn("h-full rounded-full transition-[width] duration-500", failed ? "bg-red-500" : run.status === "PARTIAL" ? "bg-amber-500" : "bg-accent-600")}
                style={{ width: `${percent}%` }}
              />
            ) : (
              <div className="absolute inset-y-0 left-0 w-1/3 rounded-full bg-accent-500 motion-safe:animate-[sync-indeterminate_1.4s_ease-in-out_infinite]" />
            )}
          </div>
          {active && (
            <p className="mt-2 text-sm text-slate-700">
              {stepIndex >= 0 && streamLabel && (
                <span className="font-medium">
                  Step {stepIndex + 1} of {stepCount} · {streamLabel}
                  {progress?.message ? " — " : ""}
                </span>
              )}
              {progress?.message ?? (run.status === "QUEUED" ? "Waiting for a worker to pick up the sync…" : "Starting…")}
            </p>
          )}
        </div>
      )}

      {/* Present from the start so the outcome is announced when it appears. */}
      <div role="status" className="text-sm">
        {!active && <RunOutcome run={run} source={source} />}
      </div>

      <StreamTable streams={run.streams} isRunActive={active} caption="Per-stream counts of the current sync" />
      {/* Keyframes for the indeterminate bar; scoped here so no global stylesheet change is needed. */}
      <style>{`@keyframes sync-indeterminate { 0% { left: -33%; } 100% { left: 100%; } }`}</style>
    </div>
  );
}

function RunOutcome({ run, source }: { run: RunSummary; source: SourceSummary }) {
  const duration = getRunDuration(run);
  const byStream = new Map(run.streams.map((s) => [s.stream, s]));
  // Conversations first: they are what reviewers come for.
  const order = ["conversations", ...getOrderedStreams(run.streams).map((s) => s.stream).filter((s) => s !== "conversations")];
  const parts = order.flatMap((name) => {
    const s = byStream.get(name);
    return s ? [formatStreamCount(name, s.listed)] : [];
  });
  const files = run.streams.reduce((sum, s) => sum + s.files, 0);
  if (files > 0) parts.push(pluralize(files, "file", "files"));
  const quarantined = run.streams.reduce((sum, s) => sum + s.quarantined, 0);
  const errors = run.streams.reduce((sum, s) => sum + s.errors, 0);
  const conversations = byStream.get("conversations");
  const took = duration !== null ? ` in ${formatDuration(duration)}` : "";

  if (run.status === "FAILED") {
    return (
      <Alert tone="error" title={`Sync failed${took}`}>
        {run.error ?? "The sync stopped with an error."}
        {parts.length > 0 && <span className="block font-normal">Captured before it stopped: {parts.join(", ")}.</span>}
      </Alert>
    );
  }
  if (run.status === "CANCELLED") {
    return <Alert tone="warning">Sync cancelled{took}.{run.error ? ` ${run.error}` : ""}</Alert>;
  }
  return (
    <div className="space-y-1">
      <p className={run.status === "PARTIAL" ? "font-medium text-amber-900" : "font-medium text-emerald-800"}>
        {run.status === "PARTIAL" ? "Finished with errors" : "Finished"}: {parts.length > 0 ? parts.join(", ") : "nothing to capture"}
        {took}.
      </p>
      {conversations && (conversations.created > 0 || conversations.changed > 0) && (
        <p className="text-slate-700">
          Conversations: {formatCount(conversations.created)} new, {formatCount(conversations.changed)} changed,{" "}
          {formatCount(conversations.unchanged)} unchanged.
        </p>
      )}
      {(quarantined > 0 || errors > 0) && (
        <p className="text-amber-900">
          {pluralize(quarantined, "record", "records")} quarantined and {pluralize(errors, "error", "errors")}: see Capture errors below.
        </p>
      )}
      <p className="text-slate-600">
        The archive now holds {formatStreamCount("conversations", source.counts.conversations)} and{" "}
        {pluralize(source.counts.messages, "message", "messages")}.
      </p>
    </div>
  );
}
