// Messages per day (or week) in a custodian's conversations: an SVG bar chart with axis labels, a text
// summary for assistive tech, and the same numbers as a table. Server-rendered; the range is a link.
import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type ActivityData = {
  range: string;
  bucket: "day" | "week";
  from: string | null;
  to: string | null;
  buckets: { start: string; count: number }[];
  total: number;
  max: number;
};

const RANGE_LABELS: [string, string][] = [
  ["30", "30 days"],
  ["90", "90 days"],
  ["180", "180 days"],
  ["365", "1 year"],
  ["all", "All"],
];

const W = 720;
const H = 200;
const M = { top: 10, right: 8, bottom: 26, left: 44 };

/** A round axis maximum at or above `max` (1, 2, 5 × 10^n). */
function niceMax(max: number): number {
  if (max <= 4) return Math.max(1, max);
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

const n = (v: number) => v.toLocaleString("en-US");

export function ActivityChart({ data, rangeHref }: { data: ActivityData; rangeHref: (range: string) => string }) {
  const unit = data.bucket === "week" ? "week" : "day";
  const title = `Messages per ${unit}`;
  const busiest = data.buckets.reduce<{ start: string; count: number } | null>((best, b) => (b.count > (best?.count ?? 0) ? b : best), null);
  const summary = data.from
    ? `${n(data.total)} message${data.total === 1 ? "" : "s"} from ${data.from} to ${data.to}${busiest ? `; busiest ${unit} ${busiest.start} with ${n(busiest.count)}` : ""}.`
    : "No dated messages captured.";
  const yMax = niceMax(data.max);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const count = data.buckets.length;
  const slot = count ? plotW / count : plotW;
  const barW = Math.max(0.5, slot * (count > 120 ? 1 : 0.8));
  const y = (v: number) => M.top + plotH - (v / yMax) * plotH;
  const ticks = yMax <= 4 ? Array.from({ length: yMax + 1 }, (_, i) => i) : [0, yMax / 2, yMax];
  const labelEvery = Math.max(1, Math.ceil(count / 6));
  const xLabels = data.buckets.map((b, i) => ({ ...b, i })).filter((b) => b.i % labelEvery === 0 || b.i === count - 1);
  // Drop a label that would overlap the last one.
  if (xLabels.length > 1 && xLabels[xLabels.length - 1].i - xLabels[xLabels.length - 2].i < labelEvery / 2) xLabels.splice(xLabels.length - 2, 1);

  return (
    <section aria-labelledby="activity" className="mb-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="activity" className="text-base font-semibold text-slate-900">
          Activity
        </h2>
        <nav aria-label="Activity range" className="flex flex-wrap gap-1 text-sm">
          {RANGE_LABELS.map(([value, label]) => (
            <Link
              key={value}
              href={rangeHref(value)}
              aria-current={data.range === value ? "true" : undefined}
              className={cn("rounded px-2 py-0.5", data.range === value ? "bg-slate-900 text-white" : "text-indigo-700 hover:bg-slate-100")}
            >
              {label}
            </Link>
          ))}
        </nav>
      </div>
      <p id="activity-summary" className="mb-2 text-sm text-slate-600">
        {summary}
        {data.range !== "all" && data.to && <> The window ends on the day of their latest captured message.</>}
      </p>
      {count > 0 && (
        <>
          <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby="activity-chart-title" aria-describedby="activity-summary" className="max-h-64 text-slate-500">
            <title id="activity-chart-title">{title}</title>
            {ticks.map((t) => (
              <g key={t}>
                <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="currentColor" strokeOpacity={t === 0 ? 0.6 : 0.15} />
                <text x={M.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="currentColor">
                  {n(t)}
                </text>
              </g>
            ))}
            {data.buckets.map((b, i) =>
              b.count > 0 ? (
                <rect key={b.start} x={M.left + i * slot + (slot - barW) / 2} y={y(b.count)} width={barW} height={M.top + plotH - y(b.count)} className="fill-indigo-500">
                  <title>{`${b.start}: ${n(b.count)} message${b.count === 1 ? "" : "s"}`}</title>
                </rect>
              ) : null,
            )}
            {xLabels.map((b) => (
              <text key={b.start} x={M.left + b.i * slot + slot / 2} y={H - 8} textAnchor={b.i === 0 ? "start" : b.i === count - 1 ? "end" : "middle"} fontSize="11" fill="currentColor">
                {b.start}
              </text>
            ))}
          </svg>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-indigo-700">Show the numbers</summary>
            <table className="mt-2 text-left text-sm">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  <th scope="col" className="pr-6 font-medium">
                    {data.bucket === "week" ? "Week starting" : "Day"} (UTC)
                  </th>
                  <th scope="col" className="text-right font-medium">
                    Messages
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.buckets
                  .filter((b) => b.count > 0)
                  .map((b) => (
                    <tr key={b.start}>
                      <td className="pr-6">{b.start}</td>
                      <td className="text-right tabular-nums">{n(b.count)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
