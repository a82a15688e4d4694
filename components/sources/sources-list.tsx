"use client";
// The sources overview: one card per connected workspace with what an admin checks first — is capture on,
// is the key valid, is the data fresh, how much is archived. Write controls live on the detail page.
import { Loading, LoadError } from "@/components/shell/query-states";
import Link from "next/link";
import { useSources, type SourceSummary } from "@/lib/hooks/use-sources-query";
import { EmptyState } from "@/components/shell/empty-state";
import { formatDateTime } from "@/components/admin/format";
import { Badge } from "@/components/ui/badge";
import { archiveCountLabels, formatCount, getSourceTypeLabel } from "./labels";
import { AuthorizationStatusBadge, CaptureBadge, HealthBadge, MaskedKey, RunStatusBadge } from "./status-badges";

export function SourcesList({ canWrite }: { canWrite: boolean }) {
  const sources = useSources();

  if (sources.isPending) {
    return (
      <Loading>Loading sources…</Loading>
    );
  }
  if (sources.isError) {
    return (
      <LoadError title="Could not load sources" error={sources.error} onRetry={() => void sources.refetch()} />
    );
  }
  if (sources.data.length === 0) {
    return (
      <EmptyState title="No sources connected">
        <p>A source is a ChatGPT Enterprise workspace that Custodian captures through OpenAI&apos;s Compliance API.</p>
        {canWrite ? (
          <ol className="mt-3 list-inside list-decimal space-y-1 text-left sm:inline-block">
            <li>
              Choose <strong>New source</strong>, keep the source type <strong>OpenAI ChatGPT</strong>, enter the workspace ID and
              an optional description, then <strong>Save</strong>.
            </li>
            <li>
              On the source, choose <strong>Create Authorization</strong> and paste a Compliance API secret key. Custodian tests it
              before saving it.
            </li>
            <li>
              Leave <strong>Capture Enabled</strong> on and choose <strong>Sync now</strong>, or wait for the schedule.
            </li>
          </ol>
        ) : (
          <p className="mt-2">An administrator connects workspaces; their capture status and sync history then appear here.</p>
        )}
      </EmptyState>
    );
  }

  return (
    <ul className="grid gap-4 lg:grid-cols-2" aria-label="Sources">
      {sources.data.map((source) => (
        <li key={source.id}>
          <SourceCard source={source} />
        </li>
      ))}
    </ul>
  );
}

function SourceCard({ source }: { source: SourceSummary }) {
  const auth = source.authorization && source.authorization.status !== "REVOKED" ? source.authorization : null;
  const titleId = `source-${source.id}-title`;
  return (
    <article aria-labelledby={titleId} className="h-full rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            <Link href={`/admin/sources/${encodeURIComponent(source.id)}`} className="hover:text-accent-700 hover:underline">
              {source.name}
            </Link>
            {source.isDemo && (
              <Badge tone="accent" className="ml-2 align-middle">
                Demo
              </Badge>
            )}
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">{getSourceTypeLabel(source.type)}</p>
        </div>
        <CaptureBadge enabled={source.captureEnabled} />
      </div>

      {source.description && <p className="mt-2 text-sm text-slate-700">{source.description}</p>}

      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-500">Workspace ID</dt>
        <dd className="min-w-0 font-mono text-xs break-all text-slate-800">{source.workspaceId}</dd>

        <dt className="text-slate-500">Authorization</dt>
        <dd className="flex flex-wrap items-center gap-2">
          {auth ? (
            <>
              <MaskedKey last4={auth.last4} />
              <AuthorizationStatusBadge status={auth.status} />
            </>
          ) : (
            <span className="text-slate-600">No authorization</span>
          )}
        </dd>

        <dt className="text-slate-500">Health</dt>
        <dd className="space-y-1">
          <HealthBadge state={source.health.state} />
          {source.health.message && <p className="text-slate-600">{source.health.message}</p>}
        </dd>

        <dt className="text-slate-500">Last sync</dt>
        <dd className="flex flex-wrap items-center gap-2">
          {source.lastRun ? (
            <>
              <span>{formatDateTime(source.lastRun.finishedAt ?? source.lastRun.startedAt ?? source.lastRun.queuedAt)}</span>
              <RunStatusBadge status={source.lastRun.status} />
            </>
          ) : source.lastSyncAt ? (
            formatDateTime(source.lastSyncAt)
          ) : (
            <span className="text-slate-600">Never</span>
          )}
        </dd>
      </dl>

      <dl className="mt-4 grid grid-cols-4 gap-2 border-t border-slate-100 pt-4 sm:grid-cols-8">
        {archiveCountLabels.map(({ key, shortLabel: label }) => (
          <div key={key} className="min-w-0">
            <dt className="truncate text-xs text-slate-500">{label}</dt>
            <dd className="text-sm font-semibold text-slate-900 tabular-nums">{formatCount(source.counts[key])}</dd>
          </div>
        ))}
        <div className="min-w-0">
          <dt className="truncate text-xs text-slate-500">Open errors</dt>
          <dd className={source.counts.openCaptureErrors > 0 ? "text-sm font-semibold text-red-700 tabular-nums" : "text-sm font-semibold text-slate-900 tabular-nums"}>
            {formatCount(source.counts.openCaptureErrors)}
          </dd>
        </div>
      </dl>
    </article>
  );
}
