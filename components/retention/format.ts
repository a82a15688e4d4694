// Display helpers for retention and disposition (pure: used by client components).
import type { DispositionCounts } from "@/lib/governance/retention-types";
import { countLabels } from "@/lib/governance/retention-types";

const number = new Intl.NumberFormat();
export const formatCount = (n: number) => number.format(n);

export function formatDate(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

export function formatPeriod(days: number): string {
  if (days % 365 === 0) return `${days / 365} year${days === 365 ? "" : "s"}`;
  if (days % 30 === 0 && days >= 60) return `${days / 30} months`;
  return `${days} day${days === 1 ? "" : "s"}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 100) / 10;
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

export const countKeys = Object.keys(countLabels) as (keyof DispositionCounts)[];

export function countsSummary(c: Partial<DispositionCounts>): string {
  const parts = countKeys.filter((k) => (c[k] ?? 0) > 0).map((k) => `${formatCount(c[k] ?? 0)} ${countLabels[k].toLowerCase()}`);
  return parts.length ? parts.join(", ") : "nothing";
}
