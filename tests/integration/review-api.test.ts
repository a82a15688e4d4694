// The review API (tags, flags, status and assignment, the queue, comments, one item's review summary)
// through the real route handlers with real session cookies, against archive rows written with Prisma.
// Every write is checked for its audit event (by the response's request id) and its IndexOutbox rows, and
// one end-to-end pass drains the outbox into the PostgreSQL engine and searches by tag, flag and status.
// Isolation: the drain processes only this file's outbox rows (older pending rows are parked, then put
// back), and afterAll removes this file's archive rows, review rows and documents, so index-wide counts
// checked by other files (search-indexer's "documents = expected") are unchanged whatever the file order.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import * as tagsRoute from "@/app/api/v1/tags/route";
import * as tagRoute from "@/app/api/v1/tags/[id]/route";
import * as reviewTagsRoute from "@/app/api/v1/review/tags/route";
import * as reviewFlagsRoute from "@/app/api/v1/review/flags/route";
import * as resolveFlagRoute from "@/app/api/v1/flags/[id]/resolve/route";
import * as reviewStatusRoute from "@/app/api/v1/review/status/route";
import * as queueRoute from "@/app/api/v1/review/queue/route";
import * as commentsRoute from "@/app/api/v1/review/comments/route";
import * as commentRoute from "@/app/api/v1/comments/[id]/route";
import * as revisionsRoute from "@/app/api/v1/comments/[id]/revisions/route";
import * as itemReviewRoute from "@/app/api/v1/review/items/route";
import * as reviewersRoute from "@/app/api/v1/reviewers/route";
import { PostgresSearchEngine } from "@/lib/search/engines/postgres";
import { drainOutbox } from "@/lib/search/indexer";
import { parseQuery } from "@/lib/search/query-parser";
import { documentKey } from "@/lib/search/types";
import { createTestUser, sessionCookie } from "../factories/users";
import { auditOf, callRoute } from "../factories/http";

const marker = `rv${randomBytes(5).toString("hex")}`;
const sourceId = `src-${marker}`;
const raw = { json: {}, sha: "0".repeat(64) };

const ids = {
  conversation: `conv-${marker}`,
  messages: [`msg-${marker}-1`, `msg-${marker}-2`],
  gpt: `g-${marker}`,
  config: "",
  memory: "",
};
/** Outbox rows up to this id were written before this file ran. */
let startMark = BigInt(0);
const users = { admin: "", officer: "", reviewer: "", reviewer2: "", auditor: "", disabled: "" };
const cookies = { admin: "", officer: "", reviewer: "", reviewer2: "", auditor: "" };

type Ref = { itemType: string; itemId: string };
const conv = (): Ref => ({ itemType: "CONVERSATION", itemId: ids.conversation });
const msg = (n = 0): Ref => ({ itemType: "MESSAGE", itemId: ids.messages[n] });
const gpt = (): Ref => ({ itemType: "GPT", itemId: ids.gpt });
const config = (): Ref => ({ itemType: "GPT_CONFIG", itemId: ids.config });
const memory = (): Ref => ({ itemType: "MEMORY", itemId: ids.memory });

async function outboxMark(): Promise<bigint> {
  const last = await getDb().indexOutbox.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? BigInt(0);
}

/** `TYPE:id` of every outbox row written after the mark. */
async function outboxSince(mark: bigint): Promise<string[]> {
  const rows = await getDb().indexOutbox.findMany({ where: { id: { gt: mark } }, orderBy: { id: "asc" } });
  return [...new Set(rows.map((r) => `${r.itemType}:${r.itemId}`))].sort();
}
const keys = (...refs: Ref[]) => [...new Set(refs.map((r) => `${r.itemType}:${r.itemId}`))].sort();

beforeAll(async () => {
  startMark = await outboxMark();
  for (const [key, role] of [["admin", "ADMIN"], ["officer", "OFFICER"], ["reviewer", "REVIEWER"], ["reviewer2", "REVIEWER"], ["auditor", "AUDITOR"]] as const) {
    const u = await createTestUser({ role });
    users[key] = u.id;
    cookies[key] = await sessionCookie(u);
  }
  users.disabled = (await createTestUser({ role: "REVIEWER", disabled: true })).id;

  const db = getDb();
  await db.conversation.create({
    data: { id: ids.conversation, sourceId, userId: `wu-${marker}`, title: `Quarterly numbers ${marker}`, rawJson: raw.json, sha256: raw.sha, lastActiveAt: new Date() },
  });
  for (const [n, id] of ids.messages.entries()) {
    await db.message.create({
      data: { id, conversationId: ids.conversation, sourceId, authorRole: n ? "assistant" : "user", text: `message ${n} ${marker}`, depth: n, isActiveBranch: true, rawJson: raw.json, sha256: raw.sha, createdAtSource: new Date(Date.now() - 1000 + n) },
    });
  }
  await db.gpt.create({ data: { id: ids.gpt, sourceId, ownerId: `wu-${marker}`, name: `Ledger Bot ${marker}`, rawJson: raw.json, sha256: raw.sha } });
  ids.config = (await db.gptConfigVersion.create({ data: { gptId: ids.gpt, configId: `cfg-${marker}`, name: `Ledger Bot ${marker}`, instructions: "Count things", rawJson: raw.json, sha256: raw.sha } })).id;
  ids.memory = (
    await db.memory.create({ data: { sourceId, userId: `wu-${marker}`, contextId: "ctx", entryId: `e-${marker}`, content: `Prefers terse answers about ${marker} ${"x".repeat(100)}`, rawJson: raw.json, sha256: raw.sha } })
  ).id;
});

afterAll(async () => {
  const db = getDb();
  const refs = [conv(), msg(0), msg(1), gpt(), config(), memory()].filter((r) => r.itemId);
  const where = { OR: refs.map((r) => ({ itemType: r.itemType as "MESSAGE", itemId: r.itemId })) };
  await db.comment.updateMany({ where, data: { parentId: null } });
  await db.comment.deleteMany({ where });
  await db.itemTag.deleteMany({ where });
  await db.flag.deleteMany({ where });
  await db.reviewStatus.deleteMany({ where });
  await db.tag.deleteMany({ where: { name: { contains: marker, mode: "insensitive" } } });
  await db.indexOutbox.updateMany({ where: { id: { gt: startMark }, processedAt: null }, data: { processedAt: new Date() } });
  await db.conversation.deleteMany({ where: { id: ids.conversation } });
  await db.gpt.deleteMany({ where: { id: ids.gpt } });
  await db.memory.deleteMany({ where: { sourceId } });
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  try {
    const engine = new PostgresSearchEngine(pool);
    await engine.delete([...ids.messages.map((id) => documentKey("message", id)), documentKey("gpt", ids.config), documentKey("memory", ids.memory)]);
  } finally {
    await pool.end();
  }
});

describe("tags", () => {
  let tagId = "";
  let otherTagId = "";

  it("creates, lists, renames, recolors and deletes tags (admin only), case-insensitively unique", async () => {
    const created = await callRoute(tagsRoute.POST, "POST", "/api/v1/tags", cookies.admin, { name: `Insider ${marker}`, color: "#AA0000", description: "Possible MNPI" });
    expect(created.status).toBe(200);
    expect(created.body.tag).toMatchObject({ name: `Insider ${marker}`, color: "#aa0000", description: "Possible MNPI", usageCount: 0 });
    tagId = created.body.tag.id;
    expect(await auditOf(created.requestId)).toEqual([expect.objectContaining({ action: "tag.create", actorId: users.admin, targetId: tagId })]);

    const dup = await callRoute(tagsRoute.POST, "POST", "/api/v1/tags", cookies.admin, { name: `INSIDER ${marker.toUpperCase()}` });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("conflict");

    const bad = await callRoute(tagsRoute.POST, "POST", "/api/v1/tags", cookies.admin, { name: "", color: "red" });
    expect(bad.status).toBe(400);
    expect((await callRoute(tagsRoute.POST, "POST", "/api/v1/tags", cookies.admin, { name: `Say "hi" ${marker}` })).status).toBe(400);

    const byReviewer = await callRoute(tagsRoute.POST, "POST", "/api/v1/tags", cookies.reviewer, { name: `Nope ${marker}` });
    expect(byReviewer.status).toBe(403);
    const patchByReviewer = await callRoute(tagRoute.PATCH, "PATCH", `/api/v1/tags/${tagId}`, cookies.reviewer, { color: "#000000" }, { id: tagId });
    expect(patchByReviewer.status).toBe(403);
    expect(await getDb().tag.count({ where: { name: `Nope ${marker}` } })).toBe(0);

    const other = await callRoute(tagsRoute.POST, "POST", "/api/v1/tags", cookies.admin, { name: `Other-${marker}` });
    otherTagId = other.body.tag.id;
    const clash = await callRoute(tagRoute.PATCH, "PATCH", `/api/v1/tags/${otherTagId}`, cookies.admin, { name: `insider ${marker}` }, { id: otherTagId });
    expect(clash.status).toBe(409);
    // Changing only the case of its own name is not a clash.
    const recase = await callRoute(tagRoute.PATCH, "PATCH", `/api/v1/tags/${otherTagId}`, cookies.admin, { name: `OTHER-${marker}` }, { id: otherTagId });
    expect(recase.status).toBe(200);

    const listed = await callRoute(tagsRoute.GET, "GET", "/api/v1/tags", cookies.auditor);
    expect(listed.status).toBe(200);
    expect(listed.body.tags.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([tagId, otherTagId]));

    const missing = await callRoute(tagRoute.PATCH, "PATCH", "/api/v1/tags/nope", cookies.admin, { color: "#000000" }, { id: "nope" });
    expect(missing.status).toBe(404);
  });

  it("bulk-adds and removes tags idempotently, re-indexing and auditing each change", async () => {
    const items = [conv(), memory(), config(), conv()];
    let mark = await outboxMark();
    const add = await callRoute(reviewTagsRoute.POST, "POST", "/api/v1/review/tags", cookies.reviewer, { items, tagIds: [tagId, otherTagId], action: "add" });
    expect(add.status).toBe(200);
    expect(add.body.result).toEqual({ action: "add", items: 3, tags: 2, changed: 6 });
    expect(await outboxSince(mark)).toEqual(keys(conv(), memory(), config()));
    const [event] = await auditOf(add.requestId);
    expect(event).toMatchObject({ action: "review.tag.add", actorId: users.reviewer });
    expect(event.details).toMatchObject({ itemCount: 3, changed: 6 });

    // Again: nothing changes, nothing is queued, still audited.
    mark = await outboxMark();
    const again = await callRoute(reviewTagsRoute.POST, "POST", "/api/v1/review/tags", cookies.officer, { items, tagIds: [tagId], action: "add" });
    expect(again.body.result).toMatchObject({ changed: 0 });
    expect(await outboxSince(mark)).toEqual([]);
    expect(await auditOf(again.requestId)).toHaveLength(1);
    expect(await getDb().itemTag.count({ where: { tagId } })).toBe(3);

    mark = await outboxMark();
    const remove = await callRoute(reviewTagsRoute.POST, "POST", "/api/v1/review/tags", cookies.reviewer, { items: [memory()], tagIds: [otherTagId], action: "remove" });
    expect(remove.body.result).toMatchObject({ action: "remove", changed: 1 });
    expect(await outboxSince(mark)).toEqual(keys(memory()));
    expect((await auditOf(remove.requestId))[0].action).toBe("review.tag.remove");
    const removeAgain = await callRoute(reviewTagsRoute.POST, "POST", "/api/v1/review/tags", cookies.reviewer, { items: [memory()], tagIds: [otherTagId], action: "remove" });
    expect(removeAgain.body.result).toMatchObject({ changed: 0 });

    const byAuditor = await callRoute(reviewTagsRoute.POST, "POST", "/api/v1/review/tags", cookies.auditor, { items, tagIds: [tagId], action: "add" });
    expect(byAuditor.status).toBe(403);
  });

  it("rejects unknown items and unknown tags with 404 and writes nothing", async () => {
    const before = { tags: await getDb().itemTag.count(), mark: await outboxMark(), audit: await getDb().auditEvent.count() };
    const unknownItem = await callRoute(reviewTagsRoute.POST, "POST", "/api/v1/review/tags", cookies.reviewer, {
      items: [msg(0), { itemType: "MESSAGE", itemId: `ghost-${marker}` }],
      tagIds: [tagId],
      action: "add",
    });
    expect(unknownItem.status).toBe(404);
    expect(unknownItem.body.error.message).toContain(`ghost-${marker}`);
    const unknownTag = await callRoute(reviewTagsRoute.POST, "POST", "/api/v1/review/tags", cookies.reviewer, { items: [msg(0)], tagIds: ["no-such-tag"], action: "add" });
    expect(unknownTag.status).toBe(404);
    const badType = await callRoute(reviewTagsRoute.POST, "POST", "/api/v1/review/tags", cookies.reviewer, { items: [{ itemType: "PROJECT_CONFIG", itemId: "p" }], tagIds: [tagId], action: "add" });
    expect(badType.status).toBe(400);
    const tooMany = await callRoute(reviewTagsRoute.POST, "POST", "/api/v1/review/tags", cookies.reviewer, {
      items: Array.from({ length: 501 }, (_, n) => ({ itemType: "MESSAGE", itemId: `m${n}` })),
      tagIds: [tagId],
      action: "add",
    });
    expect(tooMany.status).toBe(400);
    expect(await getDb().itemTag.count()).toBe(before.tags);
    expect(await outboxSince(before.mark)).toEqual([]);
    expect(await getDb().auditEvent.count()).toBe(before.audit);
  });

  it("renaming re-indexes tagged items; deleting removes its item tags and re-indexes them", async () => {
    let mark = await outboxMark();
    const recolor = await callRoute(tagRoute.PATCH, "PATCH", `/api/v1/tags/${otherTagId}`, cookies.admin, { color: "#00ff00" }, { id: otherTagId });
    expect(recolor.body.tag).toMatchObject({ color: "#00ff00", usageCount: 2 });
    expect(await outboxSince(mark)).toEqual([]);

    mark = await outboxMark();
    const rename = await callRoute(tagRoute.PATCH, "PATCH", `/api/v1/tags/${otherTagId}`, cookies.admin, { name: `Renamed-${marker}` }, { id: otherTagId });
    expect(rename.status).toBe(200);
    expect(await outboxSince(mark)).toEqual(keys(conv(), config()));
    expect((await auditOf(rename.requestId))[0].details).toMatchObject({ changes: { name: { from: `OTHER-${marker}`, to: `Renamed-${marker}` } }, reindexed: 2 });

    mark = await outboxMark();
    const del = await callRoute(tagRoute.DELETE, "DELETE", `/api/v1/tags/${otherTagId}`, cookies.admin, undefined, { id: otherTagId });
    expect(del.status).toBe(200);
    expect(await getDb().itemTag.count({ where: { tagId: otherTagId } })).toBe(0);
    expect(await outboxSince(mark)).toEqual(keys(conv(), config()));
    expect((await auditOf(del.requestId))[0]).toMatchObject({ action: "tag.delete", targetId: otherTagId });
    const delAgain = await callRoute(tagRoute.DELETE, "DELETE", `/api/v1/tags/${otherTagId}`, cookies.admin, undefined, { id: otherTagId });
    expect(delAgain.status).toBe(404);
  });
});

describe("flags", () => {
  it("creates one open flag per item, resolves once (409 the second time), audits and re-indexes", async () => {
    let mark = await outboxMark();
    const created = await callRoute(reviewFlagsRoute.POST, "POST", "/api/v1/review/flags", cookies.reviewer, { items: [memory(), msg(1), memory()], reason: "Looks like a leaked password" });
    expect(created.status).toBe(200);
    expect(created.body.flags).toHaveLength(2);
    expect(await outboxSince(mark)).toEqual(keys(memory(), msg(1)));
    const [event] = await auditOf(created.requestId);
    expect(event).toMatchObject({ action: "review.flag.create", actorId: users.reviewer });
    expect(JSON.stringify(event.details)).not.toContain("leaked password");

    // A second flag on the same item is a separate record.
    const second = await callRoute(reviewFlagsRoute.POST, "POST", "/api/v1/review/flags", cookies.officer, { items: [msg(1)], reason: "Also: customer data" });
    expect(second.status).toBe(200);
    expect(await getDb().flag.count({ where: { itemType: "MESSAGE", itemId: ids.messages[1], resolvedAt: null } })).toBe(2);

    const flagId: string = second.body.flags[0].id;
    mark = await outboxMark();
    const resolved = await callRoute(resolveFlagRoute.POST, "POST", `/api/v1/flags/${flagId}/resolve`, cookies.reviewer, {}, { id: flagId });
    expect(resolved.status).toBe(200);
    expect(resolved.body.flag).toMatchObject({ id: flagId, resolvedById: users.reviewer });
    expect(await outboxSince(mark)).toEqual(keys(msg(1)));
    expect((await auditOf(resolved.requestId))[0]).toMatchObject({ action: "review.flag.resolve", targetId: flagId });

    const twice = await callRoute(resolveFlagRoute.POST, "POST", `/api/v1/flags/${flagId}/resolve`, cookies.officer, {}, { id: flagId });
    expect(twice.status).toBe(409);
    const row = await getDb().flag.findUniqueOrThrow({ where: { id: flagId } });
    expect(row.resolvedById).toBe(users.reviewer);

    expect((await callRoute(resolveFlagRoute.POST, "POST", "/api/v1/flags/nope/resolve", cookies.reviewer, {}, { id: "nope" })).status).toBe(404);
    expect((await callRoute(reviewFlagsRoute.POST, "POST", "/api/v1/review/flags", cookies.reviewer, { items: [memory()], reason: "  " })).status).toBe(400);
    expect((await callRoute(reviewFlagsRoute.POST, "POST", "/api/v1/review/flags", cookies.auditor, { items: [memory()], reason: "x" })).status).toBe(403);
  });
});

describe("review status, assignment and the queue", () => {
  it("sets status and assignee in bulk with before → after in the audit, and re-indexes", async () => {
    let mark = await outboxMark();
    const res = await callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.officer, { items: [gpt(), msg(0)], status: "ESCALATED", assigneeId: users.reviewer });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({ updated: 2, status: "ESCALATED", assigneeId: users.reviewer });
    expect(await outboxSince(mark)).toEqual(keys(gpt(), msg(0)));
    const row = await getDb().reviewStatus.findUniqueOrThrow({ where: { itemType_itemId: { itemType: "GPT", itemId: ids.gpt } } });
    expect(row).toMatchObject({ status: "ESCALATED", assigneeId: users.reviewer, updatedById: users.officer });
    const [event] = await auditOf(res.requestId);
    expect(event.action).toBe("review.status.update");
    expect(event.details).toMatchObject({
      changes: expect.arrayContaining([
        { itemType: "GPT", itemId: ids.gpt, from: { status: "UNREVIEWED", assigneeId: null }, to: { status: "ESCALATED", assigneeId: users.reviewer } },
      ]),
    });

    // Status only: the assignee stays.
    mark = await outboxMark();
    const statusOnly = await callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.reviewer, { items: [msg(0)], status: "IN_REVIEW" });
    expect(statusOnly.status).toBe(200);
    expect(await getDb().reviewStatus.findUniqueOrThrow({ where: { itemType_itemId: { itemType: "MESSAGE", itemId: ids.messages[0] } } })).toMatchObject({
      status: "IN_REVIEW",
      assigneeId: users.reviewer,
      updatedById: users.reviewer,
    });
    expect((await auditOf(statusOnly.requestId))[0].details).toMatchObject({
      changes: [{ itemType: "MESSAGE", itemId: ids.messages[0], from: { status: "ESCALATED", assigneeId: users.reviewer }, to: { status: "IN_REVIEW", assigneeId: users.reviewer } }],
    });
    expect(await outboxSince(mark)).toEqual(keys(msg(0)));

    // Assignee only: the status stays.
    const assigneeOnly = await callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.officer, { items: [gpt()], assigneeId: users.reviewer });
    expect(assigneeOnly.status).toBe(200);
    expect(await getDb().reviewStatus.findUniqueOrThrow({ where: { itemType_itemId: { itemType: "GPT", itemId: ids.gpt } } })).toMatchObject({ status: "ESCALATED", assigneeId: users.reviewer });
  });

  it("refuses bad assignees (400), empty changes (400), unknown items (404) and auditors (403)", async () => {
    const mark = await outboxMark();
    for (const assigneeId of [users.auditor, users.disabled, "no-such-user"]) {
      const res = await callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.officer, { items: [memory()], assigneeId });
      expect(res.status, assigneeId).toBe(400);
    }
    expect((await callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.officer, { items: [memory()] })).status).toBe(400);
    expect((await callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.officer, { items: [{ itemType: "GPT", itemId: "ghost" }], status: "REVIEWED" })).status).toBe(404);
    expect((await callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.auditor, { items: [memory()], status: "REVIEWED" })).status).toBe(403);
    expect(await getDb().reviewStatus.count({ where: { itemType: "MEMORY", itemId: ids.memory } })).toBe(0);
    expect(await outboxSince(mark)).toEqual([]);
  });

  it("lists the caller's open assigned items newest first, with labels, paged by cursor", async () => {
    // reviewer2 gets four items, one of which is then marked reviewed (it leaves the queue).
    const assign = (items: Ref[], extra: Record<string, unknown> = {}) =>
      callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.officer, { items, assigneeId: users.reviewer2, ...extra });
    expect((await assign([conv()])).status).toBe(200);
    expect((await assign([config()])).status).toBe(200);
    expect((await assign([memory()])).status).toBe(200);
    expect((await assign([msg(1)], { status: "IN_REVIEW" })).status).toBe(200);
    expect((await callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.reviewer2, { items: [config()], status: "REVIEWED" })).status).toBe(200);

    const seen: { itemType: string; itemId: string; label: string | null; updatedAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/review/queue?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await callRoute(queueRoute.GET, "GET", url, cookies.reviewer2);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen.map((s) => `${s.itemType}:${s.itemId}`)).toEqual([`MESSAGE:${ids.messages[1]}`, `MEMORY:${ids.memory}`, `CONVERSATION:${ids.conversation}`]);
    const times = seen.map((s) => Date.parse(s.updatedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(seen[0]).toMatchObject({ label: `Quarterly numbers ${marker}`, conversationId: ids.conversation, messageId: ids.messages[1], status: "IN_REVIEW" });
    expect(seen[1]).toMatchObject({ userId: `wu-${marker}`, status: "UNREVIEWED" });
    expect(seen[1].label).toMatch(new RegExp(`^Prefers terse answers about ${marker}.*…$`));
    expect(seen[1].label!.length).toBeLessThanOrEqual(80);
    expect(seen[2]).toMatchObject({ label: `Quarterly numbers ${marker}`, conversationId: ids.conversation, messageId: null });

    // The reviewer's own queue holds the GPT (escalated) and the first message (in review).
    const mine = await callRoute(queueRoute.GET, "GET", "/api/v1/review/queue", cookies.reviewer);
    expect(mine.body.items.map((s: Ref) => `${s.itemType}:${s.itemId}`).sort()).toEqual(keys(gpt(), msg(0)));
    expect(mine.body.items.find((s: Ref) => s.itemType === "GPT")).toMatchObject({ label: `Ledger Bot ${marker}`, gptId: ids.gpt });

    expect((await callRoute(queueRoute.GET, "GET", "/api/v1/review/queue?cursor=garbage", cookies.reviewer)).status).toBe(400);
    expect((await callRoute(queueRoute.GET, "GET", "/api/v1/review/queue", cookies.auditor)).status).toBe(403);
  });
});

describe("assignees and projects", () => {
  it("lists enabled users who may review (no auditors, no disabled accounts, no other fields)", async () => {
    const res = await callRoute(reviewersRoute.GET, "GET", "/api/v1/reviewers", cookies.auditor);
    expect(res.status).toBe(200);
    const listed = new Set(res.body.reviewers.map((r: { id: string }) => r.id));
    for (const key of ["admin", "officer", "reviewer", "reviewer2"] as const) expect(listed.has(users[key])).toBe(true);
    expect(listed.has(users.auditor)).toBe(false);
    expect(listed.has(users.disabled)).toBe(false);
    for (const r of res.body.reviewers) expect(Object.keys(r).sort()).toEqual(["email", "id", "name"]);
    expect((await callRoute(reviewersRoute.GET, "GET", "/api/v1/reviewers", "")).status).toBe(401);
  });

  it("reviews projects like any other item: flag, assign, queue label with the project id", async () => {
    const project = { itemType: "PROJECT", itemId: `p-${marker}` };
    await getDb().project.create({ data: { id: project.itemId, sourceId, ownerId: `wu-${marker}`, name: `Budget room ${marker}`, rawJson: raw.json, sha256: raw.sha } });
    try {
      const mark = await outboxMark();
      const flagged = await callRoute(reviewFlagsRoute.POST, "POST", "/api/v1/review/flags", cookies.reviewer, { items: [project], reason: "Shared outside the team" });
      expect(flagged.status).toBe(200);
      // A change to one item names it as the audit target (bulk changes list their items in the details).
      expect(await auditOf(flagged.requestId)).toEqual([expect.objectContaining({ action: "review.flag.create", targetType: "project", targetId: project.itemId })]);
      expect((await callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.officer, { items: [project], assigneeId: users.officer, status: "IN_REVIEW" })).status).toBe(200);
      expect(await outboxSince(mark)).toEqual(keys(project));
      const queue = await callRoute(queueRoute.GET, "GET", "/api/v1/review/queue", cookies.officer);
      expect(queue.body.items.find((i: Ref) => i.itemType === "PROJECT")).toMatchObject({ itemId: project.itemId, label: `Budget room ${marker}`, projectId: project.itemId, status: "IN_REVIEW" });
      const summary = await callRoute(itemReviewRoute.GET, "GET", `/api/v1/review/items?${new URLSearchParams(project)}`, cookies.auditor);
      expect(summary.body.review.flags.open).toHaveLength(1);
      expect(summary.body.review.status).toMatchObject({ status: "IN_REVIEW", assignee: { id: users.officer } });
      expect((await callRoute(reviewFlagsRoute.POST, "POST", "/api/v1/review/flags", cookies.reviewer, { items: [{ itemType: "PROJECT", itemId: `nope-${marker}` }], reason: "x" })).status).toBe(404);
    } finally {
      const where = { itemType: "PROJECT" as const, itemId: project.itemId };
      await getDb().flag.deleteMany({ where });
      await getDb().reviewStatus.deleteMany({ where });
      await getDb().project.delete({ where: { id: project.itemId } });
    }
  });
});

describe("comments", () => {
  it("threads comments, lets only the author edit (keeping revisions), never deletes, and audits without bodies", async () => {
    const post = (body: Record<string, unknown>, cookie = cookies.reviewer) => callRoute(commentsRoute.POST, "POST", "/api/v1/review/comments", cookie, { ...conv(), ...body });
    const first = await post({ body: "First look: the numbers seem off" });
    expect(first.status).toBe(200);
    const firstId: string = first.body.comment.id;
    const [event] = await auditOf(first.requestId);
    expect(event).toMatchObject({ action: "review.comment.create", targetId: firstId, actorId: users.reviewer });
    expect(event.details).toMatchObject({ bodyLength: "First look: the numbers seem off".length });
    expect(JSON.stringify(event.details)).not.toContain("numbers seem off");

    const reply = await post({ body: "Agreed, escalating", parentId: firstId }, cookies.officer);
    expect(reply.status).toBe(200);
    // A reply to a reply joins the thread.
    const nested = await post({ body: "Noted", parentId: reply.body.comment.id });
    expect(nested.body.comment.parentId).toBe(firstId);
    const second = await post({ body: "Separate thread" }, cookies.officer);
    expect(second.status).toBe(200);

    // A parent on another item is refused.
    const elsewhere = await callRoute(commentsRoute.POST, "POST", "/api/v1/review/comments", cookies.reviewer, { ...memory(), body: "x", parentId: firstId });
    expect(elsewhere.status).toBe(400);
    expect((await post({ body: "" })).status).toBe(400);
    expect((await post({ body: "x".repeat(5001) })).status).toBe(400);
    expect((await callRoute(commentsRoute.POST, "POST", "/api/v1/review/comments", cookies.reviewer, { itemType: "MEMORY", itemId: "ghost", body: "x" })).status).toBe(404);
    expect((await post({ body: "auditors read only" }, cookies.auditor)).status).toBe(403);

    const edit = await callRoute(commentRoute.PATCH, "PATCH", `/api/v1/comments/${firstId}`, cookies.reviewer, { body: "First look: the numbers are off by 10%" }, { id: firstId });
    expect(edit.status).toBe(200);
    expect(edit.body.comment).toMatchObject({ body: "First look: the numbers are off by 10%", revisionCount: 1 });
    expect(edit.body.comment.editedAt).not.toBeNull();
    const [editEvent] = await auditOf(edit.requestId);
    expect(editEvent).toMatchObject({ action: "review.comment.edit", targetId: firstId });
    expect(JSON.stringify(editEvent.details)).not.toContain("numbers");

    const notAuthor = await callRoute(commentRoute.PATCH, "PATCH", `/api/v1/comments/${firstId}`, cookies.officer, { body: "hijacked" }, { id: firstId });
    expect(notAuthor.status).toBe(403);
    expect((await callRoute(commentRoute.PATCH, "PATCH", "/api/v1/comments/nope", cookies.reviewer, { body: "x" }, { id: "nope" })).status).toBe(404);

    const revisions = await callRoute(revisionsRoute.GET, "GET", `/api/v1/comments/${firstId}/revisions`, cookies.auditor, undefined, { id: firstId });
    expect(revisions.status).toBe(200);
    expect(revisions.body.comment.body).toBe("First look: the numbers are off by 10%");
    expect(revisions.body.revisions.map((r: { body: string }) => r.body)).toEqual(["First look: the numbers seem off"]);

    const listed = await callRoute(commentsRoute.GET, "GET", `/api/v1/review/comments?itemType=CONVERSATION&itemId=${ids.conversation}`, cookies.auditor);
    expect(listed.status).toBe(200);
    const threads = listed.body.threads as { id: string; body: string; revisionCount: number; author: { email: string }; replies: { body: string }[] }[];
    expect(threads.map((t) => t.id)).toEqual([firstId, second.body.comment.id]);
    expect(threads[0]).toMatchObject({ body: "First look: the numbers are off by 10%", revisionCount: 1 });
    expect(threads[0].author.email).toMatch(/^reviewer-/);
    expect(threads[0].replies.map((r) => r.body)).toEqual(["Agreed, escalating", "Noted"]);
    expect(threads[1].replies).toEqual([]);

    // Comments are never deletable: no DELETE handler exists.
    expect(Object.keys(commentRoute)).not.toContain("DELETE");
    expect(Object.keys(commentsRoute)).not.toContain("DELETE");
    expect(await getDb().comment.count({ where: { itemType: "CONVERSATION", itemId: ids.conversation } })).toBe(4);
  });
});

describe("one item's review summary", () => {
  it("returns tags, open and resolved flags with people, status with assignee, and the comment count", async () => {
    const res = await callRoute(itemReviewRoute.GET, "GET", `/api/v1/review/items?itemType=MESSAGE&itemId=${ids.messages[1]}`, cookies.auditor);
    expect(res.status).toBe(200);
    const review = res.body.review;
    expect(review.item).toEqual(msg(1));
    expect(review.flags.open).toHaveLength(1);
    expect(review.flags.open[0]).toMatchObject({ reason: "Looks like a leaked password", createdBy: { id: users.reviewer }, resolvedAt: null, resolvedBy: null });
    expect(review.flags.resolved).toEqual([expect.objectContaining({ reason: "Also: customer data", createdBy: expect.objectContaining({ id: users.officer }), resolvedBy: expect.objectContaining({ id: users.reviewer }) })]);
    expect(review.status).toMatchObject({ status: "IN_REVIEW", assignee: { id: users.reviewer2 }, updatedBy: { id: users.officer } });
    expect(review.commentCount).toBe(0);

    const convReview = await callRoute(itemReviewRoute.GET, "GET", `/api/v1/review/items?itemType=CONVERSATION&itemId=${ids.conversation}`, cookies.reviewer);
    expect(convReview.body.review.tags.map((t: { name: string }) => t.name)).toEqual([`Insider ${marker}`]);
    expect(convReview.body.review.commentCount).toBe(4);

    const blank = await callRoute(itemReviewRoute.GET, "GET", `/api/v1/review/items?itemType=GPT_CONFIG&itemId=${ids.config}`, cookies.reviewer);
    expect(blank.body.review.flags).toEqual({ open: [], resolved: [] });
    expect((await callRoute(itemReviewRoute.GET, "GET", "/api/v1/review/items?itemType=MEMORY&itemId=ghost", cookies.reviewer)).status).toBe(404);
    expect((await callRoute(itemReviewRoute.GET, "GET", "/api/v1/review/items?itemType=MEMORY", cookies.reviewer)).status).toBe(400);
  });
});

describe("search sees review state", () => {
  let pool: pg.Pool;
  afterAll(async () => {
    await pool?.end();
  });

  it("drains the outbox so tag:, flagged: and status: searches find the items", async () => {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const engine = new PostgresSearchEngine(pool);
    await engine.ensureReady();
    // The GPT config inherits the GPT's status; set it escalated again (it was reviewed above via reviewer2).
    expect((await callRoute(reviewStatusRoute.POST, "POST", "/api/v1/review/status", cookies.officer, { items: [config()], status: "ESCALATED" })).status).toBe(200);
    // Drain this file's rows only: park older pending rows (other files') for the duration, then restore them.
    const { rows: parked } = await pool.query<{ id: string }>(
      `UPDATE "IndexOutbox" SET "availableAt" = "availableAt" + interval '100 years' WHERE "processedAt" IS NULL AND id <= $1 RETURNING id::text`,
      [startMark.toString()],
    );
    try {
      const drained = await drainOutbox(engine, { pool });
      expect(drained).toMatchObject({ ran: true, failed: 0 });
      expect(drained.processed).toBeGreaterThan(0);
    } finally {
      await pool.query(`UPDATE "IndexOutbox" SET "availableAt" = "availableAt" - interval '100 years' WHERE id = ANY($1::bigint[])`, [parked.map((r) => r.id)]);
    }
    expect(await getDb().indexOutbox.count({ where: { id: { gt: startMark }, processedAt: null } })).toBe(0);

    const search = async (text: string) => {
      const parsed = parseQuery(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const page = await engine.search({ query: parsed.query, sort: "relevance", limit: 100, facets: false, cursor: null });
      return page.hits.map((h) => h.document.id).sort();
    };
    const tag = `tag:"insider ${marker}"`;
    const messages = ids.messages.map((id) => documentKey("message", id));
    expect(await search(tag)).toEqual([...messages, documentKey("memory", ids.memory), documentKey("gpt", ids.config)].sort());
    // The second message inherits the conversation's tag and carries its own open flag.
    expect(await search(`${tag} flagged:yes`)).toEqual([documentKey("memory", ids.memory), documentKey("message", ids.messages[1])].sort());
    expect(await search(`${tag} status:escalated`)).toEqual([documentKey("gpt", ids.config)]);
  });
});
