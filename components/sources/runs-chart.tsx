// A small inline SVG bar chart: objects each finished run stored as new or changed, oldest to newest.
// No chart library: a handful of rects with native tooltips, and a text summary for screen readers.
import type { RunSummary } from "@/lib/hooks/use-sources-query";
import { formatDateTime } from "@/components/admin/format";
import { formatCount, getCapturedCount, runStatusLabels } from "./labels";

const WIDTH = 600;
const HEIGHT = 80;
const GAP = 4;

// Tailwind fill classes (not CSS variables): only classes found in source are guaranteed to be emitted.
const barClasses: Record<string, string> = {
  SUCCEEDED: "fill-accent-500",
  PARTIAL: "fill-amber-500",
  FAILED: "fill-red-500",
  CANCELLED: "fill-slate-400",
};

export function RunsChart({ runs }: { runs: readonly RunSummary[] }) {
  const finished = runs.filter((r) => r.finishedAt !== null).slice().reverse();
  if (finished.length < 2) return null;

  const values = finished.map((r) => getCapturedCount(r.streams));
  const max = Math.max(1, ...values);
  const barWidth = (WIDTH - GAP * (finished.length - 1)) / finished.length;
  const latest = values[values.length - 1];
  const summary = `Objects captured as new or changed in the last ${finished.length} finished runs: most ${formatCount(max)}, latest ${formatCount(latest)}.`;

  return (
    <figure className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <figcaption className="mb-2 flex items-baseline justify-between text-xs text-slate-600">
        <span className="font-medium text-slate-800">New or changed objects per run</span>
        <span>max {formatCount(max)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" className="h-20 w-full" role="img" aria-label={summary}>
        <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-slate-200" />
        {finished.map((run, i) => {
          const value = values[i];
          // Keep a visible sliver for runs that captured nothing, so every run has a bar to hover.
          const h = Math.max(2, (value / max) * (HEIGHT - 4));
          return (
            <rect
              key={run.id}
              x={i * (barWidth + GAP)}
              y={HEIGHT - h}
              width={barWidth}
              height={h}
              rx={2}
              className={barClasses[run.status] ?? "fill-slate-400"}
            >
              <title>{`${formatDateTime(run.startedAt ?? run.queuedAt)} · ${runStatusLabels[run.status] ?? run.status} · ${formatCount(value)} new or changed`}</title>
            </rect>
          );
        })}
      </svg>
      <div className="mt-1 flex justify-between text-xs text-slate-500" aria-hidden="true">
        <span>{formatDateTime(finished[0].startedAt ?? finished[0].queuedAt)}</span>
        <span>{formatDateTime(finished[finished.length - 1].startedAt ?? finished[finished.length - 1].queuedAt)}</span>
      </div>
    </figure>
  );
}
