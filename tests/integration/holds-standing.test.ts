// Standing legal holds against the in-process Compliance API simulator: an ACTIVE hold on a custodian holds
// that custodian's conversation captured by a later sync, with no manual step (the sync evaluates standing
// holds before it reports its end); a query hold picks up new matches through the periodic holds.evaluate
// job once the indexer has written them. Drafts and other custodians' holds are untouched.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { LocalBlobStore } from "@/lib/storage/blob-store";
import { startTestSimulator, type TestHarness } from "@/lib/simulator/test-harness";
import { activateHold, createHold, holdsCovering } from "@/lib/governance/holds";
import { holdScopeSchema } from "@/lib/governance/hold-schemas";
import { getJob } from "@/lib/jobs/definitions";
import { PostgresSearchEngine } from "@/lib/search/engines/postgres";
import { closeSearchEngine } from "@/lib/search/engine";
import { drainOutbox } from "@/lib/search/indexer";
import type { SessionUser } from "@/lib/auth/session-user";
import { blobDir, createSimulatorSource, syncOnce } from "../factories/capture";
import { createTestUser } from "../factories/users";

const marker = `hs${randomBytes(5).toString("hex")}`;
let h: TestHarness;
let sourceId = "";
let officer: SessionUser;
let startMark = BigInt(0);
const store = new LocalBlobStore(blobDir());

const scope = (input: Parameters<typeof holdScopeSchema.parse>[0]) => holdScopeSchema.parse(input);

async function heldBy(holdId: string, itemType: "CONVERSATION", itemId: string) {
  return getDb().heldItem.findUnique({ where: { holdId_itemType_itemId: { holdId, itemType, itemId } } });
}

beforeAll(async () => {
  const last = await getDb().indexOutbox.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  startMark = last?.id ?? BigInt(0);
  h = await startTestSimulator({ seed: 606, size: "small", startAt: Date.now(), workspaceId: `ws-${marker}` });
  sourceId = (await createSimulatorSource(h, `Holds ${marker}`)).id;
  const u = await createTestUser({ role: "OFFICER" });
  officer = { id: u.id, email: u.email, name: u.name, role: "OFFICER" };
  const first = await syncOnce(sourceId, store);
  expect(first.status).toBe("SUCCEEDED");
});

afterAll(async () => {
  const db = getDb();
  await db.legalHold.deleteMany({ where: { name: { contains: marker } } });
  await db.indexOutbox.updateMany({ where: { id: { gt: startMark }, processedAt: null }, data: { processedAt: new Date() } });
  if (sourceId) await db.$executeRaw`DELETE FROM "SearchDocument" WHERE "sourceId" = ${sourceId}`;
  await closeSearchEngine();
  await h?.close();
});

describe("standing holds", () => {
  it("holds a custodian's conversation captured after activation, without any manual step", async () => {
    const db = getDb();
    h.clock.set(Date.now());
    const added = h.simulator.mutate.addConversations(1);
    const [conversationId] = added.conversationIds;
    const [custodian] = added.userIds;
    expect(await db.conversation.findUnique({ where: { id: conversationId } })).toBeNull();
    const other = await db.workspaceUser.findFirstOrThrow({ where: { sourceId, id: { not: custodian } }, orderBy: { id: "asc" } });

    const hold = await createHold({ name: `Custodian ${marker}`, scope: scope({ custodianIds: [custodian] }) }, officer);
    const activation = await activateHold(hold.id, officer);
    const before = await db.conversation.count({ where: { sourceId, userId: custodian } });
    expect(before).toBeGreaterThan(0);
    expect(activation.counts.byType.CONVERSATION).toBe(before);
    const draft = await createHold({ name: `Draft ${marker}`, scope: scope({ custodianIds: [custodian] }) }, officer);
    const otherHold = await createHold({ name: `Other ${marker}`, scope: scope({ custodianIds: [other.id] }) }, officer);
    await activateHold(otherHold.id, officer);
    expect(await heldBy(hold.id, "CONVERSATION", conversationId)).toBeNull();
    const outboxMark = (await db.indexOutbox.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))!.id;

    const result = await syncOnce(sourceId, store, { fullSweep: false });
    expect(result.status).toBe("SUCCEEDED");
    expect(result.streams.conversations.created).toBe(1);
    const captured = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(captured.userId).toBe(custodian);

    // Held by the sync itself: by scope, under the active hold only.
    expect(await heldBy(hold.id, "CONVERSATION", conversationId)).toMatchObject({ heldBy: "SCOPE" });
    expect(await db.heldItem.count({ where: { holdId: hold.id, itemType: "CONVERSATION" } })).toBe(before + 1);
    expect(await db.heldItem.count({ where: { holdId: draft.id } })).toBe(0);
    expect(await heldBy(otherHold.id, "CONVERSATION", conversationId)).toBeNull();
    // Audited, queued for reindexing (so held:yes follows), and shown on its messages' pages.
    const events = await db.auditEvent.findMany({ where: { action: "hold.standing.add", targetId: hold.id } });
    expect(events).toHaveLength(1);
    expect(events[0].details).toMatchObject({ added: 1, sourceId });
    expect(await db.indexOutbox.count({ where: { id: { gt: outboxMark }, itemType: "CONVERSATION", itemId: conversationId } })).toBeGreaterThan(0);
    const message = await db.message.findFirstOrThrow({ where: { conversationId } });
    const [covering] = await holdsCovering([{ itemType: "MESSAGE", itemId: message.id }]);
    expect(covering.holds.map((c) => c.id)).toEqual([hold.id]);

    // A sync that brings nothing new adds nothing (and writes no audit noise).
    expect((await syncOnce(sourceId, store, { fullSweep: false })).status).toBe("SUCCEEDED");
    expect(await db.auditEvent.count({ where: { action: "hold.standing.add", targetId: hold.id } })).toBe(1);
  });

  it("holds new query matches through the periodic holds.evaluate job once they are indexed", async () => {
    const db = getDb();
    const hold = await createHold({ name: `Query ${marker}`, scope: scope({ query: `"${marker} subpoena"` }) }, officer);
    const activation = await activateHold(hold.id, officer);
    expect(activation.counts.total).toBe(0);

    h.clock.set(Date.now());
    const posted = h.simulator.mutate.postMessage({ text: `Please keep the ${marker} subpoena file`, role: "user" });
    const [conversationId] = posted.conversationIds;
    expect((await syncOnce(sourceId, store, { fullSweep: false })).status).toBe("SUCCEEDED");
    // Not indexed yet, so capture-time evaluation cannot see it.
    expect(await heldBy(hold.id, "CONVERSATION", conversationId)).toBeNull();

    // The indexer runs (this file's rows only), then the periodic job.
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    try {
      const { rows: parked } = await pool.query<{ id: string }>(
        `UPDATE "IndexOutbox" SET "availableAt" = "availableAt" + interval '100 years' WHERE "processedAt" IS NULL AND id <= $1 RETURNING id::text`,
        [startMark.toString()],
      );
      try {
        const engine = new PostgresSearchEngine(pool);
        await engine.ensureReady();
        expect(await drainOutbox(engine, { pool })).toMatchObject({ ran: true, failed: 0 });
      } finally {
        await pool.query(`UPDATE "IndexOutbox" SET "availableAt" = "availableAt" - interval '100 years' WHERE id = ANY($1::bigint[])`, [parked.map((r) => r.id)]);
      }
    } finally {
      await pool.end();
    }
    const job = getJob("holds.evaluate");
    expect(job.schedule?.()).toBe("*/15 * * * *");
    await job.run({}, { jobId: `test-${marker}` });
    expect(await heldBy(hold.id, "CONVERSATION", conversationId)).toMatchObject({ heldBy: "SCOPE" });
    expect(await db.heldItem.count({ where: { holdId: hold.id } })).toBe(1);
    // Idempotent: a second run adds nothing.
    await job.run({}, { jobId: `test-${marker}-2` });
    expect(await db.heldItem.count({ where: { holdId: hold.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "hold.standing.add", targetId: hold.id } })).toBe(1);
  });
});
