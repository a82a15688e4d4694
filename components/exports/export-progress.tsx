// The build progress of one export: a determinate bar when the job knows its total, an indeterminate
// one while it is queued or still finding items, with the phase in words for screen readers too.
import type { ExportView } from "@/lib/exports/schemas";
import { cn } from "@/components/ui/cn";
import { formatCount, phaseLabels } from "./format";

export function ExportProgress({ exportJob }: { exportJob: ExportView }) {
  const p = exportJob.progress;
  const phase = exportJob.status === "QUEUED" ? "queued" : (p?.phase ?? "resolving");
  const percent = phase !== "queued" && phase !== "resolving" && p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : null;
  const label = phaseLabels[phase];
  const valueText = percent !== null && p ? `${label}: ${formatCount(p.done)} of ${formatCount(p.total)} (${percent}%)` : p && phase === "resolving" && p.done > 0 ? `${label}: ${formatCount(p.done)} so far` : label;
  return (
    <div className="min-w-40">
      <div
        role="progressbar"
        aria-label={`Progress of export ${exportJob.name}`}
        aria-valuemin={percent !== null ? 0 : undefined}
        aria-valuemax={percent !== null ? 100 : undefined}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={valueText}
        className="relative h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        {percent !== null ? (
          <div className={cn("h-full rounded-full bg-accent-600 transition-[width] duration-500")} style={{ width: `${percent}%` }} />
        ) : (
          <div className="absolute inset-y-0 left-0 w-1/3 rounded-full bg-accent-500 motion-safe:animate-[export-indeterminate_1.4s_ease-in-out_infinite]" />
        )}
      </div>
      <p className="mt-1 text-xs text-slate-600">{valueText}</p>
      <style>{`@keyframes export-indeterminate { 0% { left: -33%; } 100% { left: 100%; } }`}</style>
    </div>
  );
}
