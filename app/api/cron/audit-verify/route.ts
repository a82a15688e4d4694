// Cron: enqueue the audit-chain integrity check (the worker runs it).
import { withCron } from "@/lib/http/handler";
import { enqueueJob } from "@/lib/jobs/boss";

export const POST = withCron(async () => ({ enqueued: await enqueueJob("audit.verify-chain") }));
