// Counts of a hold's scope (a preview or what it holds): per unit type and per custodian, as bar charts.
import type { ScopeCounts } from "@/lib/governance/hold-scope";
import { CountBars } from "./count-bars";
import { UNIT_LABELS, UNIT_ORDER, countLabel } from "./hold-labels";

export function ScopeCountsView({ counts }: { counts: ScopeCounts }) {
  const types = UNIT_ORDER.filter((t) => t !== "PROJECT" || counts.byType.PROJECT > 0).map((t) => ({
    key: t,
    label: UNIT_LABELS[t].many[0].toUpperCase() + UNIT_LABELS[t].many.slice(1),
    value: counts.byType[t],
  }));
  const custodians = counts.byCustodian.map((c) => ({
    key: c.userId ?? "none",
    label: c.userId ? (c.name ?? c.email ?? c.userId) : "(no custodian)",
    value: c.total,
    detail: [c.email, ...UNIT_ORDER.filter((t) => c.byType[t]).map((t) => countLabel(c.byType[t], t))].filter(Boolean).join(" · "),
  }));
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <CountBars title={`By type · ${counts.total.toLocaleString("en-US")} in all`} bars={types} />
      <CountBars
        title={`By custodian · ${counts.custodianCount.toLocaleString("en-US")}`}
        bars={custodians}
        footer={
          counts.custodianCount > custodians.length ? (
            <p className="text-xs text-slate-500">The {custodians.length} custodians with the most items are shown.</p>
          ) : null
        }
      />
    </div>
  );
}
