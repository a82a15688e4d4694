// A full sync of a seeded simulator workspace equals the simulator's dataset; a second sync after
// mutations fetches only what changed and versions what changed; deletions are marked, never applied.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { LocalBlobStore } from "@/lib/storage/blob-store";
import { startTestSimulator, type TestHarness } from "@/lib/simulator/test-harness";
import { blobDir, compareArchive, createSimulatorSource, syncOnce, truthOf } from "../factories/capture";

let h: TestHarness;
let sourceId = "";
const store = new LocalBlobStore(blobDir());

beforeAll(async () => {
  h = await startTestSimulator({ seed: 11, size: "small", startAt: Date.now() });
  sourceId = (await createSimulatorSource(h)).id;
});
afterAll(async () => {
  await h?.close();
});

describe("capture from the Compliance API", () => {
  it("archives the whole workspace exactly: ids, counts, content hashes, branches, active branches, files", async () => {
    const result = await syncOnce(sourceId, store);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe("SUCCEEDED");
    const truth = truthOf(h);
    expect(await compareArchive(sourceId, truth)).toEqual([]);

    const db = getDb();
    expect(await db.workspaceUser.count({ where: { sourceId } })).toBe(truth.summary.users);
    expect(await db.conversation.count({ where: { sourceId } })).toBe(truth.summary.conversations);
    expect(await db.message.count({ where: { sourceId } })).toBe(truth.summary.messages);
    expect(await db.gptConfigVersion.count({ where: { gpt: { sourceId } } })).toBe(truth.summary.gptConfigs);
    expect(await db.memory.count({ where: { sourceId } })).toBe(truth.summary.memoryEntries);
    expect(truth.summary.branchedConversations).toBeGreaterThan(0);
    expect(truth.summary.expiredUserFiles).toBeGreaterThan(0);

    const run = await db.syncRun.findUniqueOrThrow({ where: { id: result.runId }, include: { streams: true } });
    const conversations = run.streams.find((s) => s.stream === "conversations")!;
    expect(conversations).toMatchObject({ status: "SUCCEEDED", created: truth.summary.conversations, quarantined: 0 });
    // Every conversation is queued for indexing; its row stands for all its messages (the indexer expands it).
    const stored = (await db.conversation.findMany({ where: { sourceId }, select: { id: true } })).map((c) => c.id);
    const queued = await db.indexOutbox.findMany({ where: { itemType: "CONVERSATION", itemId: { in: stored } }, select: { itemId: true }, distinct: ["itemId"] });
    expect(queued.map((r) => r.itemId).sort()).toEqual(stored.sort());
  });

  it("writes nothing new when nothing changed", async () => {
    const db = getDb();
    const before = { versions: await db.conversationVersion.count(), messages: await db.messageVersion.count(), outbox: await db.indexOutbox.count() };
    const result = await syncOnce(sourceId, store);
    expect(result.status).toBe("SUCCEEDED");
    expect(result.streams.conversations.created + result.streams.conversations.changed).toBe(0);
    expect(await db.conversationVersion.count()).toBe(before.versions);
    expect(await db.messageVersion.count()).toBe(before.messages);
    expect(await db.indexOutbox.count()).toBe(before.outbox);
  });

  it("after mutations fetches only what changed, versions changes, keeps old versions and marks deletions", async () => {
    const db = getDb();
    h.clock.set(Date.now());
    const added = h.simulator.mutate.addConversations(3);
    const grown = h.simulator.mutate.addMessages({ conversations: 4, messagesEach: 2, mode: "mixed" });
    const edited = h.simulator.mutate.editGptConfig(2);
    const reshared = h.simulator.mutate.changeSharing(1);
    const changedMem = h.simulator.mutate.changeMemories(3);
    const deletedMem = h.simulator.mutate.deleteMemories(2);
    const deletedGpt = h.simulator.mutate.deleteGpts(1);
    const configsBefore = await db.gptConfigVersion.count();

    h.simulator.resetStats();
    const result = await syncOnce(sourceId, store, { fullSweep: false });
    expect(result.status).toBe("SUCCEEDED");
    // Conversations: only the ones updated since the watermark were listed.
    const changedConversations = new Set([...added.conversationIds, ...grown.conversationIds]);
    expect(result.streams.conversations.listed).toBe(changedConversations.size);
    expect(result.streams.conversations.created).toBe(added.conversationIds.length);
    expect(result.streams.conversations.changed).toBe(grown.conversationIds.length);
    const snapshot = h.simulator.stats.snapshot();
    const conversationRequests = Object.entries(snapshot.byEndpoint).filter(([k]) => /\/conversations$/.test(k)).reduce((n, [, v]) => n + v, 0);
    expect(conversationRequests).toBeGreaterThan(0);
    expect(conversationRequests).toBeLessThanOrEqual(3); // one short page, perhaps split: not the whole workspace again
    // Configurations were fetched only for the GPTs whose latest configuration is new.
    const configRequests = snapshot.log.filter((e) => /\/gpts\/[^/]+\/configs/.test(e.path)).map((e) => e.path.split("/")[6]);
    expect(new Set(configRequests)).toEqual(new Set(edited.gptIds));

    // GPT configurations: new versions added, old ones kept.
    expect(await db.gptConfigVersion.count()).toBe(configsBefore + edited.configIds.length);
    for (const id of edited.gptIds) expect(await db.gptConfigVersion.count({ where: { gptId: id } })).toBeGreaterThan(1);
    expect(await db.gptVersion.count({ where: { gptId: { in: reshared.gptIds } } })).toBeGreaterThanOrEqual(2 * reshared.gptIds.length);

    // Memories: a CHANGED version after the ADDED one; deleted entries keep their content with a DELETED version.
    const changedRows = await db.memory.findMany({ where: { entryId: { in: changedMem.memoryIds } }, include: { versions: { orderBy: { version: "asc" } } } });
    expect(changedRows.length).toBe(changedMem.memoryIds.length);
    for (const m of changedRows) expect(m.versions.map((v) => v.change)).toEqual(["ADDED", "CHANGED"]);
    const deletedRows = await db.memory.findMany({ where: { entryId: { in: deletedMem.memoryIds } }, include: { versions: { orderBy: { version: "asc" } } } });
    expect(deletedRows.length).toBe(deletedMem.memoryIds.length);
    for (const m of deletedRows) {
      expect(m.deletedAtSource).not.toBeNull();
      expect(m.content).not.toBeNull();
      expect(m.versions.at(-1)?.change).toBe("DELETED");
    }
    // GPTs gone from the source are marked, never removed.
    const gone = await db.gpt.findMany({ where: { id: { in: deletedGpt.gptIds } }, include: { configs: true } });
    expect(gone.length).toBe(1);
    expect(gone[0].deletedAtSource).not.toBeNull();
    expect(gone[0].configs.length).toBeGreaterThan(0);

    expect(await compareArchive(sourceId, truthOf(h))).toEqual([]);
  });

  it("marks conversations deleted at the source on a full reconciliation, keeping their messages", async () => {
    const db = getDb();
    h.clock.set(Date.now());
    const deleted = h.simulator.mutate.deleteConversations(2);
    const retitled = h.simulator.mutate.retitleConversation();
    const result = await syncOnce(sourceId, store, { fullSweep: true });
    expect(result.status).toBe("SUCCEEDED");
    expect(result.streams.conversations.deleted).toBe(2);
    for (const id of deleted.conversationIds) {
      const c = await db.conversation.findUniqueOrThrow({ where: { id }, include: { _count: { select: { messages: true } } } });
      expect(c.deletedAtSource).not.toBeNull();
      expect(c._count.messages).toBeGreaterThan(0);
    }
    const versions = await db.conversationVersion.findMany({ where: { conversationId: retitled.conversationIds[0] }, orderBy: { version: "asc" } });
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(versions[0].title).not.toBe(versions.at(-1)!.title);
    expect(await compareArchive(sourceId, truthOf(h))).toEqual([]);
  });
});
