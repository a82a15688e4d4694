// Scheduling: /api/cron/sync enqueues one sync per capture-enabled, authorized source and never a second
// while one is queued; a worker runs it; two syncs of one source never run at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import type PgBoss from "pg-boss";
import { getDb } from "@/lib/db";
import { POST as cronSync } from "@/app/api/cron/sync/route";
import { startBoss, stopBoss } from "@/lib/jobs/boss";
import { workOneJob } from "../factories/jobs";
import { enqueueSync } from "@/lib/ingest/enqueue";
import { startTestSimulator, type TestHarness } from "@/lib/simulator/test-harness";
import { LocalBlobStore } from "@/lib/storage/blob-store";
import { createSource } from "@/lib/sources/sources";
import { blobDir, createSimulatorSource, syncOnce } from "../factories/capture";

let h: TestHarness;
let enabledId = "";
let worker: PgBoss | null = null;

beforeAll(async () => {
  h = await startTestSimulator({ seed: 77, size: "small", startAt: Date.now() });
  // Other test files' sources must not take part: pause every source but ours.
  await getDb().source.updateMany({ data: { captureEnabled: false } });
  enabledId = (await createSimulatorSource(h, "scheduled")).id;
  await createSource({ name: "no key yet", workspaceId: "00000000-0000-4000-8000-000000000077", apiBaseUrl: h.apiBaseUrl }, null);
});
afterAll(async () => {
  await worker?.stop({ graceful: false, wait: true });
  await stopBoss();
  await h?.close();
});

const cron = () =>
  cronSync(new NextRequest("http://localhost:3000/api/cron/sync", { method: "POST", headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } }), {
    params: Promise.resolve({}),
  });

describe("sync scheduling", () => {
  it("enqueues one sync per capturable source and no duplicate while it is queued", async () => {
    const first = await (await cron()).json();
    expect(first).toEqual({ enqueued: [enabledId], skipped: [] });
    const second = await (await cron()).json();
    expect(second).toEqual({ enqueued: [], skipped: [enabledId] });
    expect(await getDb().syncRun.count({ where: { sourceId: enabledId, status: "QUEUED" } })).toBe(1);
  });

  it("runs the queued sync in a worker", async () => {
    worker = await startBoss({ worker: true });
    await workOneJob(worker, "sync.source");
    const run = await getDb().syncRun.findFirstOrThrow({ where: { sourceId: enabledId }, orderBy: { queuedAt: "desc" } });
    expect(run).toMatchObject({ status: "SUCCEEDED", trigger: "CRON" });
    expect(await getDb().conversation.count({ where: { sourceId: enabledId } })).toBeGreaterThan(0);
  });

  it("does not let a run whose job was lost, or whose worker died, block the source", async () => {
    const db = getDb();
    const lost = await db.syncRun.create({ data: { sourceId: enabledId, trigger: "MANUAL", status: "QUEUED", jobId: "00000000-0000-4000-8000-000000000000" } });
    const run = await enqueueSync(enabledId, "MANUAL");
    expect(run.status).toBe("QUEUED");
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ status: "FAILED", error: "Its job was lost before it ran" });
    // A fresh queued run with a live job does block a second one.
    await expect(enqueueSync(enabledId, "MANUAL")).rejects.toMatchObject({ code: "conflict" });
    await workOneJob(worker!, "sync.source");
    const dead = await db.syncRun.create({
      data: { sourceId: enabledId, trigger: "MANUAL", status: "RUNNING", heartbeatAt: new Date(Date.now() - 3600_000), queuedAt: new Date(Date.now() - 3600_000) },
    });
    await enqueueSync(enabledId, "MANUAL");
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: dead.id } })).status).toBe("FAILED");
  });

  it("never runs two syncs of one source at once", async () => {
    const store = new LocalBlobStore(blobDir());
    const [a, b] = await Promise.all([syncOnce(enabledId, store, { lockWaitMs: 0, fullSweep: true }), syncOnce(enabledId, store, { lockWaitMs: 0, fullSweep: true })]);
    expect([a.status, b.status].sort()).toEqual(["CANCELLED", "SUCCEEDED"]);
    expect([a.error, b.error]).toContain("Another sync of this source is already running");
  });
});
