"use client";
// One hold: what it is, its state and actions (edit, preview, activate, release — write roles only), what it
// holds (counts per type and custodian, the items), its explicit items and its scope history.
import { ExportButton } from "@/components/exports/export-button";
import { useState, type ReactNode } from "react";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useActivateHold, useHold, type HoldDetail } from "@/lib/hooks/use-holds-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { PageHeader } from "@/components/shell/page-header";
import { LoadError } from "@/components/shell/query-states";
import { HoldForm } from "./hold-form";
import { HoldPreviewPanel } from "./hold-preview-panel";
import { HoldStatusBadge } from "./hold-status-badge";
import { HeldItemsList } from "./held-items-list";
import { ReleaseHoldDialog } from "./release-dialog";
import { ScopeCountsView } from "./scope-counts";
import { ScopeHistory } from "./scope-history";
import { describeScope, formatDateTime } from "./hold-labels";

export function HoldDetailView({ id, initial, canWrite, canExport }: { id: string; initial: HoldDetail; canWrite: boolean; canExport: boolean }) {
  const query = useHold(id, initial);
  const [editing, setEditing] = useState(false);
  const [releasing, setReleasing] = useState(false);
  const [confirmActivate, setConfirmActivate] = useState(false);
  const detail = query.data ?? initial;
  const { hold } = detail;
  const writable = canWrite && hold.status !== "RELEASED";

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {hold.name} <HoldStatusBadge status={hold.status} />
          </span>
        }
        description={hold.matter ? `Matter: ${hold.matter}` : undefined}
        actions={
          (writable || canExport) && !editing ? (
            <div className="flex gap-2">
              {canExport && hold.status !== "DRAFT" && <ExportButton kind="HOLD" params={{ holdId: hold.id }} label="Export held items" defaultName={`Hold: ${hold.name}`} />}
              {writable && (
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  Edit
                </Button>
              )}
              {writable && hold.status === "DRAFT" && <Button onClick={() => setConfirmActivate(true)}>Activate</Button>}
              {writable && hold.status === "ACTIVE" && (
                <Button variant="danger" onClick={() => setReleasing(true)}>
                  Release
                </Button>
              )}
            </div>
          ) : null
        }
      />
      {query.isError && <LoadError title="The hold could not be refreshed" error={query.error} onRetry={() => void query.refetch()} />}
      <div className="space-y-8">
        {editing ? (
          <HoldForm hold={detail} onDone={() => setEditing(false)} />
        ) : (
          <>
            <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
              <Fact label="Scope">
                {describeScope(hold.scope)}
                {hold.explicitCount > 0 ? ` · ${hold.explicitCount.toLocaleString("en-US")} explicit item(s)` : ""} (version {hold.scopeVersion})
              </Fact>
              {detail.custodians.length > 0 && <Fact label="Custodians">{detail.custodians.map((c) => c.name ?? c.email).join(", ")}</Fact>}
              {hold.description && <Fact label="Description">{hold.description}</Fact>}
              <Fact label="Created">
                {formatDateTime(hold.createdAt)} by {hold.createdBy?.name || hold.createdBy?.email || "unknown"}
              </Fact>
              {hold.activatedAt && (
                <Fact label="Activated">
                  {formatDateTime(hold.activatedAt)} by {hold.activatedBy?.name || hold.activatedBy?.email || "unknown"}
                </Fact>
              )}
              {hold.releasedAt && (
                <Fact label="Released">
                  {formatDateTime(hold.releasedAt)} by {hold.releasedBy?.name || hold.releasedBy?.email || "unknown"} — “{hold.releaseReason}”
                </Fact>
              )}
            </dl>
            {hold.status === "ACTIVE" && (
              <Alert tone="info">Standing hold: items captured later that match the scope are held automatically, at capture and every 15 minutes.</Alert>
            )}
            {hold.status === "RELEASED" && <Alert tone="success">Released: the items below were held and are no longer preserved by this hold.</Alert>}
          </>
        )}
        {hold.status !== "RELEASED" && <HoldPreviewPanel hold={hold} />}
        {hold.status !== "DRAFT" && (
          <section aria-label="Held items" className="space-y-4">
            <h2 className="text-base font-semibold text-slate-900">{hold.status === "ACTIVE" ? "What it holds" : "What it held"}</h2>
            <ScopeCountsView counts={detail.counts} />
          </section>
        )}
        {hold.status !== "DRAFT" && <HeldItemsList holdId={hold.id} canRemove={writable} title="Items" />}
        <HeldItemsList holdId={hold.id} canRemove={writable} heldBy="EXPLICIT" title="Explicit items" />
        {writable && (
          <p className="text-sm text-slate-600">Add explicit items from search results (select, then “Add to hold”) or from an item’s page.</p>
        )}
        <ScopeHistory versions={detail.versions} />
      </div>
      {canWrite && hold.status === "ACTIVE" && <ReleaseHoldDialog hold={hold} open={releasing} onClose={() => setReleasing(false)} />}
      {canWrite && hold.status === "DRAFT" && <ActivateDialog id={hold.id} name={hold.name} open={confirmActivate} onClose={() => setConfirmActivate(false)} />}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function ActivateDialog({ id, name, open, onClose }: { id: string; name: string; open: boolean; onClose: () => void }) {
  const activate = useActivateHold(id);
  const { toast } = useToast();
  const close = () => {
    activate.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title={`Activate “${name}”`} description="Everything the scope selects is preserved from now on, and so is every matching item captured later." dismissible={!activate.isPending}>
      <div className="space-y-4">
        <p className="text-sm text-slate-700">Held items cannot be disposed of by retention until the hold is released (with a reason).</p>
        {activate.isError && <Alert tone="error">{getErrorMessage(activate.error)}</Alert>}
        <DialogFooter>
          <Button variant="secondary" onClick={close} disabled={activate.isPending}>
            Cancel
          </Button>
          <Button
            data-autofocus=""
            isLoading={activate.isPending}
            onClick={() =>
              activate.mutate(undefined, {
                onSuccess: ({ counts }) => {
                  toast({ tone: "success", title: "Hold activated", description: `${counts.total.toLocaleString("en-US")} item(s) are held.` });
                  close();
                },
              })
            }
          >
            Activate hold
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
