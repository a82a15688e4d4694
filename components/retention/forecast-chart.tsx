// The 30-day forecast as a small inline SVG bar chart (no chart library): units becoming disposable per
// day, stacked by type, with native tooltips and a text summary for screen readers.
import type { ForecastDay } from "@/lib/governance/retention-types";
import { formatCount, formatDate } from "./format";

const WIDTH = 600;
const HEIGHT = 100;
const GAP = 3;
const SERIES = [
  { key: "conversations", label: "Conversations", className: "fill-accent-500" },
  { key: "gptConfigs", label: "GPT configurations", className: "fill-amber-500" },
  { key: "memoryVersions", label: "Memory versions", className: "fill-emerald-500" },
  { key: "files", label: "Files", className: "fill-slate-500" },
] as const;

export function ForecastChart({ days }: { days: readonly ForecastDay[] }) {
  const totals = days.map((d) => SERIES.reduce((n, s) => n + d[s.key], 0));
  const max = Math.max(1, ...totals);
  const sum = totals.reduce((a, b) => a + b, 0);
  const barWidth = (WIDTH - GAP * (days.length - 1)) / Math.max(1, days.length);
  const summary = `Over the next ${days.length} days, ${formatCount(sum)} more items become disposable (most in one day: ${formatCount(Math.max(0, ...totals))}).`;
  return (
    <figure className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <figcaption className="mb-2 flex items-baseline justify-between text-xs text-slate-600">
        <span className="font-medium text-slate-800">Becoming disposable, next {days.length} days</span>
        <span>{formatCount(sum)} in all</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" className="h-24 w-full" role="img" aria-label={summary}>
        <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-slate-200" />
        {days.map((d, i) => {
          let y = HEIGHT;
          const tip = `${formatDate(d.date)}: ${SERIES.map((s) => `${formatCount(d[s.key])} ${s.label.toLowerCase()}`).join(", ")}${d.messages ? ` (${formatCount(d.messages)} messages)` : ""}`;
          return (
            <g key={d.day}>
              <title>{tip}</title>
              <rect x={i * (barWidth + GAP)} y={0} width={barWidth} height={HEIGHT} className="fill-transparent" />
              {SERIES.map((s) => {
                const h = (d[s.key] / max) * (HEIGHT - 4);
                if (h <= 0) return null;
                y -= h;
                return <rect key={s.key} x={i * (barWidth + GAP)} y={y} width={barWidth} height={h} className={s.className} />;
              })}
            </g>
          );
        })}
      </svg>
      <div className="mt-1 flex justify-between text-xs text-slate-500" aria-hidden="true">
        <span>{formatDate(days[0]?.date ?? null)}</span>
        <span>{formatDate(days[days.length - 1]?.date ?? null)}</span>
      </div>
      <ul className="mt-2 flex flex-wrap gap-3 text-xs text-slate-600" aria-hidden="true">
        {SERIES.map((s) => (
          <li key={s.key} className="flex items-center gap-1">
            <svg viewBox="0 0 10 10" className="h-2.5 w-2.5">
              <rect width={10} height={10} className={s.className} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
