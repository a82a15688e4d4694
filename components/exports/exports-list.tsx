"use client";
// The exports table: name and source, status with a live progress bar while building (the list polls
// while anything is queued or running), item count, size, the ZIP's SHA-256 (copyable, to check a
// download with `npm run export:verify -- <zip> --sha256 <hash>`), expiry, Download and Discard.
import { useState } from "react";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { exportDownloadHref, useDiscardExport, useExports, type ExportView } from "@/lib/hooks/use-exports-query";
import { isExportActive } from "@/lib/exports/schemas";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { EmptyState } from "@/components/shell/empty-state";
import { LoadError, Loading } from "@/components/shell/query-states";
import { ExportProgress } from "./export-progress";
import { describeSource, formatCount, formatDateTime, kindLabels, statusOf } from "./format";
import { formatBytes } from "@/components/ui/format";

export function ExportsList({ viewerId, canCreate, showCreator }: { viewerId: string; canCreate: boolean; showCreator: boolean }) {
  const query = useExports();
  const [discarding, setDiscarding] = useState<ExportView | null>(null);

  if (query.isPending) return <Loading>Loading exports…</Loading>;
  if (query.isError) return <LoadError title="Exports could not be loaded" error={query.error} onRetry={() => void query.refetch()} />;
  const exports = query.data;
  if (!exports.length) {
    return (
      <EmptyState title="No exports yet">
        {canCreate
          ? "Start one with New export, or from a search, a legal hold or a selection. It appears here with its progress, and can be downloaded once it is ready."
          : "Exports you are given access to appear here."}
      </EmptyState>
    );
  }
  return (
    <>
      <Table caption="Exports">
        <THead>
          <Tr>
            <Th>Export</Th>
            <Th>Status</Th>
            <Th className="text-right">Items</Th>
            <Th className="text-right">Size</Th>
            <Th>SHA-256</Th>
            <Th>Expires</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {exports.map((e) => (
            <ExportRow key={e.id} exportJob={e} showCreator={showCreator || e.createdBy.id !== viewerId} canDiscard={canCreate} onDiscard={() => setDiscarding(e)} />
          ))}
        </TBody>
      </Table>
      <DiscardDialog exportJob={discarding} onClose={() => setDiscarding(null)} />
    </>
  );
}

function ExportRow({ exportJob: e, showCreator, canDiscard, onDiscard }: { exportJob: ExportView; showCreator: boolean; canDiscard: boolean; onDiscard: () => void }) {
  const status = statusOf(e);
  const active = isExportActive(e.status);
  const counts = e.progress?.counts;
  return (
    <Tr>
      <Td className="max-w-xs align-top">
        <p className="font-medium break-words text-slate-900">{e.name}</p>
        <p className="text-xs text-slate-600">
          {kindLabels[e.kind]} · <span className={e.kind === "SEARCH" ? "font-mono break-all" : undefined}>{describeSource(e)}</span>
        </p>
        <p className="text-xs text-slate-500">
          {formatDateTime(e.createdAt)}
          {showCreator && ` · ${e.createdBy.name} (${e.createdBy.email})`}
        </p>
      </Td>
      <Td className="align-top">
        <Badge tone={status.tone}>{status.label}</Badge>
        {active && (
          <div className="mt-2">
            <ExportProgress exportJob={e} />
          </div>
        )}
        {e.status === "FAILED" && e.error && <p className="mt-1 max-w-xs text-xs break-words text-red-700">{e.error}</p>}
        {counts && counts.filesMissing > 0 && (
          <p className="mt-1 text-xs text-amber-800">
            {formatCount(counts.filesMissing)} file{counts.filesMissing === 1 ? "" : "s"} could not be included (listed in the manifest)
          </p>
        )}
      </Td>
      <Td className="text-right align-top tabular-nums">
        {e.itemCount != null ? formatCount(e.itemCount) : "—"}
        {counts && (
          <p className="text-xs whitespace-nowrap text-slate-500">
            {formatCount(counts.conversations)} conv. · {formatCount(counts.files)} files
          </p>
        )}
      </Td>
      <Td className="text-right align-top whitespace-nowrap tabular-nums">{formatBytes(e.sizeBytes)}</Td>
      <Td className="align-top">
        {e.sha256 ? (
          <code className="block max-w-[12rem] font-mono text-xs break-all text-slate-700" title="SHA-256 of the ZIP file">
            {e.sha256}
          </code>
        ) : (
          "—"
        )}
      </Td>
      <Td className="align-top text-sm whitespace-nowrap">{e.status === "SUCCEEDED" ? formatDateTime(e.expiresAt) : "—"}</Td>
      <Td className="align-top">
        <div className="flex justify-end gap-2">
          {e.isDownloadable && (
            <a href={exportDownloadHref(e.id)} className={buttonClasses("primary", "sm")} download>
              Download<span className="sr-only"> {e.name}</span>
            </a>
          )}
          {canDiscard && (active || e.isDownloadable) && (
            <Button variant="ghost" size="sm" onClick={onDiscard}>
              {active ? "Cancel" : "Discard"}
              <span className="sr-only"> {e.name}</span>
            </Button>
          )}
        </div>
      </Td>
    </Tr>
  );
}

function DiscardDialog({ exportJob, onClose }: { exportJob: ExportView | null; onClose: () => void }) {
  const discard = useDiscardExport();
  const { toast } = useToast();
  const active = exportJob ? isExportActive(exportJob.status) : false;
  const close = () => {
    discard.reset();
    onClose();
  };
  return (
    <Dialog open={exportJob !== null} onClose={close} title={active ? "Cancel this export?" : "Discard this export?"} size="sm" dismissible={!discard.isPending}>
      {exportJob && (
        <div className="space-y-4 text-sm text-slate-700">
          <p>
            {active ? "The build stops and nothing can be downloaded." : "Its ZIP is deleted now instead of at expiry."} The record of “{exportJob.name}” (and its SHA-256) is kept and the action is
            audited.
          </p>
          {discard.isError && <Alert tone="error">{getErrorMessage(discard.error)}</Alert>}
          <DialogFooter>
            <Button variant="secondary" onClick={close} disabled={discard.isPending}>
              Keep it
            </Button>
            <Button
              variant="danger"
              isLoading={discard.isPending}
              onClick={() =>
                discard.mutate(exportJob.id, {
                  onSuccess: () => {
                    toast({ tone: "success", title: active ? "Export cancelled" : "Export discarded" });
                    close();
                  },
                })
              }
            >
              {active ? "Cancel export" : "Discard"}
            </Button>
          </DialogFooter>
        </div>
      )}
    </Dialog>
  );
}
