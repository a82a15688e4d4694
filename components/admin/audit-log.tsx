"use client";
// The audit log for admins and auditors: newest first, filtered by action prefix and actor, paged with
// "Load more" (keyset cursor), plus hash-chain verification.
import { Loading, LoadError, LoadMore } from "@/components/shell/query-states";
import { useState, type FormEvent } from "react";
import { can, isRole, roleLabels, type Role } from "@/lib/auth/permissions";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useAuditEvents, useVerifyAuditChain, type AuditEventRow, type AuditFilters, type AuditOutcome } from "@/lib/hooks/use-audit-query";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatDateTime } from "./format";

const outcomeTones: Record<AuditOutcome, BadgeTone> = { success: "success", failure: "danger", denied: "warning" };
const outcomeLabels: Record<AuditOutcome, string> = { success: "Success", failure: "Failure", denied: "Denied" };

export function AuditLog({ viewerRole }: { viewerRole: Role }) {
  const [draft, setDraft] = useState<AuditFilters>({ action: "", actor: "" });
  const [filters, setFilters] = useState<AuditFilters>({});
  const events = useAuditEvents(filters);
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  const hasFilters = Boolean(filters.action || filters.actor);

  function onApply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFilters({ action: draft.action?.trim() || undefined, actor: draft.actor?.trim() || undefined });
  }

  function onClear() {
    setDraft({ action: "", actor: "" });
    setFilters({});
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        <form onSubmit={onApply} role="search" aria-label="Filter audit events" className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <Input
            label="Action starts with"
            placeholder="e.g. user. or auth.login"
            value={draft.action ?? ""}
            onChange={(e) => setDraft((d) => ({ ...d, action: e.target.value }))}
            className="sm:w-56"
          />
          <Input
            label="Actor email contains"
            placeholder="e.g. alice@"
            value={draft.actor ?? ""}
            onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value }))}
            className="sm:w-56"
          />
          <div className="flex gap-2">
            <Button type="submit" variant="secondary">
              Apply filters
            </Button>
            {hasFilters && (
              <Button variant="ghost" onClick={onClear}>
                Clear
              </Button>
            )}
          </div>
        </form>
        {can(viewerRole, "audit:verify") && <VerifyChain />}
      </div>

      {events.isPending ? (
        <Loading>Loading audit events…</Loading>
      ) : events.isError && rows.length === 0 ? (
        <LoadError title="Could not load the audit log" error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <>
          <Table caption="Audit events, newest first">
            <THead>
              <tr>
                <Th>Time</Th>
                <Th>Actor</Th>
                <Th>Role</Th>
                <Th>Action</Th>
                <Th>Target</Th>
                <Th>Outcome</Th>
                <Th>IP</Th>
                <Th>
                  <span className="sr-only">Details</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {rows.length === 0 ? (
                <tr>
                  <Td colSpan={8} className="py-8 text-center text-slate-500">
                    {hasFilters ? "No events match these filters." : "No audit events yet."}
                  </Td>
                </tr>
              ) : (
                rows.map((event) => <AuditRow key={event.id} event={event} />)
              )}
            </TBody>
          </Table>
          <LoadMore query={events} summary={rows.length > 0 && `Showing ${rows.length} event${rows.length === 1 ? "" : "s"}${events.hasNextPage ? "" : " (end of log)"}`} />
        </>
      )}
    </div>
  );
}

function AuditRow({ event }: { event: AuditEventRow }) {
  const target = event.targetType ? `${event.targetType}${event.targetId ? `:${event.targetId}` : ""}` : "—";
  const hasDetails = event.details !== null && Object.keys(event.details).length > 0;
  return (
    <Tr>
      <Td className="whitespace-nowrap">
        <time dateTime={event.at} title={`#${event.seq} · ${event.at}`}>
          {formatDateTime(event.at, true)}
        </time>
      </Td>
      <Td className="break-all">{event.actorEmail ?? <span className="text-slate-500">system</span>}</Td>
      <Td className="whitespace-nowrap">{event.actorRole ? (isRole(event.actorRole) ? roleLabels[event.actorRole] : event.actorRole) : "—"}</Td>
      <Td className="font-mono text-xs whitespace-nowrap">{event.action}</Td>
      <Td className="max-w-56 truncate font-mono text-xs" title={target}>
        {target}
      </Td>
      <Td>
        <Badge tone={outcomeTones[event.outcome] ?? "neutral"}>{outcomeLabels[event.outcome] ?? event.outcome}</Badge>
      </Td>
      <Td className="font-mono text-xs whitespace-nowrap">{event.ip ?? "—"}</Td>
      <Td>
        {hasDetails && (
          <details className="group">
            <summary className="cursor-pointer text-xs font-medium text-accent-700 hover:underline">
              Details<span className="sr-only"> of event #{event.seq}</span>
            </summary>
            <pre className="mt-2 max-w-md overflow-x-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap text-slate-700 ring-1 ring-slate-200">
              {JSON.stringify(event.details, null, 2)}
            </pre>
          </details>
        )}
      </Td>
    </Tr>
  );
}

function VerifyChain() {
  const verify = useVerifyAuditChain();
  const result = verify.data;
  return (
    <div className="flex flex-col items-start gap-2 lg:items-end">
      <Button variant="secondary" onClick={() => verify.mutate()} isLoading={verify.isPending}>
        Verify chain
      </Button>
      <div role="status" aria-live="polite" className="text-sm">
        {verify.isError ? (
          <span className="font-medium text-red-700">Verification failed: {getErrorMessage(verify.error)}</span>
        ) : result?.ok ? (
          <span className="font-medium text-emerald-700">
            Chain intact: {result.checked} event{result.checked === 1 ? "" : "s"} checked
          </span>
        ) : result?.firstBroken ? (
          <span className="font-medium text-red-700">
            Broken at event #{result.firstBroken.seq}: {result.firstBroken.reason}
          </span>
        ) : result ? (
          <span className="font-medium text-red-700">Chain broken ({result.checked} events checked)</span>
        ) : null}
      </div>
    </div>
  );
}
