// pg-boss on the application database (schema "pgboss"). Web processes only send; the worker
// (scripts/worker.ts) also supervises, schedules and works the queues.
import PgBoss from "pg-boss";
import { getEnv } from "@/lib/env";
import { jobs, getJob } from "@/lib/jobs/definitions";

const globalForBoss = globalThis as unknown as { custodianBoss?: Promise<PgBoss> };

function connectionString(): string {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return url;
}

async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const job of jobs) {
    const existing = await boss.getQueue(job.name);
    if (!existing) {
      await boss.createQueue(job.name, {
        name: job.name,
        policy: job.policy,
        retryLimit: job.retryLimit ?? 3,
        retryBackoff: true,
        expireInSeconds: job.expireInSeconds ?? 3600,
      });
    }
  }
}

export async function startBoss(options: { worker: boolean }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: connectionString(),
    schema: "pgboss",
    max: options.worker ? 4 : 2,
    supervise: options.worker,
    schedule: options.worker,
    migrate: true,
  });
  boss.on("error", (err) => console.error("[jobs] pg-boss error:", err.message));
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

/** The sending client for web processes (lazily started once per process). */
export function getBoss(): Promise<PgBoss> {
  globalForBoss.custodianBoss ??= startBoss({ worker: false }).catch((err) => {
    globalForBoss.custodianBoss = undefined;
    throw err;
  });
  return globalForBoss.custodianBoss;
}

/** Stops this process's sending client, if one was started. */
export async function stopBoss(): Promise<void> {
  const started = globalForBoss.custodianBoss;
  globalForBoss.custodianBoss = undefined;
  if (started) await (await started).stop({ graceful: false, wait: true });
}

/** Validates the payload against the job's schema and enqueues it; returns null when deduplicated. */
export async function enqueueJob(name: string, data: unknown = {}, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const job = getJob(name);
  const payload = job.payload.parse(data) as object;
  const boss = await getBoss();
  return boss.send(name, payload, options);
}
