"use client";
// Records capture could not keep as-is: quarantined payloads that failed validation, objects that could not
// be fetched, and files whose download expired or failed. Raw payloads are untrusted upstream content and
// are only ever rendered as text inside <pre>.
import { Loading, LoadError } from "@/components/shell/query-states";
import { useState } from "react";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useCaptureErrors, type CaptureErrorKind, type CaptureErrorRow } from "@/lib/hooks/use-sources-query";
import { formatDateTime } from "@/components/admin/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { Tabs } from "@/components/ui/tabs";
import { captureErrorKindLabels, captureErrorKinds, formatCount, getStreamLabel } from "./labels";

type KindTab = CaptureErrorKind | "ALL";

const RAW_PAYLOAD_LIMIT = 20_000;

export function CaptureErrors({ sourceId, openCount }: { sourceId: string; openCount: number }) {
  const [kind, setKind] = useState<KindTab>("ALL");
  const [unresolved, setUnresolved] = useState(true);
  const [viewing, setViewing] = useState<CaptureErrorRow | null>(null);

  const tabs = [
    { id: "ALL", label: "All" },
    ...captureErrorKinds.map((k) => ({ id: k, label: captureErrorKindLabels[k] })),
  ].map((t) => ({
    ...t,
    content: <CaptureErrorsTable sourceId={sourceId} kind={t.id === "ALL" ? undefined : (t.id as CaptureErrorKind)} unresolved={unresolved} onView={setViewing} />,
  }));

  return (
    <section aria-labelledby="capture-errors-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="capture-errors-title" className="flex items-center gap-2 text-lg font-semibold text-slate-900">
          Capture errors
          <Badge tone={openCount > 0 ? "danger" : "neutral"}>{formatCount(openCount)} open</Badge>
        </h2>
        <Checkbox label="Unresolved only" checked={unresolved} onChange={(e) => setUnresolved(e.target.checked)} />
      </div>
      <p className="text-sm text-slate-600">
        Nothing is dropped silently: a record that fails validation is quarantined here with its raw payload, and objects or files
        that could not be fetched are listed with the reason.
      </p>
      <Tabs label="Capture error kind" items={tabs} value={kind} onValueChange={(id) => setKind(id as KindTab)} />
      <RawPayloadDialog error={viewing} onClose={() => setViewing(null)} />
    </section>
  );
}

function CaptureErrorsTable({
  sourceId,
  kind,
  unresolved,
  onView,
}: {
  sourceId: string;
  kind: CaptureErrorKind | undefined;
  unresolved: boolean;
  onView: (row: CaptureErrorRow) => void;
}) {
  const errors = useCaptureErrors(sourceId, { kind, unresolved });
  const rows = errors.data?.pages.flatMap((p) => p.errors) ?? [];
  const what = kind ? captureErrorKindLabels[kind].toLowerCase() : "capture";

  if (errors.isPending) {
    return (
      <Loading>Loading capture errors…</Loading>
    );
  }
  if (errors.isError && rows.length === 0) {
    return (
      <LoadError title="Could not load capture errors" error={errors.error} onRetry={() => void errors.refetch()} />
    );
  }

  return (
    <div className="space-y-3">
      <Table caption={`${kind ? captureErrorKindLabels[kind] : "All"} capture errors, newest first`}>
        <THead>
          <tr>
            <Th>Time</Th>
            {!kind && <Th>Kind</Th>}
            <Th>Stream</Th>
            <Th>Object</Th>
            <Th>Message</Th>
            <Th>Status</Th>
            <Th>
              <span className="sr-only">Raw payload</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {rows.length === 0 ? (
            <tr>
              <Td colSpan={kind ? 6 : 7} className="py-8 text-center text-slate-500">
                {unresolved ? `No unresolved ${what} errors.` : `No ${what} errors.`}
              </Td>
            </tr>
          ) : (
            rows.map((row) => (
              <Tr key={row.id}>
                <Td className="whitespace-nowrap">{formatDateTime(row.createdAt, true)}</Td>
                {!kind && <Td className="whitespace-nowrap">{captureErrorKindLabels[row.kind] ?? row.kind}</Td>}
                <Td className="whitespace-nowrap">{getStreamLabel(row.stream)}</Td>
                <Td>
                  {row.objectType || row.objectId ? (
                    <>
                      {row.objectType && <span className="block text-xs text-slate-500">{row.objectType}</span>}
                      {row.objectId && <span className="font-mono text-xs break-all">{row.objectId}</span>}
                    </>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td className="max-w-md break-words">{row.message}</Td>
                <Td className="whitespace-nowrap">
                  {row.resolvedAt ? <Badge tone="success">Resolved {formatDateTime(row.resolvedAt)}</Badge> : <Badge tone="warning">Open</Badge>}
                </Td>
                <Td className="text-right whitespace-nowrap">
                  {row.rawPayload !== null && (
                    <Button variant="ghost" size="sm" onClick={() => onView(row)}>
                      View raw payload
                      <span className="sr-only"> for {[row.objectType, row.objectId].filter(Boolean).join(" ") || "this error"}</span>
                    </Button>
                  )}
                </Td>
              </Tr>
            ))
          )}
        </TBody>
      </Table>
      <div className="flex flex-col items-center gap-2">
        {rows.length > 0 && (
          <p role="status" className="text-xs text-slate-500">
            Showing {formatCount(rows.length)} error{rows.length === 1 ? "" : "s"}
            {errors.hasNextPage ? "" : " (all)"}
          </p>
        )}
        {errors.isFetchNextPageError && <Alert tone="error">{getErrorMessage(errors.error)}</Alert>}
        {errors.hasNextPage && (
          <Button variant="secondary" onClick={() => void errors.fetchNextPage()} isLoading={errors.isFetchingNextPage}>
            Load more
          </Button>
        )}
      </div>
    </div>
  );
}

/** Pretty-prints JSON when the payload parses; otherwise shows it exactly as received. */
function formatPayload(raw: string): { text: string; isJson: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(raw), null, 2), isJson: true };
  } catch {
    return { text: raw, isJson: false };
  }
}

function RawPayloadDialog({ error, onClose }: { error: CaptureErrorRow | null; onClose: () => void }) {
  const payload = error?.rawPayload ?? null;
  const formatted = payload !== null ? formatPayload(payload) : null;
  const mayBeTruncated = payload !== null && payload.length >= RAW_PAYLOAD_LIMIT;
  const [copied, setCopied] = useState(false);

  async function onCopy() {
    if (payload === null) return;
    try {
      await navigator.clipboard.writeText(payload);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <Dialog
      open={error !== null}
      onClose={() => {
        setCopied(false);
        onClose();
      }}
      size="lg"
      title="Raw payload"
      description={error ? [error.objectType, error.objectId].filter(Boolean).join(" ") || error.message : undefined}
    >
      {error && formatted && (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">{error.message}</p>
          {!formatted.isJson && (
            <Alert tone="warning">{mayBeTruncated ? "Shown as received; the server cut it to its first 20,000 characters." : "Not valid JSON: shown exactly as received."}</Alert>
          )}
          {formatted.isJson && mayBeTruncated && <Alert tone="info">The server may have cut this payload to its first 20,000 characters.</Alert>}
          {/* Plain text only: upstream content is untrusted and must never be interpreted as HTML. */}
          <pre className="max-h-[60vh] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap break-all text-slate-100" tabIndex={0}>
            {formatted.text}
          </pre>
          <DialogFooter>
            <Button variant="secondary" onClick={() => void onCopy()}>
              {copied ? "Copied" : "Copy raw payload"}
            </Button>
          </DialogFooter>
        </div>
      )}
    </Dialog>
  );
}
