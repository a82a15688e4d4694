// `npm run worker`: runs every job handler registered in lib/jobs/definitions.ts and keeps the schedules.
// Any number of workers may run against one database; queue policies keep per-source work single.
import { startBoss } from "@/lib/jobs/boss";
import { jobs } from "@/lib/jobs/definitions";

async function main() {
  const boss = await startBoss({ worker: true });
  for (const job of jobs) {
    await boss.work(job.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async (batch) => {
      for (const item of batch) {
        await job.run(item.data, { jobId: item.id });
      }
    });
    const cron = job.schedule?.();
    if (cron) await boss.schedule(job.name, cron, {}, { tz: "UTC" });
    else await boss.unschedule(job.name).catch(() => undefined);
  }
  console.log(`[worker] running ${jobs.length} job type(s): ${jobs.map((j) => j.name).join(", ")}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing active jobs`);
    await boss.stop({ graceful: true, timeout: 20_000, wait: true });
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err) => {
  console.error("[worker] failed to start:", err);
  process.exit(1);
});
