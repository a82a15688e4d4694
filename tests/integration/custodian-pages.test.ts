// The custodian list and page reads: volumes, keyset paging over every sort, the activity histogram, the
// memory timeline (versions in order, change kinds, filters) and the memory.view audit events. Everything
// is scoped to this file's own users (the run's database is shared by the integration files).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import {
  custodianSorts,
  getActivityHistogram,
  getCustodian,
  getMemoryCounts,
  listCustodianStatuses,
  listCustodians,
  listMemoryTimeline,
  memoryPageOf,
  recordMemoryViews,
  type CustodianListInput,
} from "@/lib/archive/custodians";
import { diffWords } from "@/components/custodian/word-diff";

const marker = randomUUID().slice(0, 8);
const sourceId = `src-cust-${marker}`;
const uid = (n: string) => `wu-${marker}-${n}`;
const at = (month: number, d: number, h = 10) => new Date(Date.UTC(2025, month - 1, d, h));

// name, conversations (each with messageCount), last active, removed, status
const people: { key: string; name: string | null; convs: number[]; active: Date | null; removed?: boolean; status: string }[] = [
  { key: "ana", name: `Ana ${marker}`, convs: [3, 4], active: at(3, 10), status: "active" },
  { key: "bo", name: `bo ${marker}`, convs: [10], active: at(3, 12), status: "active" },
  { key: "cy", name: null, convs: [], active: null, status: "active" },
  { key: "di", name: `Di ${marker}`, convs: [1, 1, 1], active: at(3, 10), status: "inactive" },
  { key: "ed", name: `Ed ${marker}`, convs: [5], active: at(2, 1), removed: true, status: "inactive" },
  { key: "fay", name: `Fay ${marker}`, convs: [2, 2], active: null, status: "active" },
];

let memIds: { added: string; changed: string; deleted: string; readded: string };

beforeAll(async () => {
  const db = getDb();
  await db.workspaceUser.createMany({
    data: people.map((p) => ({
      id: uid(p.key),
      sourceId,
      email: `${p.key}-${marker}@example.test`,
      name: p.name,
      status: p.status,
      role: "standard-user",
      createdAtSource: at(1, 1),
      deletedAtSource: p.removed ? at(3, 1) : null,
      rawJson: {},
      sha256: "u",
    })),
  });
  let n = 0;
  for (const p of people) {
    for (const [i, count] of p.convs.entries()) {
      await db.conversation.create({
        data: {
          id: `conv-cust-${marker}-${n++}`,
          sourceId,
          userId: uid(p.key),
          title: `${p.key} ${i}`,
          messageCount: count,
          lastActiveAt: i === 0 ? p.active : p.active && new Date(p.active.getTime() - 86_400_000),
          createdAtSource: at(1, 5),
          rawJson: {},
          sha256: "c",
        },
      });
    }
  }
  await db.gpt.createMany({
    data: [1, 2].map((i) => ({ id: `g-cust-${marker}-${i}`, sourceId, ownerId: uid("ana"), name: `GPT ${i}`, rawJson: {}, sha256: "g" })),
  });

  // Ana's messages: three on 2025-03-10 (one just before midnight UTC), one on 03-08, one far back on 2024-01-02.
  const ana = `conv-cust-${marker}-0`;
  const times = [at(3, 10, 0), at(3, 10, 12), new Date(Date.UTC(2025, 2, 10, 23, 59, 59, 999)), at(3, 8), new Date(Date.UTC(2024, 0, 2, 5))];
  await db.message.createMany({
    data: times.map((t, i) => ({ id: `msg-cust-${marker}-${i}`, conversationId: ana, sourceId, authorRole: i % 2 ? "assistant" : "user", createdAtSource: t, rawJson: {}, sha256: "m" })),
  });
  // Undated messages are not counted.
  await db.message.create({ data: { id: `msg-cust-${marker}-undated`, conversationId: ana, sourceId, authorRole: "user", rawJson: {}, sha256: "m" } });

  // Ana's memories: one only added; one added then changed; one deleted; one deleted and re-added (changed).
  const memory = async (entry: string, versions: { change: "ADDED" | "CHANGED" | "DELETED"; content: string; day: number }[]) => {
    const lastV = versions[versions.length - 1];
    const m = await db.memory.create({
      data: {
        sourceId,
        userId: uid("ana"),
        contextId: uid("ana"),
        entryId: `${entry}-${marker}`,
        content: lastV.content,
        updatedAtSource: at(2, versions.filter((v) => v.change !== "DELETED").at(-1)!.day),
        currentVersion: versions.length,
        deletedAtSource: lastV.change === "DELETED" ? at(2, lastV.day) : null,
        rawJson: {},
        sha256: entry,
      },
    });
    // Inserted newest first, so the order has to come from the query.
    for (const [i, v] of [...versions.entries()].reverse()) {
      await db.memoryVersion.create({
        data: { memoryId: m.id, version: i + 1, change: v.change, content: v.content, updatedAtSource: at(2, v.day), capturedAt: at(2, v.day, 11), rawJson: {}, sha256: `${entry}-${i}` },
      });
    }
    return m.id;
  };
  memIds = {
    added: await memory("added", [{ change: "ADDED", content: "Likes tea.", day: 1 }]),
    changed: await memory("changed", [
      { change: "ADDED", content: "Works in the Lisbon office.", day: 2 },
      { change: "CHANGED", content: "Works in the Porto office since March.", day: 5 },
    ]),
    deleted: await memory("deleted", [
      { change: "ADDED", content: "Has a dog named Rex.", day: 3 },
      { change: "DELETED", content: "Has a dog named Rex.", day: 6 },
    ]),
    readded: await memory("readded", [
      { change: "ADDED", content: "Prefers Spanish.", day: 4 },
      { change: "DELETED", content: "Prefers Spanish.", day: 7 },
      { change: "CHANGED", content: "Prefers Spanish.", day: 8 },
    ]),
  };
});

describe("getCustodian", () => {
  it("returns the profile with volumes and owned GPTs", async () => {
    const c = (await getCustodian(uid("ana")))!;
    expect(c.user.email).toBe(`ana-${marker}@example.test`);
    expect(c.counts).toMatchObject({ conversations: 2, messages: 7, gpts: 2, deletedConversations: 0 });
    expect(c.counts.memories).toEqual({ all: 4, current: 3, changed: 2, deleted: 1 });
    expect(c.gpts.map((g) => g.name)).toEqual(["GPT 1", "GPT 2"]);
    expect(c.lastActiveAt).toEqual(at(3, 10));
    expect(await getCustodian(`nobody-${marker}`)).toBeNull();
  });
});

describe("getActivityHistogram", () => {
  it("counts messages per UTC day in a window ending on the latest message, zeros included", async () => {
    const h = await getActivityHistogram(uid("ana"), "30");
    expect(h.bucket).toBe("day");
    expect(h.to).toBe("2025-03-10");
    expect(h.from).toBe("2025-02-09");
    expect(h.buckets).toHaveLength(30);
    expect(h.buckets.find((b) => b.start === "2025-03-10")!.count).toBe(3);
    expect(h.buckets.find((b) => b.start === "2025-03-08")!.count).toBe(1);
    expect(h.buckets.find((b) => b.start === "2025-03-09")!.count).toBe(0);
    expect(h.total).toBe(4);
    expect(h.max).toBe(3);
  });

  it("covers the whole active span for 'all', per week past a year", async () => {
    const h = await getActivityHistogram(uid("ana"), "all");
    expect(h.bucket).toBe("week");
    expect(h.total).toBe(5);
    // 2024-01-02 is a Tuesday: its week starts on Monday 2024-01-01; 2025-03-10 is a Monday.
    expect(h.from).toBe("2024-01-01");
    expect(h.to).toBe("2025-03-10");
    expect(h.buckets.find((b) => b.start === "2025-03-10")!.count).toBe(3);
    expect(h.buckets.find((b) => b.start === "2025-03-03")!.count).toBe(1);
    expect(h.buckets.every((b, i) => i === 0 || Date.parse(b.start) - Date.parse(h.buckets[i - 1].start) === 7 * 86_400_000)).toBe(true);
  });

  it("is empty for someone without dated messages", async () => {
    expect(await getActivityHistogram(uid("cy"), "180")).toMatchObject({ buckets: [], total: 0, from: null });
  });
});

describe("memory timeline", () => {
  it("lists every memory with its versions in order and their change kinds", async () => {
    const { memories, total } = await listMemoryTimeline(uid("ana"));
    expect(total).toBe(4);
    const byId = new Map(memories.map((m) => [m.id, m]));
    expect(byId.get(memIds.changed)!.versions.map((v) => [v.version, v.change, v.content])).toEqual([
      [1, "ADDED", "Works in the Lisbon office."],
      [2, "CHANGED", "Works in the Porto office since March."],
    ]);
    expect(byId.get(memIds.deleted)!.versions.map((v) => v.change)).toEqual(["ADDED", "DELETED"]);
    expect(byId.get(memIds.deleted)!.deletedAtSource).not.toBeNull();
    expect(byId.get(memIds.readded)!.versions.map((v) => v.change)).toEqual(["ADDED", "DELETED", "CHANGED"]);
    for (const m of memories) {
      const times = m.versions.map((v) => v.capturedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    // Most recently updated at source first.
    expect(memories.map((m) => m.id)).toEqual([memIds.readded, memIds.changed, memIds.deleted, memIds.added]);
  });

  it("filters current, changed and deleted entries, and counts each", async () => {
    const ids = async (f: "current" | "changed" | "deleted") => (await listMemoryTimeline(uid("ana"), f)).memories.map((m) => m.id).sort();
    expect(await ids("current")).toEqual([memIds.added, memIds.changed, memIds.readded].sort());
    expect(await ids("changed")).toEqual([memIds.changed, memIds.readded].sort());
    expect(await ids("deleted")).toEqual([memIds.deleted]);
    expect(await getMemoryCounts(uid("ana"))).toEqual({ all: 4, current: 3, changed: 2, deleted: 1 });
  });

  it("pages", async () => {
    const p1 = await listMemoryTimeline(uid("ana"), "all", 1, 3);
    const p2 = await listMemoryTimeline(uid("ana"), "all", 2, 3);
    expect(p1.pageCount).toBe(2);
    expect([...p1.memories, ...p2.memories].map((m) => m.id)).toHaveLength(4);
    expect((await listMemoryTimeline(uid("ana"), "all", 0, 3)).page).toBe(1);
  });

  it("finds the page holding a memory for deep links, or none when the filter hides it", async () => {
    // Order: readded, changed, deleted, added — with 3 per page, "added" is on page 2.
    expect(await memoryPageOf(uid("ana"), "all", memIds.added, 3)).toBe(2);
    expect(await memoryPageOf(uid("ana"), "all", memIds.readded, 3)).toBe(1);
    expect(await memoryPageOf(uid("ana"), "current", memIds.deleted, 3)).toBeNull();
    expect(await memoryPageOf(uid("ana"), "all", "no-such-memory", 3)).toBeNull();
  });

  it("audits each memory shown as memory.view, in one batch", async () => {
    const viewer = { id: `viewer-${marker}`, email: `Viewer-${marker}@example.test`, role: "REVIEWER" as const };
    const ids = [memIds.changed, memIds.deleted];
    await recordMemoryViews(viewer, uid("ana"), ids);
    const rows = await getDb().auditEvent.findMany({ where: { actorId: viewer.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.action, r.targetType, r.targetId])).toEqual(ids.map((id) => ["memory.view", "memory", id]));
    expect(rows[0].actorEmail).toBe(viewer.email.toLowerCase());
    expect(rows[0].details).toEqual({ userId: uid("ana") });
    expect(rows[1].seq - rows[0].seq).toBe(BigInt(1));
    await recordMemoryViews(viewer, uid("ana"), []);
    expect(await getDb().auditEvent.count({ where: { actorId: viewer.id } })).toBe(2);
  });
});

describe("listCustodians", () => {
  const mine = { q: marker, removed: "1" as const };

  async function collect(input: CustodianListInput, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const res = await listCustodians({ ...input, limit, cursor });
      ids.push(...res.custodians.map((c) => c.id));
      if (!res.nextCursor) return ids;
      cursor = res.nextCursor;
    }
    throw new Error("paging did not end");
  }

  it("shows volumes, owned GPTs and current memories per custodian", async () => {
    const { custodians } = await listCustodians({ ...mine, limit: 50 });
    const ana = custodians.find((c) => c.id === uid("ana"))!;
    expect(ana).toMatchObject({ conversations: 2, messages: 7, gpts: 2, memories: 3, lastActiveAt: at(3, 10) });
    expect(custodians.find((c) => c.id === uid("cy"))).toMatchObject({ conversations: 0, messages: 0, gpts: 0, memories: 0, lastActiveAt: null });
  });

  it("sorts by name (name, else e-mail, case-insensitively) by default", async () => {
    const { custodians, sort, dir } = await listCustodians({ ...mine });
    expect([sort, dir]).toEqual(["name", "asc"]);
    expect(custodians.map((c) => c.id)).toEqual(["ana", "bo", "cy", "di", "ed", "fay"].map(uid));
  });

  it("sorts by volume and last activity", async () => {
    expect((await listCustodians({ ...mine, sort: "messages" })).custodians.map((c) => c.id)).toEqual(["bo", "ana", "ed", "fay", "di", "cy"].map(uid));
    expect((await listCustodians({ ...mine, sort: "conversations", dir: "asc" })).custodians.map((c) => c.conversations)).toEqual([0, 1, 1, 2, 2, 3]);
    const active = (await listCustodians({ ...mine, sort: "lastActive" })).custodians.map((c) => c.id);
    // bo (03-12), then ana and di tied on 03-10 (id order, descending), ed (02-01), then the nulls.
    expect(active.slice(0, 4)).toEqual([uid("bo"), uid("di"), uid("ana"), uid("ed")]);
    expect(active.slice(4).sort()).toEqual([uid("cy"), uid("fay")].sort());
  });

  it.each(custodianSorts.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))("pages by %s %s without duplicates or gaps", async (sort, dir) => {
    const single = (await listCustodians({ ...mine, sort, dir, limit: 50 })).custodians.map((c) => c.id);
    expect(single).toHaveLength(6);
    for (const limit of [1, 2, 4]) expect(await collect({ ...mine, sort, dir }, limit)).toEqual(single);
  });

  it("filters by name or e-mail, status, and hides removed people by default", async () => {
    expect((await listCustodians({ q: marker })).custodians.map((c) => c.id)).not.toContain(uid("ed"));
    expect((await listCustodians({ q: `di-${marker}@` })).custodians.map((c) => c.id)).toEqual([uid("di")]);
    expect((await listCustodians({ q: `FAY ${marker}` })).custodians.map((c) => c.id)).toEqual([uid("fay")]);
    expect((await listCustodians({ ...mine, status: "inactive" })).custodians.map((c) => c.id)).toEqual([uid("di"), uid("ed")]);
    expect(await listCustodianStatuses()).toEqual(expect.arrayContaining(["active", "inactive"]));
    // LIKE wildcards in the input are literal.
    expect((await listCustodians({ q: `%${marker}` })).custodians).toEqual([]);
  });

  it("rejects a cursor from another sort", async () => {
    const first = await listCustodians({ ...mine, sort: "messages", limit: 2 });
    await expect(listCustodians({ ...mine, sort: "name", cursor: first.nextCursor! })).rejects.toThrow(/different sort order/);
    await expect(listCustodians({ ...mine, cursor: "%%%" })).rejects.toThrow(/Invalid page cursor/);
  });
});

describe("diffWords", () => {
  it("marks the words that changed between two versions", () => {
    expect(diffWords("Works in the Lisbon office.", "Works in the Porto office since March.")).toEqual([
      { op: "same", text: "Works in the " },
      { op: "removed", text: "Lisbon" },
      { op: "added", text: "Porto" },
      { op: "same", text: " office" },
      { op: "added", text: " since March" },
      { op: "same", text: "." },
    ]);
    expect(diffWords("same", "same")).toEqual([{ op: "same", text: "same" }]);
    expect(diffWords("", "new text")).toEqual([{ op: "added", text: "new text" }]);
    const joined = (parts: ReturnType<typeof diffWords>, drop: "added" | "removed") => parts.filter((p) => p.op !== drop).map((p) => p.text).join("");
    const parts = diffWords("a b c d e f", "a x c d y f z");
    expect(joined(parts, "added")).toBe("a b c d e f");
    expect(joined(parts, "removed")).toBe("a x c d y f z");
  });
});
