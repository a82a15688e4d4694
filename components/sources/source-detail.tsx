"use client";
// One source: identity and health, the Capture Enabled switch, its authorization, Sync now with live
// progress, the sync history and capture errors. Admins manage; auditors see the same page without any
// write control (the API enforces the same rule).
import Link from "next/link";
import { can, type Role } from "@/lib/auth/permissions";
import { getErrorMessage, isApiError } from "@/lib/hooks/fetch-json";
import { useSource, type SourceSummary } from "@/lib/hooks/use-sources-query";
import { PageHeader } from "@/components/shell/page-header";
import { formatDateTime } from "@/components/admin/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { AuthorizationPanel } from "./authorization-panel";
import { CaptureErrors } from "./capture-errors";
import { CaptureSwitch } from "./capture-switch";
import { archiveCountLabels, formatCount, getSourceTypeLabel } from "./labels";
import { CaptureBadge, HealthBadge } from "./status-badges";
import { SyncHistory } from "./sync-history";
import { SyncPanel } from "./sync-panel";

export function SourceDetail({ sourceId, viewerRole }: { sourceId: string; viewerRole: Role }) {
  const source = useSource(sourceId);
  const canWrite = can(viewerRole, "source:write");
  const canSync = can(viewerRole, "source:sync");

  return (
    <>
      <Link href="/admin/sources" className="mb-2 inline-block text-sm text-slate-600 hover:text-slate-900 hover:underline">
        ← Sources
      </Link>
      {source.isPending ? (
        <>
          <PageHeader title="Source" />
          <p role="status" className="flex items-center gap-2 py-8 text-sm text-slate-600">
            <Spinner /> Loading source…
          </p>
        </>
      ) : source.isError ? (
        <>
          <PageHeader title={isApiError(source.error) && source.error.status === 404 ? "Source not found" : "Source"} />
          <Alert tone="error" title={isApiError(source.error) && source.error.status === 404 ? "This source does not exist or was removed." : "Could not load the source"}>
            <span className="font-normal">{getErrorMessage(source.error)}</span>{" "}
            <Button variant="ghost" size="sm" onClick={() => void source.refetch()}>
              Retry
            </Button>
          </Alert>
        </>
      ) : (
        <SourceView source={source.data} canWrite={canWrite} canSync={canSync} />
      )}
    </>
  );
}

function SourceView({ source, canWrite, canSync }: { source: SourceSummary; canWrite: boolean; canSync: boolean }) {
  return (
    <div className="space-y-8">
      <div>
        <PageHeader
          title={
            <>
              {source.name}
              {source.isDemo && (
                <Badge tone="accent" className="ml-2 align-middle">
                  Demo
                </Badge>
              )}
            </>
          }
          description={source.description ?? undefined}
          actions={canWrite ? <CaptureSwitch source={source} /> : <CaptureBadge enabled={source.captureEnabled} />}
        />
        <section aria-label="Source details" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
            <div>
              <dt className="text-slate-500">Source type</dt>
              <dd className="font-medium text-slate-900">{getSourceTypeLabel(source.type)}</dd>
            </div>
            <div className="min-w-0">
              <dt className="text-slate-500">Workspace ID</dt>
              <dd className="font-mono text-xs break-all text-slate-900">{source.workspaceId}</dd>
            </div>
            <div className="min-w-0">
              <dt className="text-slate-500">API base URL</dt>
              <dd className="font-mono text-xs break-all text-slate-900">{source.apiBaseUrl}</dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="text-slate-500">Health</dt>
              <dd className="mt-0.5 flex flex-wrap items-center gap-2">
                <HealthBadge state={source.health.state} />
                <span className="text-slate-700">{source.health.message}</span>
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Created</dt>
              <dd className="text-slate-900">{formatDateTime(source.createdAt)}</dd>
            </div>
          </dl>
          <ArchiveCounts counts={source.counts} />
        </section>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <AuthorizationPanel source={source} canWrite={canWrite} />
        <SyncPanel source={source} canSync={canSync} />
      </div>

      <SyncHistory sourceId={source.id} />
      <CaptureErrors sourceId={source.id} openCount={source.counts.openCaptureErrors} />
    </div>
  );
}

function ArchiveCounts({ counts }: { counts: SourceSummary["counts"] }) {
  return (
    <div className="mt-5 border-t border-slate-100 pt-4">
      <h2 className="sr-only">Archived from this source</h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {archiveCountLabels.map(({ key, label }) => (
          <div key={key}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold text-slate-900 tabular-nums">{formatCount(counts[key])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
