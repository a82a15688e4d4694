// A job = definition (name, zod payload, queue policy, optional schedule) + an idempotent handler.
import type { ZodType } from "zod";

export type QueuePolicy = "standard" | "short" | "singleton" | "stately";

export type JobDefinition<T> = {
  name: string;
  payload: ZodType<T>;
  /** stately: at most one queued and one active job per singletonKey (e.g. one sync per source). */
  policy: QueuePolicy;
  /** Cron expression (UTC) for the worker's own schedule, if any. */
  schedule?: () => string | undefined;
  retryLimit?: number;
  expireInSeconds?: number;
  handler: (data: T, meta: { jobId: string }) => Promise<void>;
};

/** A job with its payload type erased: `run` validates the payload before calling the handler. */
export type RegisteredJob = Omit<JobDefinition<unknown>, "handler" | "payload"> & {
  payload: ZodType;
  run: (data: unknown, meta: { jobId: string }) => Promise<void>;
};

export function defineJob<T>(def: JobDefinition<T>): RegisteredJob {
  const { handler, ...rest } = def;
  return { ...rest, run: async (data, meta) => handler(def.payload.parse(data), meta) };
}
