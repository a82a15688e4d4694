// A small horizontal bar chart of counts (per unit type, per custodian). Plain markup: the numbers are text,
// the bars are decoration, so it reads the same to screen readers and renders on the server or the client.
import type { ReactNode } from "react";

export type CountBar = { key: string; label: ReactNode; value: number; detail?: string };

export function CountBars({ title, bars, footer }: { title: string; bars: readonly CountBar[]; footer?: ReactNode }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium text-slate-800">{title}</figcaption>
      {bars.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing.</p>
      ) : (
        <ul className="space-y-1.5">
          {bars.map((b) => (
            <li key={b.key} className="grid grid-cols-[minmax(8rem,14rem)_1fr_auto] items-center gap-3 text-sm" title={b.detail}>
              <span className="truncate text-slate-700">{b.label}</span>
              <span className="h-2.5 rounded-full bg-slate-100" aria-hidden="true">
                <span className="block h-2.5 rounded-full bg-accent-600" style={{ width: `${Math.max(2, (b.value / max) * 100)}%` }} />
              </span>
              <span className="text-right font-medium text-slate-900 tabular-nums">{b.value.toLocaleString("en-US")}</span>
            </li>
          ))}
        </ul>
      )}
      {footer}
    </figure>
  );
}
