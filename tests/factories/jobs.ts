// Runs the next queued job of one kind in a real pg-boss worker on the test database, and resolves once
// its handler has finished (or rejects with the handler's error).
import type PgBoss from "pg-boss";
import { getJob } from "@/lib/jobs/definitions";

export function workOneJob(worker: PgBoss, name: string): Promise<void> {
  const job = getJob(name);
  return new Promise<void>((resolve, reject) => {
    void worker.work(job.name, { pollingIntervalSeconds: 0.5 }, async (batch) => {
      try {
        for (const item of batch) await job.run(item.data, { jobId: item.id });
        resolve();
      } catch (err) {
        reject(err);
      }
    });
  });
}
