// Cron routes only enqueue; a worker (pg-boss on the same database) runs the job.
import { afterAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import type PgBoss from "pg-boss";
import { POST as cronAuditVerify } from "@/app/api/cron/audit-verify/route";
import { getBoss, startBoss } from "@/lib/jobs/boss";
import { getJob } from "@/lib/jobs/definitions";
import { getDb } from "@/lib/db";
import { workOneJob } from "../factories/jobs";

let worker: PgBoss | null = null;

afterAll(async () => {
  await worker?.stop({ graceful: false, wait: true });
  await (await getBoss()).stop({ graceful: false, wait: true });
});

const cronRequest = (token: string) =>
  new NextRequest("http://localhost:3000/api/cron/audit-verify", { method: "POST", headers: { authorization: `Bearer ${token}` } });

describe("cron and worker", () => {
  it("enqueues on a valid cron token and refuses others", async () => {
    expect((await cronAuditVerify(cronRequest("wrong"), { params: Promise.resolve({}) })).status).toBe(401);
    const res = await cronAuditVerify(cronRequest(process.env.CRON_SECRET!), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const { enqueued } = await res.json();
    expect(typeof enqueued).toBe("string");
    const job = await (await getBoss()).getJobById("audit.verify-chain", enqueued);
    expect(job?.state).toBe("created");
  });

  it("runs the queued job in a worker", async () => {
    const before = await getDb().auditEvent.count({ where: { action: "audit.verify" } });
    worker = await startBoss({ worker: true });
    await workOneJob(worker, "audit.verify-chain");
    const events = await getDb().auditEvent.findMany({ where: { action: "audit.verify" }, orderBy: { seq: "desc" } });
    expect(events.length).toBe(before + 1);
    expect(events[0]).toMatchObject({ outcome: "SUCCESS" });
    expect(events[0].details).toMatchObject({ scheduled: true });
  });

  it("rejects payloads that do not match a job's schema", async () => {
    await expect(getJob("audit.verify-chain").run("not an object", { jobId: "x" })).rejects.toThrow();
  });
});
