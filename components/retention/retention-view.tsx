"use client";
// The /retention page body: policies (list; create/edit for officers and admins), a dry run of the
// enabled policies (counts, samples, 30-day forecast), and disposition runs with live progress.
// Reviewers and auditors see everything read-only: no write control is rendered (the APIs refuse anyway).
import { useState } from "react";
import { dateBasisLabels, retentionItemTypeLabels } from "@/lib/governance/retention-schemas";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useDryRun, usePolicies, type PolicyRow } from "@/lib/hooks/use-retention-query";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { LoadError, Loading } from "@/components/shell/query-states";
import { DispositionRuns } from "./disposition-runs";
import { DryRunResultView } from "./dry-run-result";
import { formatPeriod } from "./format";
import { PolicyFormDialog, type SourceOption } from "./policy-form-dialog";

export function RetentionView({ canWrite, canRun, sources }: { canWrite: boolean; canRun: boolean; sources: SourceOption[] }) {
  const policies = usePolicies();
  const dryRun = useDryRun();
  const [editing, setEditing] = useState<PolicyRow | "new" | null>(null);
  const sourceName = (id: string | null) => (id ? (sources.find((s) => s.id === id)?.name ?? id) : "All sources");

  return (
    <div className="space-y-8">
      <section aria-labelledby="policies-heading" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="policies-heading" className="text-lg font-semibold text-slate-900">
            Policies
          </h2>
          {canWrite && <Button onClick={() => setEditing("new")}>New policy</Button>}
        </div>
        <p className="text-sm text-slate-600">The longest applicable period wins; an item no enabled policy covers is kept; items under a legal hold are never disposed of.</p>
        {policies.isPending ? (
          <Loading>Loading policies…</Loading>
        ) : policies.isError ? (
          <LoadError title="Could not load policies" error={policies.error} onRetry={() => void policies.refetch()} />
        ) : policies.data.length === 0 ? (
          <p className="text-sm text-slate-600">No retention policies: everything in the archive is kept.</p>
        ) : (
          <Table caption="Retention policies">
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>Covers</Th>
                <Th>Scope</Th>
                <Th>Keeps</Th>
                <Th>Status</Th>
                {canWrite && <Th>
                  <span className="sr-only">Actions</span>
                </Th>}
              </Tr>
            </THead>
            <TBody>
              {policies.data.map((p) => (
                <Tr key={p.id}>
                  <Td>
                    <div className="font-medium text-slate-900">{p.name}</div>
                    <div className="text-xs text-slate-500">version {p.version}</div>
                  </Td>
                  <Td className="text-sm">{p.itemTypes.map((t) => retentionItemTypeLabels[t]).join("; ")}</Td>
                  <Td className="text-sm">
                    {sourceName(p.sourceId)} · {p.custodianIds.length ? `${p.custodianIds.length} custodian${p.custodianIds.length === 1 ? "" : "s"}` : "all custodians"}
                  </Td>
                  <Td className="text-sm">
                    {formatPeriod(p.periodDays)} from the {p.dateBasis === "CAPTURED" ? "capture date" : "source date"}
                    {p.versionsKept ? ` · newest ${p.versionsKept} version${p.versionsKept === 1 ? "" : "s"} kept` : ""}
                    <span className="sr-only"> ({dateBasisLabels[p.dateBasis]})</span>
                  </Td>
                  <Td>{p.enabled ? <Badge tone="success">enabled</Badge> : <Badge>disabled</Badge>}</Td>
                  {canWrite && (
                    <Td>
                      <Button size="sm" variant="secondary" onClick={() => setEditing(p)}>
                        Edit
                      </Button>
                    </Td>
                  )}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>

      <section aria-labelledby="dry-run-heading" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="dry-run-heading" className="text-lg font-semibold text-slate-900">
            Dry run
          </h2>
          <Button variant="secondary" isLoading={dryRun.isPending} onClick={() => dryRun.mutate({ samples: 20 })}>
            Dry run enabled policies
          </Button>
        </div>
        <p className="text-sm text-slate-600">Exact counts of what a disposition run would do now, with samples and the next 30 days. Nothing is changed.</p>
        {dryRun.isError && <Alert tone="error">{getErrorMessage(dryRun.error)}</Alert>}
        {dryRun.data && <DryRunResultView result={dryRun.data} />}
      </section>

      <DispositionRuns canRun={canRun} />

      {canWrite && editing !== null && (
        <PolicyFormDialog open onClose={() => setEditing(null)} policy={editing === "new" ? null : editing} sources={sources} />
      )}
    </div>
  );
}
