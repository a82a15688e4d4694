// Runs the next queued job of one kind in a real pg-boss worker on the test database, resolves once its
// handler has finished (or rejects with the handler's error), and unsubscribes so that later jobs of that
// kind stay queued for the test to control.
import type PgBoss from "pg-boss";
import { getJob } from "@/lib/jobs/definitions";

export async function workOneJob(worker: PgBoss, name: string): Promise<void> {
  const job = getJob(name);
  let handled = false;
  try {
    await new Promise<void>((resolve, reject) => {
      void worker.work(job.name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (batch) => {
        if (handled) throw new Error("already handled one job"); // fails the extra job back to the queue's retry policy
        handled = true;
        try {
          for (const item of batch) await job.run(item.data, { jobId: item.id });
          resolve();
        } catch (err) {
          reject(err);
        }
      });
    });
  } finally {
    await worker.offWork(job.name);
  }
}
