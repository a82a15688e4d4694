// The reader's thread: the active branch, or — for a linked message off it (a search hit on an edited
// prompt or a regenerated answer) — the branch through that message; siblings for the "2 / 3" switcher.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { getConversationReader } from "@/lib/archive/reader";

const conv = `conv-thread-${randomUUID()}`;
const id = (name: string) => `${conv}-${name}`;

beforeAll(async () => {
  const db = getDb();
  await db.conversation.create({ data: { id: conv, sourceId: "src-thread", userId: "u-thread", rawJson: {}, sha256: "x", activeLeafId: id("a2") } });
  // root → q1 → a1 (regenerated, older) → q2 (follow-up on the old answer)
  //            → a2 (active, newest)
  const nodes: [string, string | null, string, number, boolean][] = [
    ["root", null, "system", 0, true],
    ["q1", "root", "user", 1, true],
    ["a1", "q1", "assistant", 2, false],
    ["q2", "a1", "user", 3, false],
    ["a2", "q1", "assistant", 4, true],
  ];
  await db.message.createMany({
    data: nodes.map(([name, parent, role, minute, active], depth) => ({
      id: id(name),
      conversationId: conv,
      sourceId: "src-thread",
      parentId: parent ? id(parent) : null,
      authorRole: role,
      text: `${name} text`,
      createdAtSource: new Date(Date.UTC(2025, 0, 1, 0, minute)),
      depth: name === "a2" ? 2 : depth,
      isActiveBranch: active,
      rawJson: {},
      sha256: name,
    })),
  });
});

describe("conversation thread", () => {
  it("shows the active branch by default and for a message on it", async () => {
    for (const focus of [null, id("q1"), id("a2"), "not-a-message"]) {
      const thread = (await getConversationReader(conv, { focusId: focus }))!;
      expect(thread.onActiveBranch).toBe(true);
      expect(thread.messages.map((m) => m.id)).toEqual([id("root"), id("q1"), id("a2")]);
      expect(thread.messages.map((m) => m.text)).toEqual(["root text", "q1 text", "a2 text"]);
      expect(thread.totalMessages).toBe(5);
      expect(thread.focusId).toBe(focus === "not-a-message" ? null : focus);
    }
  });

  it("shows the branch through a message off the active branch: its ancestors, then down from it", async () => {
    const thread = (await getConversationReader(conv, { focusId: id("a1") }))!;
    expect(thread.onActiveBranch).toBe(false);
    expect(thread.messages.map((m) => m.id)).toEqual([id("root"), id("q1"), id("a1"), id("q2")]);
    const deep = (await getConversationReader(conv, { focusId: id("q2") }))!;
    expect(deep.messages.map((m) => m.id)).toEqual([id("root"), id("q1"), id("a1"), id("q2")]);
  });

  it("gives each message its siblings: the regenerated answers are 1 / 2 and 2 / 2", async () => {
    const active = (await getConversationReader(conv))!;
    const a2 = active.messages.find((m) => m.id === id("a2"))!;
    expect([a2.position, a2.siblingCount, a2.prevSiblingId, a2.nextSiblingId]).toEqual([2, 2, id("a1"), null]);
    const q1 = active.messages.find((m) => m.id === id("q1"))!;
    expect([q1.position, q1.siblingCount]).toEqual([1, 1]);
    const alt = (await getConversationReader(conv, { focusId: id("a1") }))!;
    const a1 = alt.messages.find((m) => m.id === id("a1"))!;
    expect([a1.position, a1.siblingCount, a1.prevSiblingId, a1.nextSiblingId]).toEqual([1, 2, null, id("a2")]);
    expect(active.leafCount).toBe(2);
    expect(active.branchPointCount).toBe(1);
  });

  it("finds nothing for an unknown conversation, even with a known message", async () => {
    expect(await getConversationReader("no-such-conversation", { focusId: id("a1") })).toBeNull();
  });
});
