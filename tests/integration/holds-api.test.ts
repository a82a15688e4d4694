// Legal holds through the real route handlers with real session cookies, against archive rows written with
// Prisma: permissions, the DRAFT → ACTIVE → RELEASED state machine, versioned and audited scope edits,
// preview counts equal to what activation materializes (per type and per custodian), query scopes through
// the PostgreSQL search engine, explicit items, holdsCovering, and `held:yes` search following activation
// and release.
// Isolation: every row is tagged with this file's marker; criteria always name this file's custodians or its
// marker word; outbox drains process only this file's rows (older pending rows are parked, then restored);
// afterAll removes this file's archive rows, holds and documents.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import * as holdsRoute from "@/app/api/v1/holds/route";
import * as holdRoute from "@/app/api/v1/holds/[id]/route";
import * as previewRoute from "@/app/api/v1/holds/[id]/preview/route";
import * as activateRoute from "@/app/api/v1/holds/[id]/activate/route";
import * as releaseRoute from "@/app/api/v1/holds/[id]/release/route";
import * as itemsRoute from "@/app/api/v1/holds/[id]/items/route";
import * as coveringRoute from "@/app/api/v1/holds/covering/route";
import * as custodiansRoute from "@/app/api/v1/holds/custodians/route";
import { PostgresSearchEngine } from "@/lib/search/engines/postgres";
import { closeSearchEngine } from "@/lib/search/engine";
import { drainOutbox } from "@/lib/search/indexer";
import { parseQuery } from "@/lib/search/query-parser";
import { documentKey } from "@/lib/search/types";
import { createTestUser, sessionCookie } from "../factories/users";
import { auditOf, callRoute } from "../factories/http";

const marker = `hd${randomBytes(5).toString("hex")}`;
const sourceId = `src-${marker}`;
const raw = { json: {}, sha: "0".repeat(64) };
const A = `wu-a-${marker}`;
const B = `wu-b-${marker}`;
const d = (s: string) => new Date(`${s}Z`);

const ids = {
  a1: `conv-a1-${marker}`, // created 2024-01-10, active to 01-20: in the January window
  a2: `conv-a2-${marker}`, // March: outside
  a3: `conv-a3-${marker}`, // 2023-12-01 → 2024-02-01: overlaps January
  b1: `conv-b1-${marker}`, // B, 2024-01-15: inside
  msgA1: `msg-a1-${marker}`,
  msgA2: `msg-a2-${marker}`,
  msgA3: `msg-a3-${marker}`,
  msgB1: `msg-b1-${marker}`,
  gpt: `g-${marker}`,
  configs: [] as string[],
  memA: "",
  memB: "",
  fileStandalone: `file-s-${marker}`,
  fileConv: `file-c-${marker}`,
  /** Knowledge file of the GPT (config v2), owned by someone outside every criterion: held through its GPT. */
  fileGpt: `file-g-${marker}`,
};
const C = `wu-c-${marker}`;

let startMark = BigInt(0);
let pool: pg.Pool;
let engine: PostgresSearchEngine;
const cookies = { admin: "", officer: "", reviewer: "", auditor: "" };

async function createHold(body: unknown, cookie = cookies.officer) {
  return callRoute(holdsRoute.POST, "POST", "/api/v1/holds", cookie, body);
}
const patch = (id: string, body: unknown, cookie = cookies.officer) => callRoute(holdRoute.PATCH, "PATCH", `/api/v1/holds/${id}`, cookie, body, { id });
const get = (id: string, cookie = cookies.officer) => callRoute(holdRoute.GET, "GET", `/api/v1/holds/${id}`, cookie, undefined, { id });
const preview = (id: string, cookie = cookies.officer) => callRoute(previewRoute.GET, "GET", `/api/v1/holds/${id}/preview`, cookie, undefined, { id });
const activate = (id: string, cookie = cookies.officer) => callRoute(activateRoute.POST, "POST", `/api/v1/holds/${id}/activate`, cookie, {}, { id });
const release = (id: string, body: unknown, cookie = cookies.officer) => callRoute(releaseRoute.POST, "POST", `/api/v1/holds/${id}/release`, cookie, body, { id });
const items = (id: string, body: unknown, cookie = cookies.officer) => callRoute(itemsRoute.POST, "POST", `/api/v1/holds/${id}/items`, cookie, body, { id });
const covering = (itemType: string, itemId: string, cookie = cookies.reviewer) =>
  callRoute(coveringRoute.GET, "GET", `/api/v1/holds/covering?${new URLSearchParams({ itemType, itemId })}`, cookie);

async function heldRows(holdId: string) {
  const rows = await getDb().heldItem.findMany({ where: { holdId }, orderBy: [{ itemType: "asc" }, { itemId: "asc" }] });
  return rows.map((r) => `${r.itemType}:${r.itemId}:${r.heldBy}`).sort();
}

/** Drains this file's outbox rows into the PostgreSQL engine (other files' older rows are parked meanwhile). */
async function drainMine() {
  const { rows: parked } = await pool.query<{ id: string }>(
    `UPDATE "IndexOutbox" SET "availableAt" = "availableAt" + interval '100 years' WHERE "processedAt" IS NULL AND id <= $1 RETURNING id::text`,
    [startMark.toString()],
  );
  try {
    const drained = await drainOutbox(engine, { pool });
    expect(drained).toMatchObject({ ran: true, failed: 0 });
  } finally {
    await pool.query(`UPDATE "IndexOutbox" SET "availableAt" = "availableAt" - interval '100 years' WHERE id = ANY($1::bigint[])`, [parked.map((r) => r.id)]);
  }
}

async function search(text: string): Promise<string[]> {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await engine.search({ query: parsed.query, sort: "newest", limit: 100, facets: false, cursor });
    ids.push(...page.hits.map((h) => h.document.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids.sort();
}

beforeAll(async () => {
  const last = await getDb().indexOutbox.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  startMark = last?.id ?? BigInt(0);
  for (const role of ["admin", "officer", "reviewer", "auditor"] as const) {
    cookies[role] = await sessionCookie(await createTestUser({ role: role.toUpperCase() as "ADMIN" }));
  }
  const db = getDb();
  await db.workspaceUser.createMany({
    data: [
      { id: A, sourceId, email: `alice.${marker}@example.test`, name: `Alice ${marker}`, rawJson: raw.json, sha256: raw.sha },
      { id: B, sourceId, email: `bob.${marker}@example.test`, name: `Bob ${marker}`, rawJson: raw.json, sha256: raw.sha },
    ],
  });
  const conv = (id: string, userId: string, created: string, active: string, title: string) =>
    db.conversation.create({ data: { id, sourceId, userId, title, createdAtSource: d(created), lastActiveAt: d(active), rawJson: raw.json, sha256: raw.sha } });
  await conv(ids.a1, A, "2024-01-10T09:00:00", "2024-01-20T09:00:00", "Quarter close");
  await conv(ids.a2, A, "2024-03-01T09:00:00", "2024-03-05T09:00:00", "Spring plans");
  await conv(ids.a3, A, "2023-12-01T09:00:00", "2024-02-01T09:00:00", "Long running");
  await conv(ids.b1, B, "2024-01-15T09:00:00", "2024-01-15T10:00:00", "Bob's thread");
  const msg = (id: string, conversationId: string, text: string, at: string) =>
    db.message.create({
      data: { id, conversationId, sourceId, authorRole: "user", text, depth: 0, isActiveBranch: true, createdAtSource: d(at), rawJson: raw.json, sha256: raw.sha },
    });
  await msg(ids.msgA1, ids.a1, `alpha ledger ${marker}`, "2024-01-10T09:00:00");
  await msg(ids.msgA2, ids.a2, "gamma unrelated words", "2024-03-01T09:00:00");
  await msg(ids.msgA3, ids.a3, "delta nothing special", "2023-12-01T09:00:00");
  await msg(ids.msgB1, ids.b1, `beta ledger ${marker}`, "2024-01-15T09:00:00");
  await db.gpt.create({ data: { id: ids.gpt, sourceId, ownerId: A, name: `Ledger Bot`, rawJson: raw.json, sha256: raw.sha } });
  for (const [n, created] of ["2024-01-05T00:00:00", "2024-06-01T00:00:00"].entries()) {
    const v = await db.gptConfigVersion.create({
      data: { gptId: ids.gpt, configId: `cfg-${marker}`, name: "Ledger Bot", instructions: n ? `Count ${marker}` : "Count things", createdAtSource: d(created), rawJson: { n }, sha256: `${n}`.repeat(64) },
    });
    ids.configs.push(v.id);
  }
  ids.memA = (
    await db.memory.create({
      data: { sourceId, userId: A, contextId: "ctx", entryId: `ea-${marker}`, content: `Likes ${marker} reports`, updatedAtSource: d("2024-01-31T23:00:00"), rawJson: raw.json, sha256: raw.sha },
    })
  ).id;
  ids.memB = (
    await db.memory.create({
      data: { sourceId, userId: B, contextId: "ctx", entryId: `eb-${marker}`, content: "Prefers mornings", updatedAtSource: d("2024-02-01T00:00:00"), rawJson: raw.json, sha256: raw.sha },
    })
  ).id;
  await db.sourceFile.create({
    data: { id: ids.fileStandalone, sourceId, kind: "GPT", name: `${marker} handbook`, userId: A, createdAtSource: d("2024-01-02T00:00:00"), rawJson: raw.json, sha256: raw.sha },
  });
  await db.sourceFile.create({
    data: { id: ids.fileConv, sourceId, kind: "CONVERSATION", name: "attachment", userId: A, conversationId: ids.a1, createdAtSource: d("2024-01-10T09:00:00"), rawJson: raw.json, sha256: raw.sha },
  });
  await db.messageFile.create({ data: { messageId: ids.msgA1, fileId: ids.fileConv } });
  await db.sourceFile.create({
    data: { id: ids.fileGpt, sourceId, kind: "GPT", name: "pricing sheet", userId: C, createdAtSource: d("2023-06-01T00:00:00"), rawJson: raw.json, sha256: raw.sha },
  });
  await db.gptConfigFile.create({ data: { configVersionId: ids.configs[1], fileId: ids.fileGpt } });
  await db.message.update({ where: { id: ids.msgA1 }, data: { hasFiles: true } });

  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  engine = new PostgresSearchEngine(pool);
  await engine.ensureReady();
  // Index this file's archive rows so query scopes can see them.
  await db.indexOutbox.createMany({
    data: [
      ...[ids.a1, ids.a2, ids.a3, ids.b1].map((itemId) => ({ itemType: "CONVERSATION" as const, itemId })),
      { itemType: "GPT", itemId: ids.gpt },
      { itemType: "MEMORY", itemId: ids.memA },
      { itemType: "MEMORY", itemId: ids.memB },
      { itemType: "FILE", itemId: ids.fileStandalone },
    ],
  });
  await drainMine();
});

afterAll(async () => {
  const db = getDb();
  await db.legalHold.deleteMany({ where: { name: { contains: marker } } });
  await db.indexOutbox.updateMany({ where: { id: { gt: startMark }, processedAt: null }, data: { processedAt: new Date() } });
  await db.conversation.deleteMany({ where: { sourceId } });
  await db.gpt.deleteMany({ where: { sourceId } });
  await db.memory.deleteMany({ where: { sourceId } });
  await db.sourceFile.deleteMany({ where: { sourceId } });
  await db.workspaceUser.deleteMany({ where: { sourceId } });
  await pool?.query(`DELETE FROM "SearchDocument" WHERE "sourceId" = $1`, [sourceId]);
  await pool?.end();
  await closeSearchEngine();
});

const januaryScope = () => ({ custodianIds: [A, B], from: "2024-01-01", to: "2024-01-31", query: "" });

describe("permissions and validation", () => {
  it("lets every role read, only officers and admins write", async () => {
    expect((await callRoute(holdsRoute.GET, "GET", "/api/v1/holds", cookies.reviewer)).status).toBe(200);
    expect((await callRoute(holdsRoute.GET, "GET", "/api/v1/holds", cookies.auditor)).status).toBe(200);
    const denied = await createHold({ name: `Denied ${marker}` }, cookies.reviewer);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("forbidden");
    expect((await createHold({ name: `Denied ${marker}` }, cookies.auditor)).status).toBe(403);
    const byAdmin = await createHold({ name: `Admin draft ${marker}` }, cookies.admin);
    expect(byAdmin.status).toBe(200);
    const id = byAdmin.body.hold.id;
    expect((await patch(id, { name: `x ${marker}` }, cookies.auditor)).status).toBe(403);
    expect((await activate(id, cookies.reviewer)).status).toBe(403);
    expect((await items(id, { action: "add", items: [{ itemType: "CONVERSATION", itemId: ids.a2 }] }, cookies.auditor)).status).toBe(403);
    expect((await get(id, cookies.auditor)).status).toBe(200);
    expect(await getDb().legalHold.count({ where: { name: `Denied ${marker}` } })).toBe(0);
  });

  it("rejects bad input with 400 { error: { code, message } }", async () => {
    const noName = await createHold({ name: "  " });
    expect(noName.status).toBe(400);
    expect(noName.body.error.code).toBe("invalid");
    const badQuery = await createHold({ name: `Bad ${marker}`, scope: { query: "foo:bar (" } });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/Query/);
    const badDate = await createHold({ name: `Bad ${marker}`, scope: { from: "2024-02-30" } });
    expect(badDate.status).toBe(400);
    const backwards = await createHold({ name: `Bad ${marker}`, scope: { from: "2024-03-01", to: "2024-02-01" } });
    expect(backwards.status).toBe(400);
    const created = await createHold({ name: `Items ${marker}` });
    const tooMany = await items(created.body.hold.id, { action: "add", items: Array.from({ length: 501 }, (_, i) => ({ itemType: "CONVERSATION", itemId: `c${i}` })) });
    expect(tooMany.status).toBe(400);
    const missing = await items(created.body.hold.id, { action: "add", items: [{ itemType: "CONVERSATION", itemId: `nope-${marker}` }] });
    expect(missing.status).toBe(404);
    expect((await get(`nope-${marker}`)).status).toBe(404);
  });

  it("finds custodians by name or e-mail for the picker, and labels ids", async () => {
    const found = await callRoute(custodiansRoute.GET, "GET", `/api/v1/holds/custodians?q=${encodeURIComponent(`alice.${marker}`)}`, cookies.officer);
    expect(found.status).toBe(200);
    expect(found.body.custodians.map((c: { id: string }) => c.id)).toEqual([A]);
    const byName = await callRoute(custodiansRoute.GET, "GET", `/api/v1/holds/custodians?q=${encodeURIComponent(`bob ${marker}`)}`, cookies.officer);
    expect(byName.body.custodians.map((c: { id: string }) => c.id)).toEqual([B]);
    const labelled = await callRoute(custodiansRoute.GET, "GET", `/api/v1/holds/custodians?ids=${B}&ids=${A}`, cookies.officer);
    expect(labelled.body.custodians.map((c: { email: string }) => c.email)).toEqual([`bob.${marker}@example.test`, `alice.${marker}@example.test`]);
  });
});

describe("a custodian + date window hold", () => {
  let id = "";

  it("creates a draft at scope version 1, audited", async () => {
    const created = await createHold({ name: `January ${marker}`, matter: "Acme v. Custodian", description: "Preserve January", scope: januaryScope() });
    expect(created.status).toBe(200);
    id = created.body.hold.id;
    expect(created.body.hold).toMatchObject({ status: "DRAFT", scopeVersion: 1, matter: "Acme v. Custodian", scope: { custodianIds: [A, B].sort(), from: "2024-01-01", to: "2024-01-31", query: null } });
    const [event] = await auditOf(created.requestId);
    expect(event).toMatchObject({ action: "hold.create", targetType: "legal_hold", targetId: id });
    const versions = await getDb().legalHoldScopeVersion.findMany({ where: { holdId: id } });
    expect(versions.map((v) => v.version)).toEqual([1]);
  });

  it("refuses transitions the state machine does not have (409)", async () => {
    const releaseDraft = await release(id, { reason: "done" });
    expect(releaseDraft.status).toBe(409);
    expect(releaseDraft.body.error.code).toBe("conflict");
    const empty = await createHold({ name: `Empty ${marker}` });
    expect((await activate(empty.body.hold.id)).status).toBe(409);
  });

  it("versions scope edits (and only scope edits) with audit rows", async () => {
    const narrowed = await patch(id, { scope: { ...januaryScope(), custodianIds: [A] } });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.hold.scopeVersion).toBe(2);
    const [event] = await auditOf(narrowed.requestId);
    expect(event.action).toBe("hold.scope.update");
    expect((event.details as { changes: { scope: { from: { custodianIds: string[] }; to: { custodianIds: string[] } } } }).changes.scope.to.custodianIds).toEqual([A]);
    const back = await patch(id, { scope: januaryScope() });
    expect(back.body.hold.scopeVersion).toBe(3);
    const sameAgain = await patch(id, { scope: { ...januaryScope(), custodianIds: [B, A] } });
    expect(sameAgain.body.hold.scopeVersion).toBe(3);
    const renamed = await patch(id, { name: `January ${marker} (renamed)` });
    expect(renamed.body.hold.scopeVersion).toBe(3);
    expect((await auditOf(renamed.requestId))[0].action).toBe("hold.update");
    const detail = await get(id);
    expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(detail.body.versions[1].scope.custodianIds).toEqual([A]);
    expect(detail.body.custodians.map((c: { id: string }) => c.id).sort()).toEqual([A, B].sort());
  });

  it("adds explicit items to the draft (mapped to their unit), which bumps the version", async () => {
    const added = await items(id, { action: "add", items: [{ itemType: "MEMORY", itemId: ids.memB }] });
    expect(added.status).toBe(200);
    expect(added.body.result).toMatchObject({ changed: 1, scopeVersion: 4 });
    const again = await items(id, { action: "add", items: [{ itemType: "MEMORY", itemId: ids.memB }] });
    expect(again.body.result).toMatchObject({ changed: 0, scopeVersion: 4 });
    expect((await auditOf(added.requestId))[0].action).toBe("hold.items.add");
    // A draft protects nothing.
    expect((await covering("MEMORY", ids.memB)).body.holds).toEqual([]);
  });

  it("previews exact counts per type and per custodian, equal to what activation materializes", async () => {
    const p = await preview(id, cookies.auditor);
    expect(p.status).toBe(200);
    const pv = p.body.preview;
    // a1, a3, b1; the GPT (config in January) and its knowledge file; memory A (Jan 31) + explicit memory B;
    // the standalone file.
    expect(pv.byType).toEqual({ CONVERSATION: 3, GPT: 1, MEMORY: 2, FILE: 2, PROJECT: 0 });
    expect(pv.total).toBe(8);
    expect(pv.explicit).toBe(1);
    expect(pv.fromCriteria).toBe(7);
    const perCustodian = Object.fromEntries(pv.byCustodian.map((c: { userId: string; total: number }) => [c.userId, c.total]));
    expect(perCustodian).toEqual({ [A]: 5, [B]: 2, [C]: 1 });
    expect(pv.custodianCount).toBe(3);
    expect(pv.byCustodian[0]).toMatchObject({ userId: A, email: `alice.${marker}@example.test`, byType: { CONVERSATION: 2, GPT: 1, MEMORY: 1, FILE: 1, PROJECT: 0 } });
    expect(pv.samples).toHaveLength(8);
    expect(pv.samples[0]).toMatchObject({ itemType: "MEMORY", itemId: ids.memB, explicit: true });
    expect(pv.samples.find((s: { itemId: string }) => s.itemId === ids.a1)).toMatchObject({ label: "Quarter close", userId: A });
    // Nothing was materialized by the preview.
    expect(await heldRows(id)).toEqual([`MEMORY:${ids.memB}:EXPLICIT`]);

    const activated = await activate(id);
    expect(activated.status).toBe(200);
    expect(activated.body.hold.status).toBe("ACTIVE");
    expect(activated.body.counts.byType).toEqual(pv.byType);
    const detail = await get(id);
    expect(detail.body.counts.byType).toEqual(pv.byType);
    expect(detail.body.counts.byCustodian).toEqual(pv.byCustodian);
    expect(await heldRows(id)).toEqual(
      [
        `CONVERSATION:${ids.a1}:SCOPE`,
        `CONVERSATION:${ids.a3}:SCOPE`,
        `CONVERSATION:${ids.b1}:SCOPE`,
        `GPT:${ids.gpt}:SCOPE`,
        `MEMORY:${ids.memA}:SCOPE`,
        `MEMORY:${ids.memB}:EXPLICIT`,
        `FILE:${ids.fileStandalone}:SCOPE`,
        `FILE:${ids.fileGpt}:SCOPE`,
      ].sort(),
    );
    const [event] = await auditOf(activated.requestId);
    expect(event).toMatchObject({ action: "hold.activate", targetId: id });
    expect((await activate(id)).status).toBe(409);
  });

  it("lists held items with labels, paged", async () => {
    const first = await callRoute(itemsRoute.GET, "GET", `/api/v1/holds/${id}/items?limit=4`, cookies.reviewer, undefined, { id });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(4);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await callRoute(itemsRoute.GET, "GET", `/api/v1/holds/${id}/items?limit=4&cursor=${first.body.nextCursor}`, cookies.reviewer, undefined, { id });
    expect(second.body.items).toHaveLength(4);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items];
    expect(new Set(all.map((i: { itemId: string }) => i.itemId)).size).toBe(8);
    expect(all.find((i: { itemId: string }) => i.itemId === ids.gpt)).toMatchObject({ itemType: "GPT", label: "Ledger Bot", heldBy: "SCOPE" });
    const onlyMemories = await callRoute(itemsRoute.GET, "GET", `/api/v1/holds/${id}/items?itemType=MEMORY`, cookies.reviewer, undefined, { id });
    expect(onlyMemories.body.items.map((i: { itemId: string }) => i.itemId).sort()).toEqual([ids.memA, ids.memB].sort());
  });

  it("says which holds cover an item: through its conversation, its GPT, or itself", async () => {
    const viaConversation = await covering("MESSAGE", ids.msgA1);
    expect(viaConversation.status).toBe(200);
    expect(viaConversation.body.holds).toEqual([expect.objectContaining({ id, heldBy: "SCOPE", via: { itemType: "CONVERSATION", itemId: ids.a1 } })]);
    expect((await covering("FILE", ids.fileConv)).body.holds.map((h: { id: string }) => h.id)).toEqual([id]);
    expect((await covering("GPT_CONFIG", ids.configs[1])).body.holds[0].via).toEqual({ itemType: "GPT", itemId: ids.gpt });
    expect((await covering("MEMORY", ids.memB)).body.holds[0].heldBy).toBe("EXPLICIT");
    expect((await covering("FILE", ids.fileGpt)).body.holds[0].via).toEqual({ itemType: "FILE", itemId: ids.fileGpt });
    expect((await covering("MESSAGE", ids.msgA2)).body.holds).toEqual([]);
    expect((await covering("CONVERSATION", ids.a2, cookies.auditor)).body.holds).toEqual([]);
  });

  it("makes held items searchable with held:yes once indexed", async () => {
    await drainMine();
    expect(await search(`${marker} held:yes`)).toEqual(
      [
        documentKey("message", ids.msgA1),
        documentKey("message", ids.msgB1),
        documentKey("gpt", ids.configs[1]),
        documentKey("memory", ids.memA),
        documentKey("file", ids.fileStandalone),
      ].sort(),
    );
    expect(await search(`${marker} held:no`)).toEqual([]);
    expect(await search(`held:yes ledger -${marker}`)).not.toContain(documentKey("message", ids.msgA2));
    // A conversation's file is held through its conversation.
    expect(await search(`user:"${A}" held:yes type:file`)).toEqual([documentKey("file", ids.fileConv), documentKey("file", ids.fileStandalone)].sort());
    expect(await search(`user:"${A}" held:yes type:gpt`)).toEqual([documentKey("gpt", ids.configs[0]), documentKey("gpt", ids.configs[1])].sort());
  });

  it("re-evaluates an active hold's scope edit: SCOPE items leave, EXPLICIT ones stay", async () => {
    const narrowed = await patch(id, { scope: { ...januaryScope(), custodianIds: [A] } });
    expect(narrowed.status).toBe(200);
    const [event] = await auditOf(narrowed.requestId);
    expect(event.details).toMatchObject({ itemsAdded: 0, itemsRemoved: 1 });
    const rows = await heldRows(id);
    expect(rows).not.toContain(`CONVERSATION:${ids.b1}:SCOPE`);
    expect(rows).toContain(`MEMORY:${ids.memB}:EXPLICIT`);
    // The removed conversation is queued for reindexing.
    expect(await getDb().indexOutbox.count({ where: { itemType: "CONVERSATION", itemId: ids.b1, processedAt: null } })).toBeGreaterThan(0);

    // An explicit item the criteria also select stays held when its explicit mark is removed.
    expect((await items(id, { action: "add", items: [{ itemType: "MESSAGE", itemId: ids.msgA1 }] })).body.result.changed).toBe(1);
    expect(await heldRows(id)).toContain(`CONVERSATION:${ids.a1}:EXPLICIT`);
    const removed = await items(id, { action: "remove", items: [{ itemType: "CONVERSATION", itemId: ids.a1 }, { itemType: "MEMORY", itemId: ids.memB }] });
    expect(removed.body.result).toMatchObject({ changed: 2, keptByScope: 1 });
    const after = await heldRows(id);
    expect(after).toContain(`CONVERSATION:${ids.a1}:SCOPE`);
    expect(after.some((r) => r.startsWith(`MEMORY:${ids.memB}`))).toBe(false);
    const versions = await getDb().legalHoldScopeVersion.findMany({ where: { holdId: id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((versions[6].scope as { change: { action: string } }).change.action).toBe("remove");
  });

  it("releases with a required reason; released rows stay but protect nothing", async () => {
    const noReason = await release(id, { reason: " " });
    expect(noReason.status).toBe(400);
    const released = await release(id, { reason: "Matter settled on 2025-06-30" });
    expect(released.status).toBe(200);
    expect(released.body.hold).toMatchObject({ status: "RELEASED", releaseReason: "Matter settled on 2025-06-30" });
    expect(released.body.hold.releasedBy.email).toMatch(/^officer-/);
    const [event] = await auditOf(released.requestId);
    expect(event).toMatchObject({ action: "hold.release", targetId: id });
    expect((event.details as { reason: string }).reason).toBe("Matter settled on 2025-06-30");
    expect((await heldRows(id)).length).toBeGreaterThan(0);
    expect((await covering("MESSAGE", ids.msgA1)).body.holds).toEqual([]);
    expect((await release(id, { reason: "again" })).status).toBe(409);
    expect((await patch(id, { name: "after release" })).status).toBe(409);
    expect((await items(id, { action: "add", items: [{ itemType: "CONVERSATION", itemId: ids.a2 }] })).status).toBe(409);
    expect((await activate(id)).status).toBe(409);
    await drainMine();
    expect(await search(`${marker} held:yes`)).toEqual([]);
    const list = await callRoute(holdsRoute.GET, "GET", "/api/v1/holds?status=RELEASED", cookies.auditor);
    expect(list.body.holds.map((h: { id: string }) => h.id)).toContain(id);
    expect(list.body.holds.every((h: { status: string }) => h.status === "RELEASED")).toBe(true);
  });
});

describe("a query hold (through the search engine)", () => {
  it("holds the units of every hit, intersected with the other criteria", async () => {
    const created = await createHold({ name: `Query ${marker}`, scope: { query: `${marker}`, custodianIds: [A] } });
    const id = created.body.hold.id;
    const pv = (await preview(id)).body.preview;
    // Hits: msg a1 → a1, config v2 → GPT, memory A, standalone file; msg b1 is B's (excluded by the custodian criterion).
    expect(pv.byType).toEqual({ CONVERSATION: 1, GPT: 1, MEMORY: 1, FILE: 2, PROJECT: 0 });
    const activated = await activate(id);
    expect(activated.body.counts.byType).toEqual(pv.byType);
    expect(await heldRows(id)).toEqual(
      [`CONVERSATION:${ids.a1}:SCOPE`, `GPT:${ids.gpt}:SCOPE`, `MEMORY:${ids.memA}:SCOPE`, `FILE:${ids.fileStandalone}:SCOPE`, `FILE:${ids.fileGpt}:SCOPE`].sort(),
    );

    // Widening to both custodians brings b1 in.
    const widened = await patch(id, { scope: { query: `${marker}`, custodianIds: [] } });
    expect(widened.status).toBe(200);
    expect(await heldRows(id)).toContain(`CONVERSATION:${ids.b1}:SCOPE`);
    await drainMine();
    expect(await search(`${marker} held:yes type:message`)).toEqual([documentKey("message", ids.msgA1), documentKey("message", ids.msgB1)].sort());
    expect((await release(id, { reason: "test done" })).status).toBe(200);
    await drainMine();
    expect(await search(`${marker} held:yes`)).toEqual([]);
  });
});

describe("an explicit-items hold", () => {
  it("holds a GPT added from a configuration with its knowledge files, and lets both go when it is removed", async () => {
    const created = await createHold({ name: `Explicit ${marker}` });
    const id = created.body.hold.id;
    expect((await items(id, { action: "add", items: [{ itemType: "MEMORY", itemId: ids.memB }] })).status).toBe(200);
    expect((await activate(id)).status).toBe(200);
    expect(await heldRows(id)).toEqual([`MEMORY:${ids.memB}:EXPLICIT`]);
    const added = await items(id, { action: "add", items: [{ itemType: "GPT_CONFIG", itemId: ids.configs[0] }] });
    expect(added.body.result).toMatchObject({ units: 1, changed: 1 });
    expect(await heldRows(id)).toEqual([`GPT:${ids.gpt}:EXPLICIT`, `FILE:${ids.fileGpt}:SCOPE`, `MEMORY:${ids.memB}:EXPLICIT`].sort());
    expect(await getDb().indexOutbox.count({ where: { itemType: "FILE", itemId: ids.fileGpt, processedAt: null } })).toBeGreaterThan(0);
    const removed = await items(id, { action: "remove", items: [{ itemType: "GPT", itemId: ids.gpt }] });
    expect(removed.body.result).toMatchObject({ changed: 1, keptByScope: 0 });
    expect(await heldRows(id)).toEqual([`MEMORY:${ids.memB}:EXPLICIT`]);
    expect((await release(id, { reason: "test done" })).status).toBe(200);
  });
});
