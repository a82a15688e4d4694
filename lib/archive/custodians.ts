// Reads for custodians — workspace users — on the custodian list and page (server components only):
// the profile with its volumes, the activity histogram, and the memory timeline (every captured version
// of every memory entry). Viewing memories is audited here, one event per memory shown.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MemoryChange } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditInput } from "@/lib/audit/audit";
import { decodeListCursor, encodeListCursor, optionalFlag, optionalText, sortDirections, type SortDir } from "@/lib/archive/queries";

// ---- profile ----------------------------------------------------------------------------------------

/** A custodian (workspace user) with their volumes and the GPTs they own; null when unknown. */
export async function getCustodian(id: string) {
  const db = getDb();
  const user = await db.workspaceUser.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, status: true, createdAtSource: true, firstSeenAt: true, lastSeenAt: true, deletedAtSource: true, sourceId: true },
  });
  if (!user) return null;
  const [volumes, deletedConversations, gpts, memories] = await Promise.all([
    db.conversation.aggregate({ where: { userId: id }, _count: { _all: true }, _sum: { messageCount: true }, _max: { lastActiveAt: true }, _min: { createdAtSource: true } }),
    db.conversation.count({ where: { userId: id, deletedAtSource: { not: null } } }),
    db.gpt.findMany({ where: { ownerId: id }, select: { id: true, name: true, visibility: true, deletedAtSource: true }, orderBy: [{ name: { sort: "asc", nulls: "last" } }, { id: "asc" }] }),
    getMemoryCounts(id),
  ]);
  return {
    user,
    counts: {
      conversations: volumes._count._all,
      deletedConversations,
      messages: volumes._sum.messageCount ?? 0,
      gpts: gpts.length,
      memories,
    },
    firstConversationAt: volumes._min.createdAtSource,
    lastActiveAt: volumes._max.lastActiveAt,
    gpts,
  };
}

export type CustodianDetail = NonNullable<Awaited<ReturnType<typeof getCustodian>>>;

// ---- activity ---------------------------------------------------------------------------------------

export const activityRanges = ["30", "90", "180", "365", "all"] as const;
export type ActivityRange = (typeof activityRanges)[number];
export const activityRangeSchema = z.enum(activityRanges).catch("180");

const DAY_MS = 86_400_000;
/** Past a year, "all" is drawn per week so the chart stays readable and the result small. */
const MAX_DAILY_BUCKETS = 366;

export type ActivityHistogram = {
  range: ActivityRange;
  bucket: "day" | "week";
  /** First and last bucket start (YYYY-MM-DD, UTC); null when the custodian has no dated messages. */
  from: string | null;
  to: string | null;
  buckets: { start: string; count: number }[];
  total: number;
  max: number;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
/** Monday of the ISO week, as Postgres' date_trunc('week') counts it. */
const utcWeek = (d: Date) => new Date(utcDay(d).getTime() - ((utcDay(d).getUTCDay() + 6) % 7) * DAY_MS);

/**
 * Messages per day (or week) in the custodian's conversations, from Message.createdAtSource. The window
 * ends on the day of their latest message (archives are often reviewed long after the fact, so "the last
 * 180 days" means their last 180 active days, not today's) and every bucket in it is returned, zeros
 * included. One bounds query and one grouped query, both over the per-conversation message index.
 */
export async function getActivityHistogram(userId: string, range: ActivityRange = "180"): Promise<ActivityHistogram> {
  const db = getDb();
  const [bounds] = await db.$queryRaw<{ lo: Date | null; hi: Date | null }[]>`
    SELECT min(m."createdAtSource") AS lo, max(m."createdAtSource") AS hi
    FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
    WHERE c."userId" = ${userId} AND m."createdAtSource" IS NOT NULL`;
  if (!bounds?.hi || !bounds.lo) return { range, bucket: "day", from: null, to: null, buckets: [], total: 0, max: 0 };
  const lastDay = utcDay(bounds.hi);
  const firstDay = range === "all" ? utcDay(bounds.lo) : new Date(lastDay.getTime() - (Number(range) - 1) * DAY_MS);
  const bucket: "day" | "week" = (lastDay.getTime() - firstDay.getTime()) / DAY_MS + 1 > MAX_DAILY_BUCKETS ? "week" : "day";
  const start = bucket === "week" ? utcWeek(firstDay) : firstDay;
  const end = new Date(lastDay.getTime() + DAY_MS);
  const unit = Prisma.raw(bucket === "week" ? "'week'" : "'day'");
  const rows = await db.$queryRaw<{ start: string; count: number }[]>`
    SELECT to_char(date_trunc(${unit}, m."createdAtSource" AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS start, count(*)::int AS count
    FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
    WHERE c."userId" = ${userId} AND m."createdAtSource" >= ${start} AND m."createdAtSource" < ${end}
    GROUP BY 1 ORDER BY 1`;
  // Days as text: a timestamp without time zone would be read in the server's local zone.
  const counts = new Map(rows.map((r) => [r.start, Number(r.count)]));
  const step = bucket === "week" ? 7 * DAY_MS : DAY_MS;
  const buckets: ActivityHistogram["buckets"] = [];
  for (let t = start.getTime(); t < end.getTime(); t += step) {
    const key = isoDay(new Date(t));
    buckets.push({ start: key, count: counts.get(key) ?? 0 });
  }
  const total = buckets.reduce((n, b) => n + b.count, 0);
  return { range, bucket, from: buckets[0]?.start ?? null, to: buckets[buckets.length - 1]?.start ?? null, buckets, total, max: Math.max(0, ...buckets.map((b) => b.count)) };
}

// ---- memories ---------------------------------------------------------------------------------------

export const memoryFilters = ["all", "current", "changed", "deleted"] as const;
export type MemoryFilter = (typeof memoryFilters)[number];
export const memoryFilterSchema = z.enum(memoryFilters).catch("all");

export type MemoryCounts = Record<MemoryFilter, number>;

/** How many memory entries fall under each filter: one query. */
export async function getMemoryCounts(userId: string): Promise<MemoryCounts> {
  const [row] = await getDb().$queryRaw<MemoryCounts[]>`
    SELECT count(*)::int AS "all",
           count(*) FILTER (WHERE m."deletedAtSource" IS NULL)::int AS "current",
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "MemoryVersion" v WHERE v."memoryId" = m.id AND v.change = 'CHANGED'))::int AS "changed",
           count(*) FILTER (WHERE m."deletedAtSource" IS NOT NULL)::int AS "deleted"
    FROM "Memory" m WHERE m."userId" = ${userId}`;
  return row ?? { all: 0, current: 0, changed: 0, deleted: 0 };
}

export type MemoryVersionView = {
  version: number;
  change: MemoryChange;
  content: string | null;
  updatedAtSource: Date | null;
  capturedAt: Date;
  sha256: string;
};

export type MemoryTimelineEntry = {
  id: string;
  contextId: string;
  entryId: string;
  content: string | null;
  updatedAtSource: Date | null;
  deletedAtSource: Date | null;
  currentVersion: number;
  /** Every captured version, oldest first. */
  versions: MemoryVersionView[];
};

export const MEMORY_PAGE = 50;

const MEMORY_ORDER: Prisma.MemoryOrderByWithRelationInput[] = [{ updatedAtSource: { sort: "desc", nulls: "last" } }, { id: "asc" }];

function memoryWhere(userId: string, filter: MemoryFilter): Prisma.MemoryWhereInput {
  const where: Prisma.MemoryWhereInput = { userId };
  if (filter === "current") where.deletedAtSource = null;
  if (filter === "deleted") where.deletedAtSource = { not: null };
  if (filter === "changed") where.versions = { some: { change: "CHANGED" } };
  return where;
}

/**
 * One page of a custodian's memory entries, most recently updated first, each with all its versions in
 * the order they were captured. Per-user memory counts are small, so plain offset pages are enough.
 */
export async function listMemoryTimeline(userId: string, filter: MemoryFilter = "all", page = 1, pageSize = MEMORY_PAGE) {
  const where = memoryWhere(userId, filter);
  const db = getDb();
  const safePage = Number.isInteger(page) && page > 0 ? page : 1;
  const [total, rows] = await Promise.all([
    db.memory.count({ where }),
    db.memory.findMany({
      where,
      orderBy: MEMORY_ORDER,
      skip: (safePage - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        contextId: true,
        entryId: true,
        content: true,
        updatedAtSource: true,
        deletedAtSource: true,
        currentVersion: true,
        versions: { orderBy: { version: "asc" }, select: { version: true, change: true, content: true, updatedAtSource: true, capturedAt: true, sha256: true } },
      },
    }),
  ]);
  return { memories: rows satisfies MemoryTimelineEntry[], total, page: safePage, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** The timeline page (1-based) holding `memoryId` under `filter`, or null when it is not there (deep links from search and the queue). */
export async function memoryPageOf(userId: string, filter: MemoryFilter, memoryId: string, pageSize = MEMORY_PAGE): Promise<number | null> {
  const { memories } = await listMemoryTimelineIds(userId, filter);
  const index = memories.indexOf(memoryId);
  return index < 0 ? null : Math.floor(index / pageSize) + 1;
}

async function listMemoryTimelineIds(userId: string, filter: MemoryFilter) {
  const rows = await getDb().memory.findMany({ where: memoryWhere(userId, filter), orderBy: MEMORY_ORDER, select: { id: true } });
  return { memories: rows.map((r) => r.id) };
}

/** Audits the memories a viewer was shown: one `memory.view` event per memory, all in one transaction. */
export async function recordMemoryViews(actor: NonNullable<AuditInput["actor"]>, userId: string, memoryIds: readonly string[]): Promise<void> {
  if (!memoryIds.length) return;
  await getDb().$transaction(
    async (tx) => {
      for (const id of memoryIds) await recordAudit({ action: "memory.view", actor, target: { type: "memory", id }, details: { userId } }, tx);
    },
    { timeout: 30_000 },
  );
}

// ---- the custodian list -----------------------------------------------------------------------------

export const custodianSorts = ["name", "conversations", "messages", "lastActive"] as const;
export type CustodianSort = (typeof custodianSorts)[number];
const CUSTODIAN_DEFAULT_DIR: Record<CustodianSort, SortDir> = { name: "asc", conversations: "desc", messages: "desc", lastActive: "desc" };

export function defaultCustodianDir(sort: CustodianSort): SortDir {
  return CUSTODIAN_DEFAULT_DIR[sort];
}

export const custodianListQuery = z.object({
  cursor: optionalText(500),
  /** Name or e-mail contains (case-insensitive). */
  q: optionalText(),
  /** Exact status as the source reports it (e.g. "active"). */
  status: optionalText(100),
  /** Include users removed from the workspace (kept in the archive, hidden by default). */
  removed: optionalFlag,
  sort: z.preprocess((v) => (v === "" ? undefined : v), z.enum(custodianSorts, "Unknown sort").default("name")),
  dir: z.preprocess((v) => (v === "" ? undefined : v), z.enum(sortDirections, "Use asc or desc").optional()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type CustodianListInput = z.input<typeof custodianListQuery>;

export type CustodianRow = {
  id: string;
  name: string | null;
  email: string;
  role: string | null;
  status: string | null;
  deletedAtSource: Date | null;
  conversations: number;
  messages: number;
  lastActiveAt: Date | null;
  gpts: number;
  memories: number;
};

type BaseRow = Omit<CustodianRow, "gpts" | "memories"> & { sortName: string };

function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A page of custodians with their volumes. Sorting by name pages over WorkspaceUser alone and then counts
 * for the page's users only (index lookups by userId); sorting by a volume needs every user's volume, so
 * one grouped pass over Conversation (never Message) computes them. GPT and memory counts are always for
 * the page's users only.
 */
export async function listCustodians(raw: CustodianListInput) {
  const input = custodianListQuery.parse(raw);
  const dir = input.dir ?? CUSTODIAN_DEFAULT_DIR[input.sort];
  const db = getDb();
  const filters: Prisma.Sql[] = [];
  if (input.q) filters.push(Prisma.sql`(u.email ILIKE ${likePattern(input.q)} OR u.name ILIKE ${likePattern(input.q)})`);
  if (input.status) filters.push(Prisma.sql`u.status = ${input.status}`);
  if (!input.removed) filters.push(Prisma.sql`u."deletedAtSource" IS NULL`);

  const sortExpr = {
    name: Prisma.sql`lower(coalesce(nullif(u.name, ''), u.email))`,
    conversations: Prisma.sql`coalesce(a.conversations, 0)`,
    messages: Prisma.sql`coalesce(a.messages, 0)`,
    lastActive: Prisma.sql`a."lastActiveAt"`,
  }[input.sort];
  const nullable = input.sort === "lastActive";
  const op = Prisma.raw(dir === "desc" ? "<" : ">");
  if (input.cursor) {
    const { value, id } = decodeListCursor(input.cursor, input.sort, dir);
    if (value === null) {
      if (!nullable) throw new AppError("invalid", "Invalid page cursor: start again from the first page");
      filters.push(Prisma.sql`(${sortExpr} IS NULL AND u.id ${op} ${id})`);
    } else {
      const typed = input.sort === "lastActive" ? new Date(String(value)) : input.sort === "name" ? String(value) : Number(value);
      if ((typed instanceof Date && Number.isNaN(typed.getTime())) || (typeof typed === "number" && !Number.isFinite(typed))) {
        throw new AppError("invalid", "Invalid page cursor: start again from the first page");
      }
      filters.push(
        nullable
          ? Prisma.sql`(${sortExpr} ${op} ${typed} OR (${sortExpr} = ${typed} AND u.id ${op} ${id}) OR ${sortExpr} IS NULL)`
          : Prisma.sql`(${sortExpr} ${op} ${typed} OR (${sortExpr} = ${typed} AND u.id ${op} ${id}))`,
      );
    }
  }
  const where = filters.length ? Prisma.sql`WHERE ${Prisma.join(filters, " AND ")}` : Prisma.empty;
  const order = Prisma.raw(dir === "desc" ? "DESC" : "ASC");
  // Name order needs no volumes to page, so the aggregate is computed for the page's users only (LATERAL).
  const volumes =
    input.sort === "name"
      ? Prisma.sql`LEFT JOIN LATERAL (
          SELECT count(*)::int AS conversations, coalesce(sum(c."messageCount"), 0)::int AS messages, max(c."lastActiveAt") AS "lastActiveAt"
          FROM "Conversation" c WHERE c."userId" = u.id) a ON true`
      : Prisma.sql`LEFT JOIN (
          SELECT c."userId", count(*)::int AS conversations, coalesce(sum(c."messageCount"), 0)::int AS messages, max(c."lastActiveAt") AS "lastActiveAt"
          FROM "Conversation" c GROUP BY c."userId") a ON a."userId" = u.id`;
  const rows = await db.$queryRaw<BaseRow[]>`
    SELECT u.id, u.name, u.email, u.role, u.status, u."deletedAtSource",
           coalesce(a.conversations, 0)::int AS conversations, coalesce(a.messages, 0)::int AS messages, a."lastActiveAt",
           lower(coalesce(nullif(u.name, ''), u.email)) AS "sortName"
    FROM "WorkspaceUser" u ${volumes}
    ${where}
    ORDER BY ${sortExpr} ${order} NULLS LAST, u.id ${order}
    LIMIT ${input.limit + 1}`;
  const page = rows.slice(0, input.limit);
  const ids = page.map((r) => r.id);
  const [gpts, memories] = ids.length
    ? await Promise.all([
        db.gpt.groupBy({ by: ["ownerId"], where: { ownerId: { in: ids } }, _count: { _all: true } }),
        db.memory.groupBy({ by: ["userId"], where: { userId: { in: ids }, deletedAtSource: null }, _count: { _all: true } }),
      ])
    : [[], []];
  const gptCount = new Map(gpts.map((g) => [g.ownerId, g._count._all]));
  const memoryCount = new Map(memories.map((m) => [m.userId, m._count._all]));
  const custodians: CustodianRow[] = page.map(({ sortName: _sortName, ...r }) => ({ ...r, gpts: gptCount.get(r.id) ?? 0, memories: memoryCount.get(r.id) ?? 0 }));
  const last = page[page.length - 1];
  const cursorValue = (r: BaseRow): string | number | null =>
    input.sort === "name" ? r.sortName : input.sort === "conversations" ? r.conversations : input.sort === "messages" ? r.messages : (r.lastActiveAt?.toISOString() ?? null);
  return {
    custodians,
    sort: input.sort,
    dir,
    nextCursor: rows.length > input.limit && last ? encodeListCursor(input.sort, dir, cursorValue(last), last.id) : null,
  };
}

/** The statuses present in the archive, for the list's status filter. */
export async function listCustodianStatuses(): Promise<string[]> {
  const rows = await getDb().workspaceUser.groupBy({ by: ["status"], where: { status: { not: null } }, orderBy: { status: "asc" } });
  return rows.map((r) => r.status).filter((s): s is string => Boolean(s));
}
