// Legal holds: a named preservation order (name, matter, description) over a scope — custodians, a date
// window and a search query, intersected, plus explicit items on top (hold-scope.ts says what each selects).
//
// Life cycle, and nothing else: DRAFT → ACTIVE → RELEASED (release needs a reason). Illegal transitions are
// 409s. Every change is audited in the same transaction as the change.
// - Scope edits (PATCH scope, explicit item add/remove) bump `scopeVersion` and write a LegalHoldScopeVersion
//   row: `scope` is the full criteria after the edit plus `change` (the explicit items added or removed, or
//   null for a criteria edit). LegalHold.scope holds the current criteria only; explicit items are HeldItem
//   rows with heldBy EXPLICIT from the moment they are added (in a draft too, where they protect nothing).
// - Activation materializes the criteria (and the knowledge files of held GPTs and projects) into HeldItem
//   rows (heldBy SCOPE). An edit of an ACTIVE hold's
//   criteria re-evaluates: new units are added, SCOPE units no longer selected are removed; EXPLICIT ones
//   stay. Removing an explicit item that the criteria still select keeps it, as SCOPE.
// - Holds are standing: evaluateStandingHolds() adds newly matching units to every ACTIVE hold, at the end of
//   every sync (that sync's items, custodian and date criteria) and every 15 minutes (everything, including
//   query criteria over what is indexed by then). Standing evaluation only ever adds.
// - Release keeps the HeldItem rows as the record of what was held; only ACTIVE holds protect: the search
//   index's `held` (lib/search/documents.ts), holdsCovering() and disposition all join on status ACTIVE.
// Any change to what is protected queues the affected units for reindexing (IndexOutbox, same transaction),
// so `held:yes` searches follow.
import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit/audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeItems, type ItemLabel } from "@/lib/review/items";
import {
  hasCriteria,
  holdScopeSchema,
  sameScope,
  type CreateHoldInput,
  type HeldUnitType,
  type HoldItemRef,
  type HoldItemsChange,
  type HoldScope,
  type HoldStatus,
  type UpdateHoldInput,
} from "@/lib/governance/hold-schemas";
import { buildUnits, countUnits, unitUserSql, type EvaluateOptions, type ScopeCounts } from "@/lib/governance/hold-scope";

type Tx = Prisma.TransactionClient;
type Meta = { ip?: string | null; requestId?: string };
type Person = { id: string; name: string; email: string };

/** Evaluating a large scope (and walking a query's hits) takes a while: give those transactions room. */
const LONG_TX = { timeout: 15 * 60_000, maxWait: 30_000 };
const SAMPLE_SIZE = 20;

export type HoldView = {
  id: string;
  name: string;
  matter: string | null;
  description: string | null;
  status: HoldStatus;
  scope: HoldScope;
  scopeVersion: number;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
  createdBy: Person | null;
  activatedBy: Person | null;
  releasedBy: Person | null;
  /** HeldItem rows (what it holds while ACTIVE, what it held once RELEASED, its explicit items as a DRAFT). */
  itemCount: number;
  explicitCount: number;
};

export type ScopeChange = { action: "create" | "add" | "remove"; items: { itemType: HeldUnitType; itemId: string }[] } | null;
export type ScopeVersionView = { version: number; scope: HoldScope; change: ScopeChange; createdAt: string; createdBy: Person | null };
export type CustodianRef = { id: string; name: string | null; email: string; sourceId: string };
export type HoldDetail = { hold: HoldView; versions: ScopeVersionView[]; counts: ScopeCounts; custodians: CustodianRef[] };
export type HoldPreview = ScopeCounts & {
  holdId: string;
  scopeVersion: number;
  /** Units selected by explicit items / by the criteria (an item selected by both counts as explicit). */
  explicit: number;
  fromCriteria: number;
  samples: (ItemLabel & { explicit: boolean })[];
  evaluatedAt: string;
};

type HoldRow = Prisma.LegalHoldGetPayload<object>;

function parseScope(json: unknown): HoldScope {
  const parsed = holdScopeSchema.safeParse(json ?? {});
  // Stored scopes were validated on write; an unreadable one must not silently widen or vanish.
  if (!parsed.success) throw new AppError("internal", "The hold's stored scope cannot be read");
  return parsed.data;
}

async function loadPeople(ids: (string | null)[]): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await getDb().user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(rows.map((u) => [u.id, u]));
}

async function toViews(rows: HoldRow[]): Promise<HoldView[]> {
  if (!rows.length) return [];
  const db = getDb();
  const ids = rows.map((r) => r.id);
  const [counts, explicit, people] = await Promise.all([
    db.heldItem.groupBy({ by: ["holdId"], where: { holdId: { in: ids } }, _count: { _all: true } }),
    db.heldItem.groupBy({ by: ["holdId"], where: { holdId: { in: ids }, heldBy: "EXPLICIT" }, _count: { _all: true } }),
    loadPeople(rows.flatMap((r) => [r.createdById, r.activatedById, r.releasedById])),
  ]);
  const countOf = (list: typeof counts, id: string) => list.find((c) => c.holdId === id)?._count._all ?? 0;
  const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    matter: r.matter,
    description: r.description,
    status: r.status,
    scope: parseScope(r.scope),
    scopeVersion: r.scopeVersion,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    activatedAt: r.activatedAt?.toISOString() ?? null,
    releasedAt: r.releasedAt?.toISOString() ?? null,
    releaseReason: r.releaseReason,
    createdBy: person(r.createdById),
    activatedBy: person(r.activatedById),
    releasedBy: person(r.releasedById),
    itemCount: countOf(counts, r.id),
    explicitCount: countOf(explicit, r.id),
  }));
}

/** Locks the hold row for the rest of the transaction (scope edits, activation, release and standing runs queue up). */
async function lockHold(tx: Tx, id: string): Promise<HoldRow> {
  // Disposition batches take SHARE locks on LegalHold then HeldItem (lib/governance/held.ts). Taking the
  // LegalHold table's ROW EXCLUSIVE lock first (which every later write here needs anyway) orders us before
  // or after such a batch as a whole, instead of deadlocking with it halfway.
  await tx.$executeRawUnsafe(`LOCK TABLE "LegalHold" IN ROW EXCLUSIVE MODE`);
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "LegalHold" WHERE id = ${id} FOR UPDATE`;
  if (!locked.length) throw new AppError("not_found", "Legal hold not found");
  return tx.legalHold.findUniqueOrThrow({ where: { id } });
}

const scopeJson = (scope: HoldScope, change: ScopeChange = null) => ({ ...scope, change }) as unknown as Prisma.InputJsonValue;

// ---- reads --------------------------------------------------------------------------------------------

/** Newest first; at most 500 (holds number in the tens or hundreds; page this if that ever changes). */
export async function listHolds(filter: { status?: HoldStatus } = {}): Promise<HoldView[]> {
  const rows = await getDb().legalHold.findMany({
    where: filter.status ? { status: filter.status } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  return toViews(rows);
}

/** Counts of what the hold's HeldItem rows cover, per unit type and per custodian. */
export async function countHeldItems(holdId: string, tx: Tx = getDb()): Promise<ScopeCounts> {
  return countUnits(tx, `(SELECT h."itemType"::text AS t, ${unitUserSql(`h."itemType"::text`, `h."itemId"`)} AS uid FROM "HeldItem" h WHERE h."holdId" = $1)`, [holdId]);
}

export async function getHold(id: string): Promise<HoldDetail> {
  const db = getDb();
  const row = await db.legalHold.findUnique({ where: { id }, include: { scopeVersions: { orderBy: { version: "desc" } } } });
  if (!row) throw new AppError("not_found", "Legal hold not found");
  const [hold] = await toViews([row]);
  const people = await loadPeople(row.scopeVersions.map((v) => v.createdById));
  const versions = row.scopeVersions.map((v) => {
    const json = (v.scope ?? {}) as { change?: ScopeChange };
    return {
      version: v.version,
      scope: parseScope(v.scope),
      change: json.change ?? null,
      createdAt: v.createdAt.toISOString(),
      createdBy: people.get(v.createdById) ?? null,
    };
  });
  return { hold, versions, counts: await countHeldItems(id), custodians: await describeCustodians(hold.scope.custodianIds) };
}

export async function describeCustodians(ids: string[]): Promise<CustodianRef[]> {
  if (!ids.length) return [];
  const rows = await getDb().workspaceUser.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true, sourceId: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Keep ids the archive does not know (yet): the hold still names them, and standing evaluation will catch up.
  return ids.map((id) => byId.get(id) ?? { id, name: null, email: id, sourceId: "" });
}

/** Workspace users (custodians) whose name or e-mail contains `q`, for the custodian picker. */
export async function searchCustodians(q: string, limit = 20): Promise<CustodianRef[]> {
  const text = q.trim();
  return getDb().workspaceUser.findMany({
    where: text
      ? { OR: [{ email: { contains: text, mode: "insensitive" } }, { name: { contains: text, mode: "insensitive" } }, { id: text }] }
      : {},
    select: { id: true, name: true, email: true, sourceId: true },
    orderBy: [{ email: "asc" }, { id: "asc" }],
    take: limit,
  });
}

export type HeldItemView = ItemLabel & { heldBy: "SCOPE" | "EXPLICIT"; addedAt: string };
export type HeldItemsPage = { items: HeldItemView[]; nextCursor: string | null };

const encodeCursor = (k: [string, string]) => Buffer.from(JSON.stringify(k)).toString("base64url");
function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "string")) return v as [string, string];
  } catch {
    // fall through
  }
  throw new AppError("invalid", "The page cursor is not valid");
}

/** The hold's items in (type, id) order, keyset-paged, with labels and link targets. */
export async function listHeldItems(holdId: string, opts: { cursor?: string; limit: number; itemType?: HeldUnitType; heldBy?: "SCOPE" | "EXPLICIT" }): Promise<HeldItemsPage> {
  const db = getDb();
  if (!(await db.legalHold.findUnique({ where: { id: holdId }, select: { id: true } }))) throw new AppError("not_found", "Legal hold not found");
  const params: unknown[] = [holdId, opts.limit + 1];
  const where = [`h."holdId" = $1`];
  if (opts.itemType) where.push(`h."itemType" = $${params.push(opts.itemType)}::"ItemType"`);
  if (opts.heldBy) where.push(`h."heldBy" = $${params.push(opts.heldBy)}::"HeldBy"`);
  if (opts.cursor) {
    const [t, id] = decodeCursor(opts.cursor);
    where.push(`(h."itemType", h."itemId") > ($${params.push(t)}::"ItemType", $${params.push(id)})`);
  }
  const rows = await db.$queryRawUnsafe<{ itemType: HeldUnitType; itemId: string; heldBy: "SCOPE" | "EXPLICIT"; addedAt: Date }[]>(
    // Ordered by the enum (the primary key's order), not by the text the rows are returned as.
    `SELECT h."itemType"::text AS "itemType", h."itemId", h."heldBy"::text AS "heldBy", h."addedAt" FROM "HeldItem" h
     WHERE ${where.join(" AND ")} ORDER BY h."itemType", h."itemId" LIMIT $2`,
    ...params,
  );
  const page = rows.slice(0, opts.limit);
  const labels = await describeItems(page.map((r) => ({ itemType: r.itemType, itemId: r.itemId })));
  return {
    items: page.map((r, i) => ({ ...labels[i], heldBy: r.heldBy, addedAt: r.addedAt.toISOString() })),
    nextCursor: rows.length > opts.limit ? encodeCursor([page[page.length - 1].itemType, page[page.length - 1].itemId]) : null,
  };
}

// ---- create and edit ----------------------------------------------------------------------------------

export async function createHold(input: CreateHoldInput, actor: SessionUser, meta: Meta = {}): Promise<HoldView> {
  const row = await getDb().$transaction(async (tx) => {
    const hold = await tx.legalHold.create({
      data: { name: input.name, matter: input.matter ?? null, description: input.description ?? null, scope: scopeJson(input.scope), createdById: actor.id },
    });
    await tx.legalHoldScopeVersion.create({ data: { holdId: hold.id, version: 1, scope: scopeJson(input.scope, { action: "create", items: [] }), createdById: actor.id } });
    await recordAudit(
      {
        action: "hold.create",
        actor,
        target: { type: "legal_hold", id: hold.id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { name: hold.name, matter: hold.matter, scope: input.scope, scopeVersion: 1 },
      },
      tx,
    );
    return hold;
  });
  return (await toViews([row]))[0];
}

/**
 * Replaces SCOPE rows with what the hold selects now (criteria, and the files of its GPTs and projects);
 * returns units added and removed (both queued for reindexing).
 */
async function rematerialize(tx: Tx, holdId: string, scope: HoldScope): Promise<{ added: number; removed: number }> {
  await buildUnits(tx, { holdId, scope });
  const removed = await tx.$executeRawUnsafe(
    `WITH d AS (
       DELETE FROM "HeldItem" h WHERE h."holdId" = $1 AND h."heldBy" = 'SCOPE'
         AND NOT EXISTS (SELECT 1 FROM hold_units u WHERE u.item_type = h."itemType"::text AND u.item_id = h."itemId")
       RETURNING h."itemType", h."itemId")
     INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT "itemType", "itemId" FROM d`,
    holdId,
  );
  const added = await insertScopeRows(tx, holdId);
  return { added, removed };
}

/** Copies hold_units into HeldItem as SCOPE rows (existing rows, explicit or not, are kept); queues the new ones. */
async function insertScopeRows(tx: Tx, holdId: string): Promise<number> {
  return tx.$executeRawUnsafe(
    `WITH i AS (
       INSERT INTO "HeldItem" ("holdId", "itemType", "itemId", "heldBy")
       SELECT $1, u.item_type::"ItemType", u.item_id, 'SCOPE' FROM hold_units u WHERE NOT u.explicit
       ON CONFLICT DO NOTHING
       RETURNING "itemType", "itemId")
     INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT "itemType", "itemId" FROM i`,
    holdId,
  );
}

export async function updateHold(id: string, input: UpdateHoldInput, actor: SessionUser, meta: Meta = {}): Promise<HoldView> {
  const row = await getDb().$transaction(async (tx) => {
    const before = await lockHold(tx, id);
    if (before.status === "RELEASED") throw new AppError("conflict", "A released hold cannot be changed");
    const oldScope = parseScope(before.scope);
    const scopeChanged = input.scope !== undefined && !sameScope(oldScope, input.scope);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ["name", "matter", "description"] as const) {
      if (input[key] !== undefined && input[key] !== before[key]) changes[key] = { from: before[key], to: input[key] };
    }
    let version = before.scopeVersion;
    let effect: { added: number; removed: number } | null = null;
    if (scopeChanged) {
      const scope = input.scope!;
      if (before.status === "ACTIVE" && !hasCriteria(scope) && !(await tx.heldItem.count({ where: { holdId: id, heldBy: "EXPLICIT" } }))) {
        throw new AppError("conflict", "An active hold must keep a scope: release it instead of emptying it");
      }
      changes.scope = { from: oldScope, to: scope };
      version += 1;
      await tx.legalHoldScopeVersion.create({ data: { holdId: id, version, scope: scopeJson(scope), createdById: actor.id } });
      if (before.status === "ACTIVE") effect = await rematerialize(tx, id, scope);
    }
    const hold = await tx.legalHold.update({
      where: { id },
      data: { name: input.name, matter: input.matter, description: input.description, ...(scopeChanged ? { scope: scopeJson(input.scope!), scopeVersion: version } : {}) },
    });
    if (Object.keys(changes).length) {
      await recordAudit(
        {
          action: scopeChanged ? "hold.scope.update" : "hold.update",
          actor,
          target: { type: "legal_hold", id },
          ip: meta.ip,
          requestId: meta.requestId,
          details: { name: hold.name, status: hold.status, changes, scopeVersion: version, ...(effect ? { itemsAdded: effect.added, itemsRemoved: effect.removed } : {}) },
        },
        tx,
      );
    }
    return hold;
  }, LONG_TX);
  return (await toViews([row]))[0];
}

// ---- preview, activation, release ---------------------------------------------------------------------

export async function previewHold(id: string, actor: SessionUser, meta: Meta = {}): Promise<HoldPreview> {
  return getDb().$transaction(async (tx) => {
    const hold = await tx.legalHold.findUnique({ where: { id } });
    if (!hold) throw new AppError("not_found", "Legal hold not found");
    if (hold.status === "RELEASED") throw new AppError("conflict", "A released hold has nothing to preview: its held items are listed on the hold");
    const scope = parseScope(hold.scope);
    await buildUnits(tx, { holdId: id, scope });
    const counts = await countUnits(tx, `(SELECT item_type AS t, user_id AS uid FROM hold_units)`);
    const [split] = await tx.$queryRawUnsafe<{ explicit: number; criteria: number }[]>(
      `SELECT count(*) FILTER (WHERE explicit)::int AS explicit, count(*) FILTER (WHERE NOT explicit)::int AS criteria FROM hold_units`,
    );
    const sample = await tx.$queryRawUnsafe<{ itemType: HeldUnitType; itemId: string; explicit: boolean }[]>(
      `SELECT item_type AS "itemType", item_id AS "itemId", explicit FROM hold_units ORDER BY explicit DESC, item_type, item_id LIMIT ${SAMPLE_SIZE}`,
    );
    const labels = await describeItems(sample.map((s) => ({ itemType: s.itemType, itemId: s.itemId })));
    await recordAudit(
      {
        action: "hold.preview",
        actor,
        target: { type: "legal_hold", id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { scopeVersion: hold.scopeVersion, total: counts.total, byType: counts.byType },
      },
      tx,
    );
    return {
      ...counts,
      holdId: id,
      scopeVersion: hold.scopeVersion,
      explicit: split.explicit,
      fromCriteria: split.criteria,
      samples: labels.map((l, i) => ({ ...l, explicit: sample[i].explicit })),
      evaluatedAt: new Date().toISOString(),
    };
  }, LONG_TX);
}

export type ActivationResult = { hold: HoldView; counts: ScopeCounts };

export async function activateHold(id: string, actor: SessionUser, meta: Meta = {}): Promise<ActivationResult> {
  const row = await getDb().$transaction(async (tx) => {
    const hold = await lockHold(tx, id);
    if (hold.status !== "DRAFT") throw new AppError("conflict", `Only a draft hold can be activated; this one is ${hold.status.toLowerCase()}`);
    const scope = parseScope(hold.scope);
    const explicit = await tx.heldItem.count({ where: { holdId: id, heldBy: "EXPLICIT" } });
    if (!hasCriteria(scope) && !explicit) throw new AppError("conflict", "Give the hold a scope (custodians, a date window, a query or items) before activating it");
    await buildUnits(tx, { holdId: id, scope });
    const added = await insertScopeRows(tx, id);
    // Explicit items start protecting now: queue them too.
    await tx.$executeRaw`INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT "itemType", "itemId" FROM "HeldItem" WHERE "holdId" = ${id} AND "heldBy" = 'EXPLICIT'`;
    const updated = await tx.legalHold.update({ where: { id }, data: { status: "ACTIVE", activatedAt: new Date(), activatedById: actor.id } });
    const counts = await countHeldItems(id, tx);
    await recordAudit(
      {
        action: "hold.activate",
        actor,
        target: { type: "legal_hold", id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { name: hold.name, scopeVersion: hold.scopeVersion, fromCriteria: added, explicit, total: counts.total, byType: counts.byType },
      },
      tx,
    );
    return { updated, counts };
  }, LONG_TX);
  return { hold: (await toViews([row.updated]))[0], counts: row.counts };
}

export async function releaseHold(id: string, reason: string, actor: SessionUser, meta: Meta = {}): Promise<HoldView> {
  const row = await getDb().$transaction(async (tx) => {
    const hold = await lockHold(tx, id);
    if (hold.status !== "ACTIVE") throw new AppError("conflict", `Only an active hold can be released; this one is ${hold.status.toLowerCase()}`);
    const updated = await tx.legalHold.update({ where: { id }, data: { status: "RELEASED", releasedAt: new Date(), releasedById: actor.id, releaseReason: reason } });
    // The rows stay as the record of what was held; the index recomputes `held` from ACTIVE holds only.
    const queued = await tx.$executeRaw`INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT "itemType", "itemId" FROM "HeldItem" WHERE "holdId" = ${id}`;
    await recordAudit(
      {
        action: "hold.release",
        actor,
        target: { type: "legal_hold", id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { name: hold.name, reason, itemsReleased: queued, scopeVersion: hold.scopeVersion },
      },
      tx,
    );
    return updated;
  });
  return (await toViews([row]))[0];
}

// ---- explicit items -----------------------------------------------------------------------------------

type Unit = { itemType: HeldUnitType; itemId: string };
const unitKey = (u: Unit) => `${u.itemType}\u0000${u.itemId}`;

function notFound(type: string, missing: string[]): never {
  const more = missing.length > 1 ? ` (and ${missing.length - 1} more)` : "";
  throw new AppError("not_found", `${type} ${missing[0]} is not in the archive${more}`, { missing: missing.slice(0, 20).map((itemId) => ({ itemType: type, itemId })) });
}

/** The held unit of each item: a message, or a file of a conversation, is held through its conversation; a configuration through its GPT. */
async function toUnits(tx: Tx, refs: HoldItemRef[]): Promise<Unit[]> {
  const ids = (t: HoldItemRef["itemType"]) => refs.filter((r) => r.itemType === t).map((r) => r.itemId);
  const resolved = new Map<string, Unit>();
  const check = (type: string, wanted: string[], found: { id: string }[]) => {
    const have = new Set(found.map((f) => f.id));
    const missing = wanted.filter((id) => !have.has(id));
    if (missing.length) notFound(type, missing);
  };
  const direct = async (type: "CONVERSATION" | "GPT" | "MEMORY" | "PROJECT", find: (ids: string[]) => Promise<{ id: string }[]>) => {
    const wanted = ids(type);
    if (!wanted.length) return;
    check(type, wanted, await find(wanted));
    for (const id of wanted) resolved.set(`${type}\u0000${id}`, { itemType: type, itemId: id });
  };
  const sel = { select: { id: true } } as const;
  await direct("CONVERSATION", (w) => tx.conversation.findMany({ where: { id: { in: w } }, ...sel }));
  await direct("GPT", (w) => tx.gpt.findMany({ where: { id: { in: w } }, ...sel }));
  await direct("MEMORY", (w) => tx.memory.findMany({ where: { id: { in: w } }, ...sel }));
  await direct("PROJECT", (w) => tx.project.findMany({ where: { id: { in: w } }, ...sel }));
  const messages = ids("MESSAGE");
  if (messages.length) {
    const rows = await tx.message.findMany({ where: { id: { in: messages } }, select: { id: true, conversationId: true } });
    check("MESSAGE", messages, rows);
    for (const m of rows) resolved.set(`MESSAGE\u0000${m.id}`, { itemType: "CONVERSATION", itemId: m.conversationId });
  }
  const configs = ids("GPT_CONFIG");
  if (configs.length) {
    const rows = await tx.gptConfigVersion.findMany({ where: { id: { in: configs } }, select: { id: true, gptId: true } });
    check("GPT_CONFIG", configs, rows);
    for (const v of rows) resolved.set(`GPT_CONFIG\u0000${v.id}`, { itemType: "GPT", itemId: v.gptId });
  }
  const files = ids("FILE");
  if (files.length) {
    const rows = await tx.sourceFile.findMany({
      where: { id: { in: files } },
      select: { id: true, conversationId: true, messages: { select: { message: { select: { conversationId: true } } }, take: 1 } },
    });
    check("FILE", files, rows);
    for (const f of rows) {
      const conversationId = f.conversationId ?? f.messages[0]?.message.conversationId ?? null;
      resolved.set(`FILE\u0000${f.id}`, conversationId ? { itemType: "CONVERSATION", itemId: conversationId } : { itemType: "FILE", itemId: f.id });
    }
  }
  const seen = new Set<string>();
  const out: Unit[] = [];
  for (const r of refs) {
    const u = resolved.get(`${r.itemType}\u0000${r.itemId}`)!;
    if (!seen.has(unitKey(u))) {
      seen.add(unitKey(u));
      out.push(u);
    }
  }
  return out;
}

export type HoldItemsResult = { action: "add" | "remove"; requested: number; units: number; changed: number; keptByScope: number; scopeVersion: number };

/** Adds or removes explicit items (each mapped to its held unit). Idempotent; bumps the scope version when something changed. */
export async function changeHoldItems(id: string, change: HoldItemsChange, actor: SessionUser, meta: Meta = {}): Promise<HoldItemsResult> {
  return getDb().$transaction(async (tx) => {
    const hold = await lockHold(tx, id);
    if (hold.status === "RELEASED") throw new AppError("conflict", "A released hold cannot be changed");
    const units = await toUnits(tx, change.items);
    const isActive = hold.status === "ACTIVE";
    let changed = 0;
    let keptByScope = 0;
    const changedUnits: Unit[] = [];
    let deltaItems: Unit[] = [];
    if (change.action === "add") {
      const existing = await tx.heldItem.findMany({
        where: { holdId: id, OR: units.map((u) => ({ itemType: u.itemType, itemId: u.itemId })) },
        select: { itemType: true, itemId: true, heldBy: true },
      });
      const explicitAlready = new Set(existing.filter((e) => e.heldBy === "EXPLICIT").map((e) => unitKey(e as Unit)));
      const present = new Set(existing.map((e) => unitKey(e as Unit)));
      const fresh = units.filter((u) => !explicitAlready.has(unitKey(u)));
      if (fresh.length) {
        await tx.heldItem.createMany({ data: fresh.filter((u) => !present.has(unitKey(u))).map((u) => ({ holdId: id, ...u, heldBy: "EXPLICIT" as const })), skipDuplicates: true });
        const promote = fresh.filter((u) => present.has(unitKey(u)));
        if (promote.length) await tx.heldItem.updateMany({ where: { holdId: id, OR: promote.map((u) => ({ itemType: u.itemType, itemId: u.itemId })) }, data: { heldBy: "EXPLICIT" } });
      }
      changed = fresh.length;
      deltaItems = fresh;
      changedUnits.push(...fresh.filter((u) => !present.has(unitKey(u))));
    } else {
      const targets = (await tx.heldItem.findMany({
        where: { holdId: id, heldBy: "EXPLICIT", OR: units.map((u) => ({ itemType: u.itemType, itemId: u.itemId })) },
        select: { itemType: true, itemId: true },
      })) as Unit[];
      if (targets.length) {
        await tx.heldItem.deleteMany({ where: { holdId: id, heldBy: "EXPLICIT", OR: targets.map((u) => ({ itemType: u.itemType, itemId: u.itemId })) } });
        if (isActive) {
          // Whatever the hold still selects (by its criteria, or as a file of a GPT it still holds) stays held, by scope;
          // rematerialize queues what it adds or removes.
          await rematerialize(tx, id, parseScope(hold.scope));
          const kept = await tx.heldItem.findMany({ where: { holdId: id, OR: targets.map((u) => ({ itemType: u.itemType, itemId: u.itemId })) }, select: { itemType: true, itemId: true } });
          keptByScope = kept.length;
          const keptKeys = new Set(kept.map((k) => unitKey(k as Unit)));
          changedUnits.push(...targets.filter((t) => !keptKeys.has(unitKey(t))));
        }
      }
      changed = targets.length;
      deltaItems = targets;
    }
    let version = hold.scopeVersion;
    if (changed > 0) {
      version += 1;
      const delta: ScopeChange = { action: change.action, items: deltaItems };
      await tx.legalHoldScopeVersion.create({ data: { holdId: id, version, scope: scopeJson(parseScope(hold.scope), delta), createdById: actor.id } });
      await tx.legalHold.update({ where: { id }, data: { scopeVersion: version } });
      if (isActive && change.action === "add") {
        // A GPT or project added explicitly brings its knowledge files.
        await buildUnits(tx, { holdId: id, scope: parseScope(hold.scope), criteria: false });
        await insertScopeRows(tx, id);
      }
      if (isActive && changedUnits.length) await tx.indexOutbox.createMany({ data: changedUnits.map((u) => ({ itemType: u.itemType, itemId: u.itemId })) });
    }
    await recordAudit(
      {
        action: change.action === "add" ? "hold.items.add" : "hold.items.remove",
        actor,
        target: { type: "legal_hold", id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { status: hold.status, requested: change.items.length, units: units.length, changed, keptByScope, scopeVersion: version, items: units },
      },
      tx,
    );
    return { action: change.action, requested: change.items.length, units: units.length, changed, keptByScope, scopeVersion: version };
  }, LONG_TX);
}

// ---- what covers an item ------------------------------------------------------------------------------

export type CoveringHold = {
  id: string;
  name: string;
  matter: string | null;
  activatedAt: string | null;
  heldBy: "SCOPE" | "EXPLICIT";
  /** The unit the hold names: the item itself, or its conversation / GPT. */
  via: Unit;
};
export type Covering = { item: HoldItemRef; holds: CoveringHold[] };

/** ACTIVE holds covering each item: a message through its conversation, a configuration through its GPT, a file itself or through its conversation. */
export async function holdsCovering(refs: HoldItemRef[]): Promise<Covering[]> {
  const db = getDb();
  const ids = (t: HoldItemRef["itemType"]) => refs.filter((r) => r.itemType === t).map((r) => r.itemId);
  const unitsOf = new Map<string, Unit[]>();
  const put = (ref: { itemType: string; itemId: string }, u: Unit) => {
    const k = `${ref.itemType}\u0000${ref.itemId}`;
    unitsOf.set(k, [...(unitsOf.get(k) ?? []), u]);
  };
  for (const r of refs) if (["CONVERSATION", "GPT", "MEMORY", "FILE", "PROJECT"].includes(r.itemType)) put(r, { itemType: r.itemType as HeldUnitType, itemId: r.itemId });
  const messages = ids("MESSAGE");
  if (messages.length) {
    for (const m of await db.message.findMany({ where: { id: { in: messages } }, select: { id: true, conversationId: true } })) {
      put({ itemType: "MESSAGE", itemId: m.id }, { itemType: "CONVERSATION", itemId: m.conversationId });
    }
  }
  const configs = ids("GPT_CONFIG");
  if (configs.length) {
    for (const v of await db.gptConfigVersion.findMany({ where: { id: { in: configs } }, select: { id: true, gptId: true } })) {
      put({ itemType: "GPT_CONFIG", itemId: v.id }, { itemType: "GPT", itemId: v.gptId });
    }
  }
  const files = ids("FILE");
  if (files.length) {
    const rows = await db.sourceFile.findMany({ where: { id: { in: files } }, select: { id: true, conversationId: true, messages: { select: { message: { select: { conversationId: true } } } } } });
    for (const f of rows) {
      const conversations = new Set([f.conversationId, ...f.messages.map((m) => m.message.conversationId)].filter((c): c is string => !!c));
      for (const c of conversations) put({ itemType: "FILE", itemId: f.id }, { itemType: "CONVERSATION", itemId: c });
    }
  }
  const allUnits = [...new Map([...unitsOf.values()].flat().map((u) => [unitKey(u), u])).values()];
  const rows = allUnits.length
    ? await db.heldItem.findMany({
        where: { hold: { status: "ACTIVE" }, OR: allUnits.map((u) => ({ itemType: u.itemType, itemId: u.itemId })) },
        select: { itemType: true, itemId: true, heldBy: true, hold: { select: { id: true, name: true, matter: true, activatedAt: true } } },
        orderBy: [{ hold: { activatedAt: "asc" } }, { holdId: "asc" }],
      })
    : [];
  return refs.map((ref) => {
    const units = new Set((unitsOf.get(`${ref.itemType}\u0000${ref.itemId}`) ?? []).map(unitKey));
    const seen = new Set<string>();
    const holds: CoveringHold[] = [];
    for (const r of rows) {
      if (!units.has(unitKey(r as Unit)) || seen.has(r.hold.id)) continue;
      seen.add(r.hold.id);
      holds.push({
        id: r.hold.id,
        name: r.hold.name,
        matter: r.hold.matter,
        activatedAt: r.hold.activatedAt?.toISOString() ?? null,
        heldBy: r.heldBy,
        via: { itemType: r.itemType as HeldUnitType, itemId: r.itemId },
      });
    }
    return { item: ref, holds };
  });
}

// ---- standing evaluation ------------------------------------------------------------------------------

export type StandingResult = { holds: number; added: number; skipped: number; failed: { holdId: string; error: string }[] };

/**
 * Adds units that now match to every ACTIVE hold. With `since` (capture time: one sync's items), holds with a
 * query are left to the periodic run, because the sync's items are not indexed yet. One transaction per
 * hold; a failing hold does not stop the others (its error is returned).
 */
export async function evaluateStandingHolds(opts: EvaluateOptions = {}): Promise<StandingResult> {
  const db = getDb();
  const active = await db.legalHold.findMany({ where: { status: "ACTIVE" }, select: { id: true, scope: true }, orderBy: { id: "asc" } });
  const result: StandingResult = { holds: 0, added: 0, skipped: 0, failed: [] };
  for (const candidate of active) {
    let scope: HoldScope;
    try {
      scope = parseScope(candidate.scope);
    } catch (err) {
      result.failed.push({ holdId: candidate.id, error: err instanceof Error ? err.message : String(err) });
      continue;
    }
    // At capture (`since`), a query cannot see the sync's items yet: the periodic run evaluates it.
    const criteria = hasCriteria(scope) && !(opts.since && scope.query);
    const explicitOwners = await db.heldItem.count({ where: { holdId: candidate.id, heldBy: "EXPLICIT", itemType: { in: ["GPT", "PROJECT"] } } });
    if (!criteria && !explicitOwners) {
      result.skipped += 1;
      continue;
    }
    try {
      const added = await db.$transaction(async (tx) => {
        const hold = await lockHold(tx, candidate.id);
        if (hold.status !== "ACTIVE") return 0;
        const current = parseScope(hold.scope);
        await buildUnits(tx, { holdId: hold.id, scope: current, criteria: criteria && hasCriteria(current) && !(opts.since && current.query), opts });
        const n = await insertScopeRows(tx, hold.id);
        if (n > 0) {
          await recordAudit(
            {
              action: "hold.standing.add",
              target: { type: "legal_hold", id: hold.id },
              details: { name: hold.name, added: n, scopeVersion: hold.scopeVersion, sourceId: opts.sourceId ?? null, since: opts.since?.toISOString() ?? null },
            },
            tx,
          );
        }
        return n;
      }, LONG_TX);
      result.holds += 1;
      result.added += added;
    } catch (err) {
      result.failed.push({ holdId: candidate.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}
