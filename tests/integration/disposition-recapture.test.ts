// Retention is final against later syncs: what disposition removed is not captured again from the source,
// where it still exists. A disposed conversation stays gone on a full sweep; when its owner writes in it
// again, only the new activity comes back (never the disposed messages). GPT configuration versions
// disposed of are not re-inserted when the GPT's history is fetched again after an edit.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { LocalBlobStore } from "@/lib/storage/blob-store";
import { startTestSimulator, type TestHarness } from "@/lib/simulator/test-harness";
import { createPolicy, updatePolicy } from "@/lib/governance/retention";
import { policyInputSchema } from "@/lib/governance/retention-schemas";
import { executeDispositionRun, requestDispositionRun } from "@/lib/governance/disposition";
import type { SessionUser } from "@/lib/auth/session-user";
import { blobDir, createSimulatorSource, syncOnce } from "../factories/capture";
import { createTestUser } from "../factories/users";

const marker = `dr${randomBytes(5).toString("hex")}`;
const store = new LocalBlobStore(blobDir());
let h: TestHarness;
let sourceId = "";
let officer: SessionUser;
const policyIds: string[] = [];

/** Runs disposition now + 400 days, so everything an enabled policy covers is due. */
async function dispose() {
  const { run } = await requestDispositionRun({ trigger: "MANUAL", requestedById: officer.id });
  const result = await executeDispositionRun(run.id, { now: new Date(Date.now() + 400 * 86_400_000), blobStore: store });
  expect(result.status).toBe("SUCCEEDED");
  return result;
}

async function policy(input: Record<string, unknown>) {
  const created = await createPolicy(policyInputSchema.parse({ sourceId, periodDays: 1, dateBasis: "SOURCE_CREATED", enabled: true, ...input }), officer);
  policyIds.push(created.id);
  return created;
}

beforeAll(async () => {
  h = await startTestSimulator({ seed: 909, size: "small", startAt: Date.now(), workspaceId: `ws-${marker}` });
  sourceId = (await createSimulatorSource(h, `Recapture ${marker}`)).id;
  const u = await createTestUser({ role: "OFFICER" });
  officer = { id: u.id, email: u.email, name: u.name, role: "OFFICER" };
  expect((await syncOnce(sourceId, store)).status).toBe("SUCCEEDED");
});

afterAll(async () => {
  // Leave no enabled policy behind for other files' disposition runs.
  for (const id of policyIds) await updatePolicy(id, { enabled: false }, officer);
  await h?.close();
});

describe("capture after disposition", () => {
  it("does not capture a disposed conversation again, and brings back only activity after its disposal", async () => {
    const db = getDb();
    const target = await db.conversation.findFirstOrThrow({ where: { sourceId, messageCount: { gte: 3 } }, orderBy: { id: "asc" } });
    const p = await policy({ name: `Chats ${marker}`, itemTypes: ["CONVERSATION"], custodianIds: [target.userId] });
    await dispose();
    expect(await db.conversation.findUnique({ where: { id: target.id } })).toBeNull();
    expect(await db.dispositionRecord.findUnique({ where: { itemType_itemId: { itemType: "CONVERSATION", itemId: target.id } } })).not.toBeNull();
    const disposedMessages = await db.dispositionRecord.count({ where: { itemType: "MESSAGE", policyId: p.id } });
    expect(disposedMessages).toBeGreaterThan(0);
    await updatePolicy(p.id, { enabled: false }, officer);

    // A full sweep lists it again (the source still has it): it stays disposed.
    const full = await syncOnce(sourceId, store, { fullSweep: true });
    expect(full.status).toBe("SUCCEEDED");
    expect(await db.conversation.findUnique({ where: { id: target.id } })).toBeNull();
    expect(await db.message.count({ where: { conversationId: target.id } })).toBe(0);

    // The custodian writes in it again: the conversation returns with the new message only.
    h.clock.set(Date.now() + 60_000);
    const posted = h.simulator.mutate.postMessage({ conversationId: target.id, text: `Back again ${marker}` });
    expect((await syncOnce(sourceId, store, { fullSweep: false })).status).toBe("SUCCEEDED");
    const revived = await db.message.findMany({ where: { conversationId: target.id }, select: { id: true, text: true } });
    expect(revived).toEqual([{ id: posted.messageIds[0], text: `Back again ${marker}` }]);
    const disposedIds = (await db.dispositionRecord.findMany({ where: { itemType: "MESSAGE", policyId: p.id }, select: { itemId: true } })).map((r) => r.itemId);
    expect(await db.message.count({ where: { id: { in: disposedIds } } })).toBe(0);
  });

  it("does not re-insert disposed GPT configuration versions when the GPT's history is fetched again", async () => {
    const db = getDb();
    const gpts = await db.gpt.findMany({ where: { sourceId, deletedAtSource: null }, select: { id: true, _count: { select: { configs: true } } } });
    const before = new Map(gpts.map((g) => [g.id, g._count.configs]));
    expect([...before.values()].some((n) => n > 1)).toBe(true);
    const p = await policy({ name: `Configs ${marker}`, itemTypes: ["GPT_CONFIG"], versionsKept: 1 });
    await dispose();
    await updatePolicy(p.id, { enabled: false }, officer);
    for (const g of gpts) expect(await db.gptConfigVersion.count({ where: { gptId: g.id } })).toBe(Math.min(1, before.get(g.id)!));
    expect(await db.dispositionRecord.count({ where: { itemType: "GPT_CONFIG", policyId: p.id } })).toBe([...before.values()].reduce((a, n) => a + Math.max(0, n - 1), 0));

    // Edits make the next sync fetch those GPTs' whole configuration history again (disposed versions included).
    h.clock.set(Date.now() + 120_000);
    const edited = new Set(h.simulator.mutate.editGptConfig(3).gptIds);
    expect([...edited].some((id) => before.get(id)! > 1), "an edited GPT had disposed versions").toBe(true);
    expect((await syncOnce(sourceId, store, { fullSweep: false })).status).toBe("SUCCEEDED");
    for (const id of edited) expect(await db.gptConfigVersion.count({ where: { gptId: id } })).toBe(2);
  });
});
