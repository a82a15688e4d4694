// Number formatting and percentiles shared by the search benchmark's modules.

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–";
export const secs = (ms: number) => `${fmt(ms / 1000, 1)} s`;
export const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;
/** Progress goes to stderr; the results table to stdout. */
export const log = (line = "") => console.error(line);

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
