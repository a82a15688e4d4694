// Number formatting shared by pages: byte sizes (1024-based, one decimal under 10).
export function formatBytes(n: number | null | undefined, unknown = "—"): string {
  if (n == null) return unknown;
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
