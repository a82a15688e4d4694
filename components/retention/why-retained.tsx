"use client";
// "Why is this retained": for one archive item, the policies that apply (period, date basis, the date each
// counts from and would dispose on, which one governs), the legal holds covering it, and the computed
// disposal date — or "kept: no policy", "held", or its tombstone once disposed.
// Usage on an item page: <WhyRetained itemType="CONVERSATION" itemId={id} />
import { useWhyRetained } from "@/lib/hooks/use-retention-query";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LoadError, Loading } from "@/components/shell/query-states";
import { formatDate, formatPeriod } from "./format";

type Status = NonNullable<ReturnType<typeof useWhyRetained>["data"]>["status"];

const statusBadge: Record<Status, { tone: BadgeTone; label: string }> = {
  held: { tone: "warning", label: "Held" },
  kept_no_policy: { tone: "neutral", label: "Kept: no policy" },
  kept_current_version: { tone: "neutral", label: "Kept: current version" },
  scheduled: { tone: "accent", label: "Scheduled for disposal" },
  due: { tone: "danger", label: "Due for disposal" },
  disposed: { tone: "neutral", label: "Disposed" },
  not_found: { tone: "neutral", label: "Not found" },
};

export function WhyRetained({ itemType, itemId }: { itemType: "CONVERSATION" | "MESSAGE" | "GPT" | "GPT_CONFIG" | "MEMORY" | "FILE"; itemId: string }) {
  const why = useWhyRetained(itemType, itemId);
  if (why.isPending) return <Loading>Checking retention…</Loading>;
  if (why.isError) return <LoadError title="Could not check retention" error={why.error} onRetry={() => void why.refetch()} />;
  const w = why.data;
  const badge = statusBadge[w.status];
  const showUnits = w.units.length > 1;
  return (
    <section aria-label="Why is this retained" className="space-y-2 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center gap-2">
        <h3 className="font-semibold text-slate-900">Why is this retained</h3>
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </div>
      <p className="text-slate-700">{w.summary}</p>
      {w.holds.length > 0 && (
        <div>
          <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Legal holds</h4>
          <ul className="list-disc pl-5">
            {w.holds.map((h) => (
              <li key={`${h.id}:${h.via.itemType}:${h.via.itemId}`}>
                {h.name}
                {h.matter ? ` (${h.matter})` : ""}
                {h.via.itemId !== itemId && <span className="text-xs text-slate-500"> — via {h.via.itemType.toLowerCase().replace("_", " ")} {h.via.itemId}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {w.units.map((u) => (
        <div key={u.itemId}>
          {showUnits && (
            <h4 className="text-xs font-medium text-slate-600">
              {u.label ?? u.itemId} · {statusBadge[u.status].label.toLowerCase()}
              {u.disposalDate ? ` · ${formatDate(u.disposalDate)}` : ""}
            </h4>
          )}
          {u.policies.length === 0 ? (
            !showUnits && <p className="text-slate-600">No enabled policy applies.</p>
          ) : (
            <ul className="space-y-1">
              {u.policies.map((p) => (
                <li key={p.policyId} className={p.governing ? "font-medium text-slate-900" : "text-slate-700"}>
                  {p.name} v{p.version}: {formatPeriod(p.periodDays)} from the {p.dateBasis === "CAPTURED" ? "capture date" : "source date"}
                  {p.keptAsVersion ? " — kept as a current/newest version" : ` (${formatDate(p.basisDate)}) → ${formatDate(p.disposalDate)}`}
                  {p.governing && <Badge className="ml-2">longest, governs</Badge>}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {w.tombstone && (
        <p className="text-xs text-slate-600">
          Tombstone: run {w.tombstone.runId}, {formatDate(w.tombstone.disposedAt)}, policy {w.tombstone.policyId} v{w.tombstone.policyVersion}, SHA-256 <code className="break-all">{w.tombstone.sha256}</code>
        </p>
      )}
    </section>
  );
}
