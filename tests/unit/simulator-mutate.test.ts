// Mutations: each changes the workspace truth, bumps the hidden update time past everything before it,
// reports the ids it touched, and is deterministic given the seed, the mutation sequence and the clock.
import { describe, expect, it } from "vitest";
import { buildDataset, createMutator, datasetDigest, generateWorkspace, SIZE_PRESETS, type Workspace } from "@/lib/simulator";

const CLOCK = Date.UTC(2026, 10, 1);

function setup(seed = 5): { ws: Workspace; mutate: ReturnType<typeof createMutator>; tick: () => void } {
  const ws = generateWorkspace({ seed, size: SIZE_PRESETS.small });
  let now = CLOCK;
  const mutate = createMutator(ws, () => now);
  return { ws, mutate, tick: () => (now += 1_000) };
}

describe("simulator mutations", () => {
  it("are deterministic given seed, sequence and clock", () => {
    const run = () => {
      const { ws, mutate, tick } = setup();
      const results = [
        mutate.addConversations(2),
        (tick(), mutate.addMessages({ conversations: 3, messagesEach: 2 })),
        mutate.retitleConversation(),
        mutate.editGptConfig(2),
        mutate.changeSharing(1),
        mutate.changeMemories(2),
        mutate.addMemories(2),
        mutate.deleteMemories(1),
        mutate.deleteConversations(1),
        mutate.deleteGpts(1),
        mutate.expireFiles(2),
      ];
      return { results, digest: datasetDigest(buildDataset(ws)) };
    };
    const a = run();
    const b = run();
    expect(b).toEqual(a);
  });

  it("addConversations creates new conversations at the end of the update order", () => {
    const { ws, mutate } = setup();
    const before = ws.liveConversationCount();
    const r = mutate.addConversations(3);
    expect(r.conversationIds).toHaveLength(3);
    expect(ws.liveConversationCount()).toBe(before + 3);
    const order = ws.conversationsInUpdateOrder();
    const lastIds = order.slice(-3).map((i) => ws.conversations[i].id);
    expect(lastIds).toEqual(r.conversationIds);
    expect(r.at).toBeGreaterThanOrEqual(CLOCK / 1000);
    const c = ws.getConversation(r.conversationIds[0])!;
    expect(c.messages.data.length).toBeGreaterThan(2);
    expect(c.last_active_at).toBeLessThanOrEqual(r.at!);
  });

  it("addMessages appends, edits and regenerates with the new message as the active leaf", () => {
    for (const mode of ["append", "edit", "regenerate"] as const) {
      const { ws, mutate } = setup(17);
      const r = mutate.addMessages({ conversations: 4, messagesEach: 2, mode });
      expect(r.conversationIds).toHaveLength(4);
      expect(r.messageIds).toHaveLength(8);
      for (const [k, id] of r.conversationIds.entries()) {
        const c = ws.getConversation(id)!;
        const added = r.messageIds.slice(k * 2, k * 2 + 2);
        for (const m of added) expect(c.messages.data.some((x) => x.id === m)).toBe(true);
        expect(ws.expectedActiveLeaf(id)).toBe(added[1]);
        const first = c.messages.data.find((x) => x.id === added[0])!;
        expect(first.author.role).toBe(mode === "regenerate" ? "assistant" : mode === "edit" ? "user" : first.author.role);
        if (mode !== "append") expect(ws.branchPoints(id)).toContain(first.parent_id);
        expect(ws.conversationEntry(id)!.updatedAt).toBeGreaterThanOrEqual(CLOCK / 1000);
        expect(c.last_active_at).toBe(ws.conversationEntry(id)!.updatedAt);
      }
    }
  });

  it("retitle, GPT edits, sharing, memories, deletions and file expiry change the truth", () => {
    const { ws, mutate } = setup(23);
    const before = buildDataset(ws);

    const retitled = mutate.retitleConversation();
    const cid = retitled.conversationIds[0];
    expect(ws.getConversation(cid)!.title).toBe(retitled.title);

    const edited = mutate.editGptConfig(2);
    for (const [i, gid] of edited.gptIds.entries()) {
      const g = ws.getGizmo("gpt", gid)!;
      expect(g.configs[g.configs.length - 1].id).toBe(edited.configIds[i]);
    }

    const visibilityBefore = new Map(ws.gpts.map((g) => [g.id, g.visibility]));
    const shared = mutate.changeSharing(1);
    expect(ws.getGizmo("gpt", shared.gptIds[0])!.visibility).not.toBe(visibilityBefore.get(shared.gptIds[0]));

    const changed = mutate.changeMemories(2);
    const added = mutate.addMemories(2);
    const deleted = mutate.deleteMemories(1);
    const deletedConversations = mutate.deleteConversations(2);
    const deletedGpts = mutate.deleteGpts(1);
    const expired = mutate.expireFiles(2);

    const after = buildDataset(ws);
    expect(after.conversations[cid].sha256).not.toBe(before.conversations[cid].sha256);
    for (const gid of edited.gptIds) expect(after.gpts[gid]?.configs.length ?? 0).toBe((before.gpts[gid]?.configs.length ?? 0) + 1);
    expect(after.gpts[shared.gptIds[0]] === undefined || after.gpts[shared.gptIds[0]].sha256 !== before.gpts[shared.gptIds[0]].sha256).toBe(true);
    for (const [i, uid] of changed.userIds.entries()) expect(after.memories[uid].entries[changed.memoryIds[i]].sha256).not.toBe(before.memories[uid].entries[changed.memoryIds[i]].sha256);
    for (const [i, uid] of added.userIds.entries()) expect(after.memories[uid].entries[added.memoryIds[i]]).toBeDefined();
    expect(after.memories[deleted.userIds[0]].entries[deleted.memoryIds[0]]).toBeUndefined();
    for (const id of deletedConversations.conversationIds) expect(after.conversations[id]).toBeUndefined();
    expect(after.gpts[deletedGpts.gptIds[0]]).toBeUndefined();
    expect(expired.fileIds).toHaveLength(2);
    for (const f of expired.fileIds) {
      expect(before.files[f].expired).toBe(false);
      expect(after.files[f].expired).toBe(true);
    }
    expect(after.summary.conversations).toBe(before.summary.conversations - 2);
  });

  it("hands out strictly increasing hidden update times even when the clock stands still", () => {
    const { ws, mutate } = setup();
    const a = mutate.retitleConversation();
    const b = mutate.retitleConversation();
    expect(b.at!).toBeGreaterThan(a.at!);
    expect(ws.lastUpdateAt).toBe(b.at);
  });

  it("postMessage appends exactly the given text as the new active leaf", () => {
    const { ws, mutate } = setup(23);
    const text = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    const target = ws.conversations.find((e) => e && !e.deleted)!.id;
    const r = mutate.postMessage({ conversationId: target, text });
    expect(r.conversationIds).toEqual([target]);
    const c = ws.getConversation(target)!;
    const m = c.messages.data.find((x) => x.id === r.messageIds[0])!;
    expect(m.author.role).toBe("user");
    expect(m.content?.value).toBe(text);
    expect(c.last_active_at).toBe(r.at);
    expect(() => mutate.postMessage({ conversationId: "no-such-conversation", text })).toThrow(/Unknown conversation/);
  });

  it("memory changes and deletions can be limited to one user", () => {
    const { ws, mutate } = setup(29);
    const userId = Array.from(ws.memories.values()).find((m) => m.contexts.flatMap((c) => c.entries).length >= 2)!.userId;
    const changed = mutate.changeMemories(1, userId);
    const deleted = mutate.deleteMemories(1, userId);
    expect(changed.userIds).toEqual([userId]);
    expect(deleted.userIds).toEqual([userId]);
    expect(() => mutate.deleteMemories(1, "user-nobody")).toThrow(/Unknown user/);
  });
});
