// Retention policies and the disposition job through the real route handlers and the job's executor,
// against rows of this file's own sources (policies are scoped to them, so no other file's data is ever
// disposed). Covers: removal from Postgres, the search index (PostgreSQL engine; only this file's outbox
// rows are drained) and blob storage (kept while another file references the bytes); dry-run counts equal
// the run's; the longest period wins, no policy keeps, holds win (also one activated between batches);
// certificate digest verifies and fails once a tombstone is altered; interrupted runs resume without
// double work; "why retained"; permissions (403) and bad input (400).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import type { WrappedHandler } from "@/lib/http/handler";
import * as policiesRoute from "@/app/api/v1/retention/policies/route";
import * as policyRoute from "@/app/api/v1/retention/policies/[id]/route";
import * as policyVersionsRoute from "@/app/api/v1/retention/policies/[id]/versions/route";
import * as dryRunRoute from "@/app/api/v1/retention/dry-run/route";
import * as whyRoute from "@/app/api/v1/retention/why/route";
import * as runsRoute from "@/app/api/v1/disposition/runs/route";
import * as runRoute from "@/app/api/v1/disposition/runs/[id]/route";
import * as certificateRoute from "@/app/api/v1/disposition/runs/[id]/certificate/route";
import * as verifyRoute from "@/app/api/v1/disposition/runs/[id]/verify/route";
import { DISPOSITION_RUN_LOCK, executeDispositionRun, requestDispositionRun } from "@/lib/governance/disposition";
import { verifyDispositionRun } from "@/lib/governance/disposition-certificate";
import { PostgresSearchEngine } from "@/lib/search/engines/postgres";
import { drainOutbox } from "@/lib/search/indexer";
import { stopBoss } from "@/lib/jobs/boss";
import { createTestUser, sessionCookie } from "../factories/users";
import { ArchiveFixture, DAY, newMarker, sha, tempBlobStore } from "./retention-fixtures";

/** Today at midnight UTC: runs get it as their clock; "why retained" (no clock parameter) agrees with it. */
const T = new Date(Math.floor(Date.now() / DAY) * DAY);
const ago = (days: number) => new Date(T.getTime() - days * DAY);

const cookies = { officer: "", reviewer: "", auditor: "" };
const policyIds: string[] = [];
const fixtures: ArchiveFixture[] = [];
let pool: pg.Pool;

function req(method: string, url: string, cookie: string, body?: unknown) {
  return new NextRequest(`http://localhost:3000${url}`, {
    method,
    headers: { cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function call(handler: WrappedHandler, method: string, url: string, cookie: string, body?: unknown, params: Record<string, string> = {}) {
  const res = await handler(req(method, url, cookie, body), { params: Promise.resolve(params) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  return { status: res.status, requestId: res.headers.get("x-request-id"), headers: res.headers, text, body: json as any };
}

async function createPolicy(body: Record<string, unknown>): Promise<string> {
  const res = await call(policiesRoute.POST, "POST", "/api/v1/retention/policies", cookies.officer, body);
  expect(res.status, res.text).toBe(200);
  policyIds.push(res.body.policy.id);
  return res.body.policy.id;
}

/** Drains only outbox rows for this file's items (others are parked for the duration, then restored). */
async function drainOwn(marker: string): Promise<void> {
  const { rows: parked } = await pool.query<{ id: string }>(
    `UPDATE "IndexOutbox" SET "availableAt" = "availableAt" + interval '100 years' WHERE "processedAt" IS NULL AND "itemId" NOT LIKE $1 RETURNING id::text`,
    [`%${marker}%`],
  );
  try {
    await drainOutbox(new PostgresSearchEngine(pool), { pool });
  } finally {
    await pool.query(`UPDATE "IndexOutbox" SET "availableAt" = "availableAt" - interval '100 years' WHERE id = ANY($1::bigint[])`, [parked.map((r) => r.id)]);
  }
}

async function documents(ids: string[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ itemId: string }>(`SELECT "itemId" FROM "SearchDocument" WHERE "itemId" = ANY($1::text[])`, [ids]);
  return new Set(rows.map((r) => r.itemId));
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  for (const role of ["officer", "reviewer", "auditor"] as const) {
    const u = await createTestUser({ role: role.toUpperCase() as "OFFICER" });
    cookies[role] = await sessionCookie(u);
  }
});

afterAll(async () => {
  for (const f of fixtures) await f.close(policyIds);
  await pool.end();
  await stopBoss();
});

describe("disposition end to end", () => {
  const marker = newMarker("dsp");
  const f = new ArchiveFixture(marker);
  fixtures.push(f);
  const store = tempBlobStore();
  const id = (s: string) => `${s}-${marker}`;
  let p1 = "";
  let p2 = "";
  let p3 = "";
  let runId = "";
  const blobs = { unique: "", shared: "" };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let dry: any;

  beforeAll(async () => {
    await f.conversation({ id: id("convA"), userId: "u1", lastActiveAt: ago(200), capturedAt: ago(199), messages: 2 });
    await f.conversation({ id: id("convB"), userId: "u2", lastActiveAt: ago(200), capturedAt: ago(199), messages: 2 });
    await f.conversation({ id: id("convC"), userId: "u2", lastActiveAt: ago(10), capturedAt: ago(9), messages: 2 });
    await f.conversation({ id: id("convD"), userId: "u9", lastActiveAt: ago(200), capturedAt: ago(199), messages: 1 });
    await f.conversation({ id: id("convE"), userId: "u2", lastActiveAt: ago(200), capturedAt: ago(199), messages: 3 });
    await f.hold(id("holdB"), [{ itemType: "MESSAGE", itemId: `${id("convB")}-m1` }]);
    blobs.unique = (await f.file({ id: id("f1"), userId: "u2", createdAtSource: ago(300), firstSeenAt: ago(300), bytes: `unique ${marker}`, store }))!;
    blobs.shared = (await f.file({ id: id("f2"), userId: "u2", createdAtSource: ago(300), firstSeenAt: ago(300), bytes: `shared ${marker}`, store }))!;
    await f.file({ id: id("fA"), userId: null, conversationId: id("convA"), messageId: `${id("convA")}-m0`, createdAtSource: ago(300), firstSeenAt: ago(300), bytes: `shared ${marker}`, store });
    await f.file({ id: id("f3"), userId: "u2", createdAtSource: ago(5), firstSeenAt: ago(5), bytes: `shared ${marker}`, store });
    await f.gpt({
      id: id("g1"),
      ownerId: "u1",
      configs: [1, 2, 3].map((n) => ({ id: id(`g1c${n}`), createdAtSource: ago(300 - n), firstSeenAt: ago(300 - n) })),
    });
    await f.gpt({ id: id("g2"), ownerId: "u1", deleted: true, configs: [1, 2].map((n) => ({ id: id(`g2c${n}`), createdAtSource: ago(300 - n), firstSeenAt: ago(300 - n) })) });
    await f.memory({ id: id("mem1"), userId: "u1", versions: [1, 2, 3].map((n) => ({ id: id(`mem1v${n}`), capturedAt: ago(100 - n), updatedAtSource: ago(100 - n) })) });
    await f.memory({ id: id("mem2"), userId: "u1", deleted: true, versions: [1, 2].map((n) => ({ id: id(`mem2v${n}`), capturedAt: ago(100 - n), updatedAtSource: null })) });
    // Index what will be disposed and what stays, through this file's own outbox rows.
    await pool.query(`INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT 'MESSAGE', id FROM "Message" WHERE "sourceId" = $1`, [f.sourceId]);
    await drainOwn(marker);
  });

  it("creates versioned, audited policies (officer)", async () => {
    p1 = await createPolicy({ name: `Chats and files ${marker}`, itemTypes: ["FILE", "CONVERSATION"], sourceId: f.sourceId, custodianIds: ["u2", "u1"], periodDays: 90, dateBasis: "SOURCE_CREATED", enabled: true });
    p2 = await createPolicy({ name: `Configs ${marker}`, itemTypes: ["GPT_CONFIG", "MEMORY"], sourceId: f.sourceId, periodDays: 30, dateBasis: "CAPTURED", versionsKept: 1, enabled: true });
    p3 = await createPolicy({ name: `Long u1 ${marker}`, itemTypes: ["CONVERSATION"], sourceId: f.sourceId, custodianIds: ["u1"], periodDays: 300, dateBasis: "SOURCE_CREATED", enabled: false });
    const updated = await call(policyRoute.PATCH, "PATCH", `/api/v1/retention/policies/${p3}`, cookies.officer, { periodDays: 365 }, { id: p3 });
    expect(updated.status).toBe(200);
    expect(updated.body.policy.version).toBe(2);
    expect(updated.body.policy.periodDays).toBe(365);
    const enabled = await call(policyRoute.PATCH, "PATCH", `/api/v1/retention/policies/${p3}`, cookies.officer, { enabled: true }, { id: p3 });
    expect(enabled.body.policy.version).toBe(3);
    const versions = await call(policyVersionsRoute.GET, "GET", `/api/v1/retention/policies/${p3}/versions`, cookies.reviewer, undefined, { id: p3 });
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    const events = await getDb().auditEvent.findMany({ where: { targetType: "retention_policy", targetId: p3 }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["retention.policy.create", "retention.policy.update", "retention.policy.enable"]);
  });

  it("dry run: exact counts, held-and-skipped, samples with links and a forecast", async () => {
    const { dryRun } = await import("@/lib/governance/retention-dry-run");
    dry = await dryRun({ samples: 50 }, { now: T });
    expect(dry.counts).toEqual({ conversations: 1, messages: 3, gptConfigs: 4, memoryVersions: 4, memories: 1, files: 3 });
    expect(dry.heldSkipped).toMatchObject({ conversations: 1, messages: 2 });
    const sampleIds = dry.samples.map((s: { itemId: string }) => s.itemId).sort();
    expect(sampleIds).toEqual([id("convE"), id("f1"), id("f2"), id("fA"), id("g1c1"), id("g1c2"), id("g2c1"), id("g2c2"), id("mem1v1"), id("mem1v2"), id("mem2v1"), id("mem2v2")].sort());
    expect(dry.samples.find((s: { itemId: string }) => s.itemId === id("convE")).href).toBe(`/conversations/${id("convE")}`);
    expect(dry.samples.find((s: { itemId: string }) => s.itemId === id("mem1v1")).href).toBe(`/custodians/u1#memory-${id("mem1")}`);
    expect(dry.samples.find((s: { itemId: string }) => s.itemId === id("g1c1")).href).toBe(`/gpts/${id("g1")}`);
    // convC (u2, active 10 days ago) becomes disposable under p1 (90 days) on day 80; f3 (5 days, 90) on day 85.
    expect(dry.forecast).toHaveLength(30);
    const perPolicy = Object.fromEntries(dry.perPolicy.map((p: { policyId: string; counts: unknown }) => [p.policyId, p.counts]));
    expect(perPolicy[p1]).toMatchObject({ conversations: 1, messages: 3, files: 3 });
    expect(perPolicy[p2]).toMatchObject({ gptConfigs: 4, memoryVersions: 4 });
    expect(perPolicy[p3]).toBeUndefined();
    const later = await dryRun({ samples: 0 }, { now: new Date(T.getTime() + 70 * DAY) });
    const day10 = later.forecast[9];
    expect(day10.conversations).toBe(1); // convC: due at T + 80 days = (T + 70) + 10
    expect(day10.messages).toBe(2);
  });

  it("the route's dry run answers reviewers too (read-only) and validates input", async () => {
    const ok = await call(dryRunRoute.POST, "POST", "/api/v1/retention/dry-run", cookies.reviewer, { samples: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body.dryRun.forecast).toHaveLength(30);
    const bad = await call(dryRunRoute.POST, "POST", "/api/v1/retention/dry-run", cookies.officer, { samples: -1 });
    expect(bad.status).toBe(400);
  });

  it("runs: removes rows, index documents and unreferenced blobs; tombstones match; counts equal the dry run", async () => {
    const started = await call(runsRoute.POST, "POST", "/api/v1/disposition/runs", cookies.officer, {});
    expect(started.status, started.text).toBe(200);
    runId = started.body.run.id;
    const result = await executeDispositionRun(runId, { now: T, blobStore: store });
    expect(result.status).toBe("SUCCEEDED");
    expect(result.counts).toEqual(dry.counts);
    expect(result.heldSkipped).toEqual(dry.heldSkipped);
    expect(result.blobsDeleted).toBe(1);

    expect(await f.existing("Conversation", [id("convA"), id("convB"), id("convC"), id("convD"), id("convE")])).toEqual(new Set([id("convA"), id("convB"), id("convC"), id("convD")]));
    expect(await f.existing("Message", [`${id("convE")}-m0`, `${id("convE")}-m1`, `${id("convE")}-m2`])).toEqual(new Set());
    expect((await pool.query(`SELECT count(*)::int AS n FROM "MessageVersion" WHERE "messageId" LIKE $1`, [`${id("convE")}%`])).rows[0].n).toBe(0);
    expect(await f.existing("SourceFile", [id("f1"), id("f2"), id("fA"), id("f3")])).toEqual(new Set([id("f3")]));
    expect(await f.existing("GptConfigVersion", [id("g1c1"), id("g1c2"), id("g1c3"), id("g2c1"), id("g2c2")])).toEqual(new Set([id("g1c3")]));
    expect(await f.existing("MemoryVersion", [id("mem1v1"), id("mem1v2"), id("mem1v3"), id("mem2v1"), id("mem2v2")])).toEqual(new Set([id("mem1v3")]));
    expect(await f.existing("Memory", [id("mem1"), id("mem2")])).toEqual(new Set([id("mem1")]));
    // Blobs: the unique one is gone (row and bytes); the shared one stays for f3.
    expect(await store.has(blobs.unique)).toBe(false);
    expect(await store.has(blobs.shared)).toBe(true);
    expect((await pool.query(`SELECT sha256 FROM "StoredFile" WHERE sha256 = ANY($1::text[])`, [[blobs.unique, blobs.shared]])).rows.map((r) => r.sha256)).toEqual([blobs.shared]);

    const tombs = await f.tombstones(runId);
    const byKey = new Map(tombs.map((t) => [`${t.itemType}:${t.itemId}`, t]));
    expect([...byKey.keys()].sort()).toEqual(
      [
        `CONVERSATION:${id("convE")}`,
        ...[0, 1, 2].map((n) => `MESSAGE:${id("convE")}-m${n}`),
        `FILE:${id("f1")}`,
        `FILE:${id("f2")}`,
        `FILE:${id("fA")}`,
        ...["g1c1", "g1c2", "g2c1", "g2c2"].map((c) => `GPT_CONFIG:${id(c)}`),
        `MEMORY:${id("mem1")}@v1`,
        `MEMORY:${id("mem1")}@v2`,
        `MEMORY:${id("mem2")}@v1`,
        `MEMORY:${id("mem2")}@v2`,
        `MEMORY:${id("mem2")}`,
      ].sort(),
    );
    expect(byKey.get(`CONVERSATION:${id("convE")}`)).toMatchObject({ sha256: sha(id("convE")), policyId: p1, policyVersion: 1 });
    expect(byKey.get(`FILE:${id("f1")}`)!.sha256).toBe(blobs.unique);
    expect(byKey.get(`GPT_CONFIG:${id("g1c1")}`)).toMatchObject({ sha256: sha(id("g1c1")), policyId: p2 });
    expect(byKey.get(`MEMORY:${id("mem1")}@v1`)!.sha256).toBe(sha(id("mem1v1")));

    // The index drops what was disposed once the outbox drains; the rest stays.
    await drainOwn(marker);
    const docs = await documents([`${id("convE")}-m0`, `${id("convE")}-m1`, `${id("convE")}-m2`, `${id("convC")}-m0`, `${id("convA")}-m1`]);
    expect(docs).toEqual(new Set([`${id("convC")}-m0`, `${id("convA")}-m1`]));
  });

  it("certificate: JSON and escaped HTML (audited); its digest verifies, and fails once a tombstone is altered", async () => {
    const json = await call(certificateRoute.GET, "GET", `/api/v1/disposition/runs/${runId}/certificate?format=json`, cookies.auditor, undefined, { id: runId });
    expect(json.status).toBe(200);
    expect(json.body.tombstones.count).toBe(16);
    expect(json.body.disposed).toEqual(dry.counts);
    expect(json.body.policyVersions.map((p: { policyId: string; version: number }) => `${p.policyId}@${p.version}`).sort()).toEqual([`${p1}@1`, `${p2}@1`, `${p3}@3`].sort());
    expect(json.body.requestedBy.email).toMatch(/^officer-/);
    const html = await call(certificateRoute.GET, "GET", `/api/v1/disposition/runs/${runId}/certificate?format=html`, cookies.officer, undefined, { id: runId });
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(html.text).toContain(json.body.tombstones.digest);
    expect(html.text).toContain(`Chats and files ${marker}`);
    expect(html.text).not.toMatch(/<script/i);
    expect(await getDb().auditEvent.count({ where: { action: "disposition.certificate.view", targetId: runId } })).toBe(2);

    const ok = await call(verifyRoute.GET, "GET", `/api/v1/disposition/runs/${runId}/verify`, cookies.reviewer, undefined, { id: runId });
    expect(ok.body.verify).toMatchObject({ ok: true, tombstones: 16, certificateOk: true });
    const victim = `${id("convE")}-m1`;
    await pool.query(`UPDATE "DispositionRecord" SET sha256 = $2 WHERE "itemType" = 'MESSAGE' AND "itemId" = $1`, [victim, "0".repeat(64)]);
    const broken = await verifyDispositionRun(runId);
    expect(broken.ok).toBe(false);
    expect(broken.problems.join(" ")).toMatch(/no longer match/);
    await pool.query(`UPDATE "DispositionRecord" SET sha256 = $2 WHERE "itemType" = 'MESSAGE' AND "itemId" = $1`, [victim, sha(victim)]);
    expect((await verifyDispositionRun(runId)).ok).toBe(true);
    const run = await call(runRoute.GET, "GET", `/api/v1/disposition/runs/${runId}`, cookies.reviewer, undefined, { id: runId });
    expect(run.body.run).toMatchObject({ status: "SUCCEEDED", disposedCount: 16, heldSkippedCount: 1, blobsDeleted: 1 });
    expect(run.body.run.progress.phase).toBe("done");
  });

  it("why retained: policies with dates, holds, disposal date or tombstone", async () => {
    const why = async (itemType: string, itemId: string) => {
      const res = await call(whyRoute.GET, "GET", `/api/v1/retention/why?itemType=${itemType}&itemId=${encodeURIComponent(itemId)}`, cookies.reviewer);
      expect(res.status).toBe(200);
      return res.body.why;
    };
    const a = await why("CONVERSATION", id("convA"));
    expect(a.status).toBe("scheduled");
    expect(a.units[0].policies.map((p: { policyId: string; governing: boolean }) => [p.policyId, p.governing]).sort()).toEqual([[p1, false], [p3, true]].sort());
    // Longest wins: 365 days from its last activity.
    expect(a.disposalDate).toBe(new Date(ago(200).getTime() + 365 * DAY).toISOString());
    const b = await why("MESSAGE", `${id("convB")}-m0`);
    expect(b.status).toBe("held");
    const bConv = await why("CONVERSATION", id("convB"));
    expect(bConv.holds.map((h: { id: string; via: { itemId: string } }) => [h.id, h.via.itemId])).toEqual([[id("holdB"), `${id("convB")}-m1`]]);
    expect((await why("CONVERSATION", id("convD"))).status).toBe("kept_no_policy");
    const e = await why("CONVERSATION", id("convE"));
    expect(e.status).toBe("disposed");
    expect(e.tombstone).toMatchObject({ runId, policyId: p1 });
    expect((await why("GPT", id("g1"))).status).toBe("kept_current_version");
    expect((await why("MEMORY", id("mem2"))).status).toBe("disposed");
    const bad = await call(whyRoute.GET, "GET", `/api/v1/retention/why?itemType=BOGUS&itemId=x`, cookies.reviewer);
    expect(bad.status).toBe(400);
  });

  it("a second run at the same date disposes nothing more", async () => {
    const { run } = await requestDispositionRun({ trigger: "SCHEDULE", requestedById: null });
    const result = await executeDispositionRun(run.id, { now: T, blobStore: store });
    expect(result.counts).toEqual({ conversations: 0, messages: 0, gptConfigs: 0, memoryVersions: 0, memories: 0, files: 0 });
    expect(result.heldSkipped.conversations).toBe(1);
    const cert = (await getDb().dispositionRun.findUnique({ where: { id: run.id } }))!.certificate as { scheduledBy: string; requestedBy: unknown; tombstones: { count: number } };
    expect(cert.requestedBy).toBeNull();
    expect(cert.scheduledBy).toMatch(/schedule/);
    expect(cert.tombstones.count).toBe(0);
    await pool.query(`UPDATE "RetentionPolicy" SET enabled = false WHERE id = ANY($1::text[])`, [[p1, p2, p3]]);
  });
});

describe("interruption, resume and holds between batches", () => {
  it("a run stopped after N batches resumes from its cursor without double work", async () => {
    const marker = newMarker("dsr");
    const f = new ArchiveFixture(marker);
    fixtures.push(f);
    const convs = Array.from({ length: 7 }, (_, i) => `c${i}-${marker}`);
    for (const c of convs) await f.conversation({ id: c, userId: "u1", lastActiveAt: ago(100), capturedAt: ago(100), messages: 3 });
    const policy = await createPolicy({ name: `Resume ${marker}`, itemTypes: ["CONVERSATION"], sourceId: f.sourceId, periodDays: 30, enabled: true });
    const { run } = await requestDispositionRun({ trigger: "MANUAL", requestedById: null });
    const first = await executeDispositionRun(run.id, { now: T, batchSize: { CONVERSATION: 2 }, maxBatches: 2 });
    expect(first).toMatchObject({ interrupted: true, status: "RUNNING" });
    expect(first.counts.conversations).toBe(4);
    expect((await f.existing("Conversation", convs)).size).toBe(3);
    const mid = (await getDb().dispositionRun.findUnique({ where: { id: run.id } }))!;
    expect(mid.status).toBe("RUNNING");
    expect(mid.disposedCount).toBe(16);
    // The request endpoint hands back the unfinished run instead of starting another.
    const again = await requestDispositionRun({ trigger: "MANUAL", requestedById: null });
    expect(again).toMatchObject({ created: false, executing: false });
    expect(again.run.id).toBe(run.id);

    const second = await executeDispositionRun(run.id, { now: new Date(T.getTime() + 400 * DAY), batchSize: { CONVERSATION: 2 } });
    expect(second.status).toBe("SUCCEEDED");
    expect(second.counts).toMatchObject({ conversations: 7, messages: 21 });
    expect((await f.existing("Conversation", convs)).size).toBe(0);
    const tombs = await f.tombstones(run.id);
    expect(tombs).toHaveLength(28);
    expect(new Set(tombs.map((t) => `${t.itemType}:${t.itemId}`)).size).toBe(28);
    const done = (await getDb().dispositionRun.findUnique({ where: { id: run.id } }))!;
    // The resumed run kept its original as-of date and policy versions.
    expect((done.cursor as { asOf: string }).asOf).toBe(T.toISOString());
    expect((done.progress as { total: { conversations: number } }).total.conversations).toBe(7);
    expect((await verifyDispositionRun(run.id)).ok).toBe(true);
    await pool.query(`UPDATE "RetentionPolicy" SET enabled = false WHERE id = $1`, [policy]);
  });

  it("a hold activated between batches wins", async () => {
    const marker = newMarker("dsh");
    const f = new ArchiveFixture(marker);
    fixtures.push(f);
    const convs = Array.from({ length: 6 }, (_, i) => `c${i}-${marker}`);
    for (const c of convs) await f.conversation({ id: c, userId: "u1", lastActiveAt: ago(100), capturedAt: ago(100), messages: 2 });
    await f.hold(`late-${marker}`, [{ itemType: "CONVERSATION", itemId: convs[4] }, { itemType: "MESSAGE", itemId: `${convs[5]}-m1` }], "DRAFT");
    const policy = await createPolicy({ name: `Holds ${marker}`, itemTypes: ["CONVERSATION"], sourceId: f.sourceId, periodDays: 30, enabled: true });
    const { run } = await requestDispositionRun({ trigger: "MANUAL", requestedById: null });
    const result = await executeDispositionRun(run.id, {
      now: T,
      batchSize: { CONVERSATION: 2 },
      onBatch: async ({ batch }) => {
        if (batch === 1) await f.setHoldStatus(`late-${marker}`, "ACTIVE");
      },
    });
    expect(result.counts.conversations).toBe(4);
    expect(result.heldSkipped).toMatchObject({ conversations: 2, messages: 4 });
    expect(await f.existing("Conversation", convs)).toEqual(new Set([convs[4], convs[5]]));
    const tombs = await f.tombstones(run.id);
    expect(tombs.some((t) => t.itemId.startsWith(convs[4]) || t.itemId.startsWith(convs[5]))).toBe(false);
    await pool.query(`UPDATE "RetentionPolicy" SET enabled = false WHERE id = $1`, [policy]);
  });
});

describe("permissions and validation", () => {
  it("reviewers and auditors read but cannot write (403); bad input is 400", async () => {
    const body = { name: "x", itemTypes: ["CONVERSATION"], periodDays: 30 };
    expect((await call(policiesRoute.POST, "POST", "/api/v1/retention/policies", cookies.reviewer, body)).status).toBe(403);
    expect((await call(policiesRoute.POST, "POST", "/api/v1/retention/policies", cookies.auditor, body)).status).toBe(403);
    expect((await call(runsRoute.POST, "POST", "/api/v1/disposition/runs", cookies.reviewer, {})).status).toBe(403);
    expect((await call(runsRoute.POST, "POST", "/api/v1/disposition/runs", cookies.auditor, {})).status).toBe(403);
    expect((await call(policyRoute.PATCH, "PATCH", "/api/v1/retention/policies/x", cookies.reviewer, { enabled: true }, { id: "x" })).status).toBe(403);
    expect((await call(policiesRoute.GET, "GET", "/api/v1/retention/policies", cookies.reviewer)).status).toBe(200);
    expect((await call(runsRoute.GET, "GET", "/api/v1/disposition/runs", cookies.auditor)).status).toBe(200);

    for (const bad of [
      { ...body, periodDays: 0 },
      { ...body, itemTypes: [] },
      { ...body, itemTypes: ["MESSAGE"] },
      { ...body, periodDays: 1.5 },
      { ...body, versionsKept: 0 },
      { ...body, name: "" },
    ]) {
      expect((await call(policiesRoute.POST, "POST", "/api/v1/retention/policies", cookies.officer, bad)).status).toBe(400);
    }
    expect((await call(policyRoute.PATCH, "PATCH", "/api/v1/retention/policies/x", cookies.officer, {}, { id: "x" })).status).toBe(400);
    expect((await call(policyRoute.PATCH, "PATCH", "/api/v1/retention/policies/nope", cookies.officer, { periodDays: 5 }, { id: "nope" })).status).toBe(404);
    expect((await call(certificateRoute.GET, "GET", "/api/v1/disposition/runs/nope/certificate", cookies.officer, undefined, { id: "nope" })).status).toBe(404);
    expect((await call(certificateRoute.GET, "GET", "/api/v1/disposition/runs/x/certificate?format=pdf", cookies.officer, undefined, { id: "x" })).status).toBe(400);
  });

  it("one run at a time: 409 while one executes; an unfinished run nobody executes is resumed", async () => {
    const first = await call(runsRoute.POST, "POST", "/api/v1/disposition/runs", cookies.officer, {});
    expect(first.status, first.text).toBe(200);
    expect(first.body.created).toBe(true);
    const executor = await pool.connect();
    try {
      // Another process executing a run holds the run lock.
      await executor.query(`SELECT pg_advisory_lock($1)`, [DISPOSITION_RUN_LOCK]);
      const busy = await call(runsRoute.POST, "POST", "/api/v1/disposition/runs", cookies.officer, {});
      expect(busy.status).toBe(409);
      expect(busy.body.error.code).toBe("conflict");
      expect((await executeDispositionRun(first.body.run.id)).ran).toBe(false);
    } finally {
      await executor.query(`SELECT pg_advisory_unlock($1)`, [DISPOSITION_RUN_LOCK]);
      executor.release();
    }
    const resumed = await call(runsRoute.POST, "POST", "/api/v1/disposition/runs", cookies.officer, {});
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ created: false, run: { id: first.body.run.id } });
    expect(await getDb().auditEvent.count({ where: { action: "disposition.run.resume", targetId: first.body.run.id } })).toBe(1);
    expect((await executeDispositionRun(first.body.run.id, { now: T })).status).toBe("SUCCEEDED");
  });

  it("a disabled policy can be dry-run before it is enabled", async () => {
    const marker = newMarker("dsd");
    const f = new ArchiveFixture(marker);
    fixtures.push(f);
    await f.conversation({ id: `c-${marker}`, userId: "u1", lastActiveAt: ago(100), capturedAt: ago(100), messages: 4 });
    const policy = await createPolicy({ name: `Draft ${marker}`, itemTypes: ["CONVERSATION"], sourceId: f.sourceId, periodDays: 30, enabled: false });
    const { dryRun } = await import("@/lib/governance/retention-dry-run");
    const without = await dryRun({ samples: 10 }, { now: T });
    expect(without.samples.some((s) => s.itemId === `c-${marker}`)).toBe(false);
    const withSaved = await dryRun({ policyId: policy, samples: 10 }, { now: T });
    expect(withSaved.perPolicy.find((p) => p.policyId === policy)).toMatchObject({ draft: true, counts: { conversations: 1, messages: 4 } });
    const withDraft = await dryRun({ draft: { name: "new", itemTypes: ["CONVERSATION"], sourceId: f.sourceId, custodianIds: [], periodDays: 200, dateBasis: "CAPTURED", versionsKept: null, enabled: false }, samples: 0 }, { now: T });
    expect(withDraft.perPolicy.find((p) => p.policyId === "draft")).toBeUndefined();
    expect(withDraft.forecast.reduce((n, d) => n + d.conversations, 0)).toBe(0);
  });
});
