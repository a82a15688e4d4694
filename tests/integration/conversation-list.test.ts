// The /conversations list query: every sort keyset-pages through exactly the rows one big page holds (no
// duplicates, no gaps, with nulls and ties in the sort key), filters, and cursors that belong to another
// sort or are mangled. Scoped to this file's own custodian ids (the run's database is shared).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { conversationListQuery, conversationSorts, listConversations, parseListParams, type ConversationListInput } from "@/lib/archive/queries";
import { AppError } from "@/lib/http/errors";

const marker = randomUUID().slice(0, 8);
const userA = `u-list-a-${marker}`;
const userB = `u-list-b-${marker}`;
const sourceId = `src-list-${marker}`;
const gptId = `g-list-${marker}`;
const projectId = `g-p-list-${marker}`;
const day = (d: number, h = 12) => new Date(Date.UTC(2025, 2, d, h));

type Seed = { id: string; title: string | null; created: Date | null; active: Date | null; messages: number; deleted?: boolean; user?: string };
const seeds: Seed[] = [];

beforeAll(async () => {
  // 40 conversations for A: repeated titles (and case variants), null dates, and ties in every key.
  const titles = ["Budget", "budget review", "Alpha", null, "Zeta plan", "alpha", "Budget", "Mid", ""];
  for (let i = 0; i < 40; i++) {
    seeds.push({
      id: `conv-list-${marker}-${String(i).padStart(2, "0")}`,
      title: titles[i % titles.length],
      created: i % 7 === 3 ? null : day(1 + (i % 10)),
      active: i % 6 === 5 ? null : day(5 + (i % 8), i % 3),
      messages: i % 5,
      deleted: i === 11 || i === 29,
      user: userA,
    });
  }
  seeds.push({ id: `conv-list-${marker}-b1`, title: "Budget", created: day(2), active: day(6), messages: 3, user: userB });
  const db = getDb();
  await db.conversation.createMany({
    data: seeds.map((s) => ({
      id: s.id,
      sourceId,
      userId: s.user!,
      userEmail: `${s.user}@Example.test`,
      title: s.title,
      createdAtSource: s.created,
      lastActiveAt: s.active,
      messageCount: s.messages,
      deletedAtSource: s.deleted ? day(20) : null,
      rawJson: {},
      sha256: "x",
    })),
  });
  // GPT used in conversations 0 and 1; project in 2.
  await db.message.createMany({
    data: [0, 1, 2].map((i) => ({
      id: `msg-list-${marker}-${i}`,
      conversationId: seeds[i].id,
      sourceId,
      authorRole: "assistant",
      gptId: i < 2 ? gptId : null,
      projectId: i === 2 ? projectId : null,
      createdAtSource: day(5),
      rawJson: {},
      sha256: "m",
    })),
  });
});

async function collectAll(input: ConversationListInput, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const res = await listConversations({ ...input, limit, cursor });
    ids.push(...res.conversations.map((c) => c.id));
    if (!res.nextCursor) return ids;
    cursor = res.nextCursor;
  }
  throw new Error("paging did not end");
}

describe("listConversations", () => {
  const all = { userId: userA, deleted: "1" as const };

  it.each(conversationSorts.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))(
    "pages through every row exactly once sorted by %s %s",
    async (sort, dir) => {
      const single = await listConversations({ ...all, sort, dir, limit: 200 });
      expect(single.nextCursor).toBeNull();
      expect(single.conversations).toHaveLength(40);
      for (const limit of [1, 3, 7]) {
        const paged = await collectAll({ ...all, sort, dir }, limit);
        expect(new Set(paged).size).toBe(paged.length);
        expect(paged).toEqual(single.conversations.map((c) => c.id));
      }
    },
  );

  it("orders by the key with nulls last and the id as tie-break", async () => {
    const res = await listConversations({ ...all, sort: "lastActive", limit: 200 });
    const expected = seeds
      .filter((s) => s.user === userA)
      .sort((a, b) => {
        if (a.active && b.active && a.active.getTime() !== b.active.getTime()) return b.active.getTime() - a.active.getTime();
        if (!a.active !== !b.active) return a.active ? -1 : 1;
        return a.id < b.id ? 1 : -1;
      })
      .map((s) => s.id);
    expect(res.conversations.map((c) => c.id)).toEqual(expected);
    const byMessages = await listConversations({ ...all, sort: "messages", dir: "asc", limit: 200 });
    const counts = byMessages.conversations.map((c) => c.messageCount);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const created = (await listConversations({ ...all, sort: "created", limit: 200 })).conversations;
    const firstNull = created.findIndex((c) => c.createdAtSource === null);
    expect(firstNull).toBeGreaterThan(0);
    expect(created.slice(firstNull).every((c) => c.createdAtSource === null)).toBe(true);
  });

  it("uses each sort's natural direction by default", async () => {
    expect((await listConversations({ userId: userA })).dir).toBe("desc");
    expect((await listConversations({ userId: userA, sort: "title" })).dir).toBe("asc");
  });

  it("hides conversations deleted at source unless asked", async () => {
    const hidden = await collectAll({ userId: userA }, 50);
    expect(hidden).toHaveLength(38);
    expect(hidden).not.toContain(seeds[11].id);
    expect(await collectAll({ userId: userA, deleted: "1" }, 50)).toContain(seeds[11].id);
  });

  it("filters by title, custodian, GPT, project and date ranges (whole UTC days)", async () => {
    const titled = await listConversations({ ...all, q: "BUDGET", limit: 200 });
    expect(titled.conversations.length).toBeGreaterThan(0);
    expect(titled.conversations.every((c) => c.title!.toLowerCase().includes("budget"))).toBe(true);

    const custodian = await listConversations({ custodian: `u-list-b-${marker}@example`, deleted: "1", limit: 200 });
    expect(custodian.conversations.map((c) => c.id)).toEqual([`conv-list-${marker}-b1`]);

    expect((await listConversations({ gpt: gptId, limit: 200 })).conversations.map((c) => c.id).sort()).toEqual([seeds[0].id, seeds[1].id].sort());
    expect((await listConversations({ project: projectId, limit: 200 })).conversations.map((c) => c.id)).toEqual([seeds[2].id]);

    const created = await listConversations({ ...all, createdFrom: "2025-03-02", createdTo: "2025-03-03", limit: 200 });
    const expectedCreated = seeds.filter((s) => s.user === userA && s.created && s.created >= day(2, 0) && s.created < day(4, 0)).map((s) => s.id);
    expect(created.conversations.map((c) => c.id).sort()).toEqual(expectedCreated.sort());
    expect(expectedCreated.length).toBeGreaterThan(0);

    const active = await listConversations({ ...all, activeFrom: "2025-03-12", limit: 200 });
    const expectedActive = seeds.filter((s) => s.user === userA && s.active && s.active >= day(12, 0)).map((s) => s.id);
    expect(active.conversations.map((c) => c.id).sort()).toEqual(expectedActive.sort());

    // Filters combine with paging on any sort.
    const pagedTitle = await collectAll({ ...all, q: "budget", sort: "created", dir: "asc" }, 2);
    expect(pagedTitle.sort()).toEqual(titled.conversations.map((c) => c.id).sort());
  });

  it("rejects a mangled cursor and a cursor made for another sort", async () => {
    const first = await listConversations({ ...all, sort: "created", limit: 5 });
    expect(first.nextCursor).toBeTruthy();
    await expect(listConversations({ ...all, sort: "messages", cursor: first.nextCursor! })).rejects.toThrow(/different sort order/);
    await expect(listConversations({ ...all, sort: "created", dir: "asc", cursor: first.nextCursor! })).rejects.toThrow(/different sort order/);
    const bad = await listConversations({ ...all, cursor: "not-a-cursor" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).code).toBe("invalid");
    // A well-formed cursor whose value does not fit the sort key.
    const forged = Buffer.from(JSON.stringify({ s: "lastActive", d: "desc", v: "yesterday", id: "x" })).toString("base64url");
    await expect(listConversations({ ...all, cursor: forged })).rejects.toThrow(/Invalid page cursor/);
  });

  it("reports bad filter input field by field and keeps the rest", () => {
    const { data, issues } = parseListParams(conversationListQuery, { q: "budget", createdFrom: "31/01/2025", activeFrom: "2025-02-30", sort: "size", createdTo: "" });
    expect(data.q).toBe("budget");
    expect(data.createdFrom).toBeUndefined();
    expect(data.activeFrom).toBeUndefined();
    expect(data.sort).toBe("lastActive");
    expect(issues.map((i) => i.field).sort()).toEqual(["activeFrom", "createdFrom", "sort"]);

    const reversed = parseListParams(conversationListQuery, { createdFrom: "2025-03-05", createdTo: "2025-03-01", activeTo: "2025-01-01" });
    expect(reversed.data.createdFrom).toBeUndefined();
    expect(reversed.data.createdTo).toBeUndefined();
    expect(reversed.data.activeTo).toBe("2025-01-01");
    expect(reversed.issues).toEqual([
      { field: "createdFrom", message: "The created range starts after it ends" },
      { field: "createdTo", message: "The created range starts after it ends" },
    ]);
    const twoBadDates = parseListParams(conversationListQuery, { createdFrom: "x", activeTo: "y" });
    expect(twoBadDates.issues.map((i) => i.field)).toEqual(["createdFrom", "activeTo"]);

    expect(parseListParams(conversationListQuery, { q: ["a", "b"] }).data.q).toBe("a");
  });
});
