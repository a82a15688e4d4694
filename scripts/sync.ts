// `npm run sync -- <sourceId> [--full]`: runs one sync of a source in this process (no queue), printing
// progress. For operators, and for the crash-resume test, which kills this process at random points.
import { readFileSync } from "node:fs";
import { runSync } from "@/lib/ingest/run-sync";
import { closeIngestPool } from "@/lib/ingest/pg";
import { getDb } from "@/lib/db";

/**
 * This process's peak resident memory. Linux's VmHWM belongs to the process image, whereas getrusage's
 * maxrss carries over the parent's across fork and exec (a large parent would be reported as our peak).
 */
function peakRssKiB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

async function main() {
  const [sourceId] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  if (!sourceId) {
    console.error("usage: npm run sync -- <sourceId> [--full]");
    process.exit(2);
  }
  const result = await runSync({ sourceId, trigger: "MANUAL", fullSweep: process.argv.includes("--full") ? true : undefined });
  const timings = await getDb().syncRunStream.findMany({ where: { runId: result.runId }, select: { stream: true, startedAt: true, finishedAt: true } });
  const seconds = new Map(timings.map((t) => [t.stream, t.finishedAt ? (t.finishedAt.getTime() - t.startedAt.getTime()) / 1000 : NaN]));
  for (const [stream, c] of Object.entries(result.streams)) {
    console.log(
      `${stream.padEnd(14)} ${seconds.get(stream)?.toFixed(1).padStart(6)} s  listed ${c.listed}, new ${c.created}, changed ${c.changed}, unchanged ${c.unchanged}, deleted ${c.deleted}, quarantined ${c.quarantined}, files ${c.files}, errors ${c.errors}`,
    );
  }
  console.log(`run ${result.runId}: ${result.status} after ${result.requestCount} requests${result.error ? ` — ${result.error}` : ""}`);
  const cpu = process.cpuUsage();
  console.log(`peak RSS ${(peakRssKiB() / 1024).toFixed(1)} MB, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  await closeIngestPool();
  await getDb().$disconnect();
  process.exit(result.status === "SUCCEEDED" ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
