// The conversation page's thread: the active branch, or — for a linked message off it (a search hit on an
// edited prompt or a regenerated answer) — the branch through that message.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { getConversationThread } from "@/lib/archive/queries";

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
      const thread = (await getConversationThread(conv, focus))!;
      expect(thread.onActiveBranch).toBe(true);
      expect(thread.messages.map((m) => m.id)).toEqual([id("root"), id("q1"), id("a2")]);
      expect(thread.totalMessages).toBe(5);
    }
  });

  it("shows the branch through a message off the active branch: its ancestors, then down from it", async () => {
    const thread = (await getConversationThread(conv, id("a1")))!;
    expect(thread.onActiveBranch).toBe(false);
    expect(thread.messages.map((m) => m.id)).toEqual([id("root"), id("q1"), id("a1"), id("q2")]);
    const deep = (await getConversationThread(conv, id("q2")))!;
    expect(deep.messages.map((m) => m.id)).toEqual([id("root"), id("q1"), id("a1"), id("q2")]);
  });

  it("finds nothing for an unknown conversation, even with a known message", async () => {
    expect(await getConversationThread("no-such-conversation", id("a1"))).toBeNull();
  });
});
