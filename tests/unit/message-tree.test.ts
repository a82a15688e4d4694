import { describe, expect, it } from "vitest";
import { buildMessageTree, type TreeNodeInput } from "@/lib/ingest/tree";

const m = (id: string, parentId: string | null, createdAt: number | null = null): TreeNodeInput => ({ id, parentId, createdAt });

describe("message tree", () => {
  it("rebuilds an unordered list with a null-time system root", () => {
    const t = buildMessageTree([m("a1", "u1", 3), m("root", null), m("u1", "root", 2), m("a2", "u2", 5), m("u2", "a1", 4)]);
    expect(t.roots).toEqual(["root"]);
    expect(t.activePath).toEqual(["root", "u1", "a1", "u2", "a2"]);
    expect(t.depth.get("a2")).toBe(4);
    expect(t.leaves).toEqual(["a2"]);
  });

  it("treats a parent missing from the list as a root (dangling parent)", () => {
    const t = buildMessageTree([m("u1", "client-root", 1), m("a1", "u1", 2)]);
    expect(t.roots).toEqual(["u1"]);
    expect(t.danglingParents).toEqual(["u1"]);
    expect(t.activeLeafId).toBe("a1");
  });

  it("handles several roots and picks the newest leaf across them", () => {
    const t = buildMessageTree([m("r1", null, 1), m("x", "r1", 2), m("r2", null, 3), m("y", "r2", 9)]);
    expect(t.roots).toEqual(["r1", "r2"]);
    expect(t.activePath).toEqual(["r2", "y"]);
    expect(t.activeSet.has("x")).toBe(false);
  });

  it("keeps edited-prompt and regenerated branches at several depths", () => {
    // root → u1 → a1 (regenerated as a1b) ; u1 edited as u1b → a3 → u4 → a4 (regenerated a4b, newest)
    const list = [
      m("a4", "u4", 40), m("root", null), m("u1", "root", 10), m("a1", "u1", 11), m("a1b", "u1", 12),
      m("u1b", "root", 20), m("a3", "u1b", 21), m("u4", "a3", 30), m("a4b", "u4", 41),
    ];
    const t = buildMessageTree(list);
    expect(t.children.get("root")).toEqual(["u1", "u1b"]);
    expect(t.children.get("u1")).toEqual(["a1", "a1b"]);
    expect(t.children.get("u4")).toEqual(["a4", "a4b"]);
    expect(t.leaves.sort()).toEqual(["a1", "a1b", "a4", "a4b"]);
    expect(t.activePath).toEqual(["root", "u1b", "a3", "u4", "a4b"]);
  });

  it("lets a leaf without a time inherit its ancestor's, and breaks ties by list order", () => {
    const t = buildMessageTree([m("root", null), m("u", "root", 5), m("tool", "u", null), m("late", "root", 4)]);
    expect(t.activeLeafId).toBe("tool");
    const tie = buildMessageTree([m("r", null, 1), m("b1", "r", 7), m("b2", "r", 7)]);
    expect(tie.activeLeafId).toBe("b2");
  });

  it("survives parent cycles and duplicate ids", () => {
    const t = buildMessageTree([m("a", "c", 1), m("b", "a", 2), m("c", "b", 3), m("a", null, 99)]);
    expect(t.roots).toEqual(["a"]);
    expect(t.activePath).toEqual(["a", "b", "c"]);
    expect(buildMessageTree([]).activeLeafId).toBeNull();
  });

  it("handles a 10,000-message thread with branches without recursion", () => {
    const list: TreeNodeInput[] = [m("n0", null, 0)];
    for (let i = 1; i < 10_000; i++) list.push(m(`n${i}`, `n${i - 1}`, i));
    for (let i = 100; i < 10_000; i += 1000) list.push(m(`alt${i}`, `n${i - 1}`, i + 0.5));
    list.reverse();
    const t = buildMessageTree(list);
    expect(t.activeLeafId).toBe("n9999");
    expect(t.activePath).toHaveLength(10_000);
    expect(t.depth.get("n9999")).toBe(9999);
    expect(t.leaves).toHaveLength(11);
  });
});
