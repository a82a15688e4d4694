// Reads for GPTs and projects (server components only). Projects mirror GPTs ("built on top of GPTs",
// compliance-api.md §5.5): the same owner, sharing, configuration history, files and shared users, in
// parallel tables. Both kinds are served by the generic functions here through a small per-kind adapter;
// lib/archive/projects.ts binds them to projects.
//
// - Lists are keyset-paged on (sort key, id) with the key computed in SQL (name, last change, number of
//   configuration versions, number of conversations that used the object): stable under concurrent capture,
//   no deep OFFSET.
// - A detail page loads the metadata of every configuration version but the full content (instructions can
//   be very long, files, tools) of at most three: the current one and the two being compared.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parsePermissions, parseSharing, parseTools, type ConfigSnapshot, type FileSnapshot, type Permissions, type SharingSnapshot } from "@/lib/archive/config-diff";

export type ConfigurableKind = "gpt" | "project";

export const VISIBILITIES = ["invite-only", "workspace-with-link", "workspace", "anyone-with-link", "gpt-store"] as const;
export const LIST_SORTS = ["changed", "name", "versions", "conversations"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optionalText = z.preprocess(first, z.string().trim().max(200).optional()).transform((v) => v || undefined);

/** The list pages' URL: every filter, the sort and the page cursor live in the query string. */
export const configurableListQuery = z.object({
  name: optionalText,
  owner: optionalText,
  visibility: z.preprocess(first, z.enum(VISIBILITIES).optional().catch(undefined)),
  deleted: z.preprocess(first, z.enum(["include"]).optional().catch(undefined)),
  sort: z.preprocess(first, z.enum(LIST_SORTS).catch("changed").default("changed")),
  dir: z.preprocess(first, z.enum(["asc", "desc"]).optional().catch(undefined)),
  cursor: z.preprocess(first, z.string().max(500).optional()),
});
/** Raw URL values are accepted as they come; unknown values fall back to the defaults. */
export type ConfigurableListInput = { name?: string; owner?: string; visibility?: string; deleted?: string; sort?: string; dir?: string; cursor?: string };
export type ConfigurableListQuery = z.output<typeof configurableListQuery>;

/** Names sort A→Z by default, everything else largest / newest first. */
export function defaultDirection(sort: ListSort): "asc" | "desc" {
  return sort === "name" ? "asc" : "desc";
}

export const LIST_PAGE_SIZE = 50;

type Tables = { object: string; config: string; fk: string };
const TABLES: Record<ConfigurableKind, Tables> = {
  gpt: { object: "Gpt", config: "GptConfigVersion", fk: "gptId" },
  project: { object: "Project", config: "ProjectConfigVersion", fk: "projectId" },
};

export type ConfigurableListRow = {
  id: string;
  name: string | null;
  ownerId: string | null;
  ownerEmail: string | null;
  builderName: string | null;
  visibility: string | null;
  createdAtSource: Date | null;
  deletedAtSource: Date | null;
  versions: number;
  conversations: number;
  lastChangedAt: Date | null;
};

type Cursor = { k: string | number; id: string };

function encodeCursor(sort: ListSort, dir: string, k: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sort, dir, k, id])).toString("base64url");
}

function decodeCursor(cursor: string, sort: ListSort, dir: string): Cursor | null {
  try {
    const [s, d, k, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string, string | number, string];
    if (s !== sort || d !== dir || typeof id !== "string") return null;
    if (sort === "versions" || sort === "conversations" ? typeof k !== "number" : typeof k !== "string") return null;
    if (sort === "changed" && Number.isNaN(Date.parse(k as string))) return null;
    return { k, id };
  } catch {
    return null;
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of GPTs or projects with their version and conversation counts. */
export async function listConfigurables(kind: ConfigurableKind, input: ConfigurableListInput = {}) {
  const q = configurableListQuery.parse(input);
  const t = TABLES[kind];
  const dir = q.dir ?? defaultDirection(q.sort);
  const cursor = q.cursor ? decodeCursor(q.cursor, q.sort, dir) : null;
  if (q.cursor && !cursor) throw new AppError("invalid", "Invalid page cursor");

  const where: Prisma.Sql[] = [];
  if (q.name) where.push(Prisma.sql`o.name ILIKE ${`%${escapeLike(q.name)}%`}`);
  if (q.owner) where.push(Prisma.sql`(o."ownerEmail" ILIKE ${`%${escapeLike(q.owner)}%`} OR o."ownerId" = ${q.owner})`);
  if (q.visibility) where.push(Prisma.sql`o.visibility = ${q.visibility}`);
  if (!q.deleted) where.push(Prisma.sql`o."deletedAtSource" IS NULL`);
  const obj = Prisma.raw(`"${t.object}"`);
  const cfg = Prisma.raw(`"${t.config}"`);
  const fk = Prisma.raw(`"${t.fk}"`);
  // The sort key is never null, so a row comparison pages through it exactly.
  const key =
    q.sort === "name"
      ? Prisma.sql`lower(coalesce(b.name, ''))`
      : q.sort === "versions"
        ? Prisma.sql`b.versions`
        : q.sort === "conversations"
          ? Prisma.sql`b.conversations`
          : Prisma.sql`coalesce(b."lastChangedAt", '0001-01-01T00:00:00Z'::timestamptz)`;
  const cursorValue = cursor
    ? q.sort === "changed"
      ? Prisma.sql`${cursor.k}::timestamptz`
      : q.sort === "name"
        ? Prisma.sql`${cursor.k}::text`
        : Prisma.sql`${cursor.k}::int`
    : null;
  const after = cursorValue && cursor ? (dir === "asc" ? Prisma.sql`WHERE (${key}, b.id) > (${cursorValue}, ${cursor.id})` : Prisma.sql`WHERE (${key}, b.id) < (${cursorValue}, ${cursor.id})`) : Prisma.empty;
  const order = dir === "asc" ? Prisma.raw("ASC") : Prisma.raw("DESC");

  const rows = await getDb().$queryRaw<(ConfigurableListRow & { sortKey: string | number | Date })[]>`
    WITH b AS (
      SELECT o.id, o.name, o."ownerId", o."ownerEmail", o."builderName", o.visibility, o."createdAtSource", o."deletedAtSource",
        (SELECT count(*) FROM ${cfg} c WHERE c.${fk} = o.id)::int AS versions,
        (SELECT max(coalesce(c."createdAtSource", c."firstSeenAt")) FROM ${cfg} c WHERE c.${fk} = o.id) AS "lastChangedAt",
        (SELECT count(DISTINCT m."conversationId") FROM "Message" m WHERE m.${fk} = o.id)::int AS conversations
      FROM ${obj} o
      ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    )
    SELECT b.*, ${key} AS "sortKey" FROM b
    ${after}
    ORDER BY ${key} ${order}, b.id ${order}
    LIMIT ${LIST_PAGE_SIZE + 1}`;
  const page = rows.slice(0, LIST_PAGE_SIZE);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > LIST_PAGE_SIZE && last ? encodeCursor(q.sort, dir, last.sortKey instanceof Date ? last.sortKey.toISOString() : last.sortKey, last.id) : null;
  return { rows: page.map(({ sortKey: _sortKey, ...r }) => r), nextCursor, query: { ...q, dir } };
}

// ───────────────────────────── Detail ─────────────────────────────

export type VersionMeta = {
  id: string;
  /** 1 = oldest captured configuration. */
  number: number;
  configId: string;
  name: string | null;
  createdAtSource: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  sha256: string;
  deletedAtSource: Date | null;
  authorId: string | null;
  authorEmail: string | null;
};

export type FileView = FileSnapshot & { status: string; createdAtSource: Date | null; deletedAtSource: Date | null };

export type ConfigView = Omit<ConfigSnapshot, "files"> & { meta: VersionMeta; files: FileView[] };

export type SharedUserView = { userId: string; email: string | null; name: string | null; permissions: Permissions | null; deletedAtSource: Date | null };

export type SharingVersionView = { version: number; capturedAt: Date; sharing: SharingSnapshot };

export type ConversationUse = {
  id: string;
  title: string | null;
  userId: string;
  userEmail: string | null;
  lastActiveAt: Date | null;
  deletedAtSource: Date | null;
  /** Messages in the conversation that used this GPT / project. */
  messages: number;
};

type MetaRow = Omit<VersionMeta, "number" | "authorId" | "authorEmail"> & { versionAuthorId?: string | null; versionAuthorEmail?: string | null };
type FullRow = MetaRow & {
  description: string | null;
  instructions: string | null;
  categories: string[];
  conversationStarters: string[];
  tools: unknown;
  files: { file: { id: string; name: string | null; status: string; createdAtSource: Date | null; deletedAtSource: Date | null; blobSha256: string | null; blob: { size: bigint } | null } }[];
};
type ObjectRow = {
  id: string;
  sourceId: string;
  ownerId: string | null;
  ownerEmail: string | null;
  builderName: string | null;
  name: string | null;
  visibility: string | null;
  createdAtSource: Date | null;
  currentVersion: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAtSource: Date | null;
  rawJson: unknown;
};

const metaSelect = { id: true, configId: true, name: true, createdAtSource: true, firstSeenAt: true, lastSeenAt: true, sha256: true, deletedAtSource: true } as const;
const fullSelect = {
  ...metaSelect,
  description: true,
  instructions: true,
  categories: true,
  conversationStarters: true,
  tools: true,
  files: { select: { file: { select: { id: true, name: true, status: true, createdAtSource: true, deletedAtSource: true, blobSha256: true, blob: { select: { size: true } } } } } },
} as const;

type Adapter = {
  object(id: string): Promise<ObjectRow | null>;
  versions(id: string): Promise<MetaRow[]>;
  configs(ids: string[]): Promise<FullRow[]>;
  sharing(id: string): Promise<{ version: number; visibility: string | null; sharing: unknown; capturedAt: Date }[]>;
  shared(id: string): Promise<{ userId: string; email: string | null; permissions: unknown; deletedAtSource: Date | null }[]>;
  usedIn(id: string): Prisma.MessageWhereInput;
};

const ADAPTERS: Record<ConfigurableKind, () => Adapter> = {
  gpt: () => {
    const db = getDb();
    return {
      object: (id) => db.gpt.findUnique({ where: { id } }),
      versions: (id) => db.gptConfigVersion.findMany({ where: { gptId: id }, select: { ...metaSelect, versionAuthorId: true, versionAuthorEmail: true } }),
      configs: (ids) => db.gptConfigVersion.findMany({ where: { id: { in: ids } }, select: { ...fullSelect, versionAuthorId: true, versionAuthorEmail: true } }),
      sharing: (id) => db.gptVersion.findMany({ where: { gptId: id }, orderBy: { version: "asc" }, select: { version: true, visibility: true, sharing: true, capturedAt: true } }),
      shared: (id) => db.gptSharedUser.findMany({ where: { gptId: id }, select: { userId: true, email: true, permissions: true, deletedAtSource: true } }),
      usedIn: (id) => ({ gptId: id }),
    };
  },
  project: () => {
    const db = getDb();
    return {
      object: (id) => db.project.findUnique({ where: { id } }),
      versions: (id) => db.projectConfigVersion.findMany({ where: { projectId: id }, select: metaSelect }),
      configs: (ids) => db.projectConfigVersion.findMany({ where: { id: { in: ids } }, select: fullSelect }),
      sharing: (id) => db.projectVersion.findMany({ where: { projectId: id }, orderBy: { version: "asc" }, select: { version: true, visibility: true, sharing: true, capturedAt: true } }),
      shared: (id) => db.projectSharedUser.findMany({ where: { projectId: id }, select: { userId: true, email: true, permissions: true, deletedAtSource: true } }),
      usedIn: (id) => ({ projectId: id }),
    };
  },
};

const when = (v: { createdAtSource: Date | null; firstSeenAt: Date }) => (v.createdAtSource ?? v.firstSeenAt).getTime();

/** Configuration versions in the order they were made: by creation at the source, then by capture. */
export function orderVersions<T extends { id: string; createdAtSource: Date | null; firstSeenAt: Date }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => when(a) - when(b) || a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function toConfigView(row: FullRow, meta: VersionMeta): ConfigView {
  return {
    meta,
    name: row.name,
    description: row.description,
    instructions: row.instructions,
    categories: row.categories,
    conversationStarters: row.conversationStarters,
    tools: parseTools(row.tools),
    versionAuthor: row.versionAuthorEmail ?? row.versionAuthorId ?? null,
    files: row.files
      .map(({ file: f }) => ({
        id: f.id,
        name: f.name,
        sha256: f.blobSha256,
        size: f.blob ? Number(f.blob.size) : null,
        status: f.status,
        createdAtSource: f.createdAtSource,
        deletedAtSource: f.deletedAtSource,
      }))
      .sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id)),
  };
}

export type ConfigurableDetailOptions = {
  /** Version ids to compare (?a= older, ?b= newer); unknown ids fall back to the defaults. */
  a?: string | null;
  b?: string | null;
};

/**
 * A GPT or project with its owner, version history (oldest first, numbered from 1), the current
 * configuration, the pair to compare (default: the newest against the one before), recipients and
 * sharing history. Null when the id is unknown.
 */
export async function getConfigurable(kind: ConfigurableKind, id: string, options: ConfigurableDetailOptions = {}) {
  const adapter = ADAPTERS[kind]();
  const object = await adapter.object(id);
  if (!object) return null;
  const db = getDb();
  const [metaRows, sharingRows, sharedRows] = await Promise.all([adapter.versions(id), adapter.sharing(id), adapter.shared(id)]);
  const versions: VersionMeta[] = orderVersions(metaRows).map(({ versionAuthorId, versionAuthorEmail, ...v }, i) => ({
    ...v,
    number: i + 1,
    authorId: versionAuthorId ?? null,
    authorEmail: versionAuthorEmail ?? null,
  }));
  const byId = new Map(versions.map((v) => [v.id, v]));
  const current = versions[versions.length - 1] ?? null;
  let a = options.a ? (byId.get(options.a) ?? null) : null;
  let b = options.b ? (byId.get(options.b) ?? null) : null;
  if (!a || !b) {
    b = b ?? current;
    a = a ?? (b && b.number > 1 ? versions[b.number - 2] : null);
  }
  // Left is always the older version, whichever order the selectors were set in.
  if (a && b && a.number > b.number) [a, b] = [b, a];
  const wanted = [...new Set([current?.id, a?.id, b?.id].filter((x): x is string => Boolean(x)))];
  const full = new Map((await adapter.configs(wanted)).map((r) => [r.id, r]));
  const view = (m: VersionMeta | null) => (m && full.has(m.id) ? toConfigView(full.get(m.id)!, m) : null);

  const userIds = [...new Set([object.ownerId, ...sharedRows.map((s) => s.userId), ...versions.map((v) => v.authorId)].filter((x): x is string => Boolean(x)))];
  const users = new Map((await db.workspaceUser.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]));

  const recipients: SharedUserView[] = sharedRows
    .map((s) => ({ userId: s.userId, email: s.email ?? users.get(s.userId)?.email ?? null, name: users.get(s.userId)?.name ?? null, permissions: parsePermissions(s.permissions), deletedAtSource: s.deletedAtSource }))
    .sort((x, y) => Number(Boolean(x.deletedAtSource)) - Number(Boolean(y.deletedAtSource)) || (x.email ?? x.userId).localeCompare(y.email ?? y.userId));
  const sharingHistory: SharingVersionView[] = sharingRows.map((s) => ({ version: s.version, capturedAt: s.capturedAt, sharing: parseSharing(s.sharing, s.visibility) }));
  const rawSharing = (object.rawJson as { sharing?: unknown } | null)?.sharing;

  return {
    kind,
    object,
    owner: object.ownerId ? (users.get(object.ownerId) ?? null) : null,
    users: Object.fromEntries(users),
    versions,
    current: view(current),
    compare: a && b && a.id !== b.id ? { a: view(a)!, b: view(b)! } : null,
    /** The versions chosen for comparison (possibly the same one twice, which compares nothing). */
    selection: a && b ? { a: a.id, b: b.id } : null,
    sharing: rawSharing === undefined ? null : parseSharing(rawSharing, object.visibility),
    recipients,
    sharingHistory,
  };
}
export type ConfigurableDetail = NonNullable<Awaited<ReturnType<typeof getConfigurable>>>;

export const CONVERSATIONS_PAGE_SIZE = 25;

function encodeConvCursor(at: Date | null, id: string) {
  return Buffer.from(JSON.stringify([at?.toISOString() ?? null, id])).toString("base64url");
}
function decodeConvCursor(cursor: string): { at: Date | null; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string | null, string];
    return typeof id === "string" && (at === null || !Number.isNaN(Date.parse(at))) ? { at: at ? new Date(at) : null, id } : null;
  } catch {
    return null;
  }
}

/** Conversations with at least one message that used the GPT / project, most recently active first. */
export async function listConversationsUsing(kind: ConfigurableKind, id: string, cursorText?: string | null, pageSize = CONVERSATIONS_PAGE_SIZE) {
  const db = getDb();
  const usedIn = ADAPTERS[kind]().usedIn(id);
  const cursor = cursorText ? decodeConvCursor(cursorText) : null;
  if (cursorText && !cursor) throw new AppError("invalid", "Invalid page cursor");
  const base: Prisma.ConversationWhereInput = { messages: { some: usedIn } };
  const where: Prisma.ConversationWhereInput = cursor
    ? {
        ...base,
        OR: cursor.at ? [{ lastActiveAt: { lt: cursor.at } }, { lastActiveAt: cursor.at, id: { lt: cursor.id } }, { lastActiveAt: null }] : [{ lastActiveAt: null, id: { lt: cursor.id } }],
      }
    : base;
  const [total, rows] = await Promise.all([
    db.conversation.count({ where: base }),
    db.conversation.findMany({
      where,
      orderBy: [{ lastActiveAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
      take: pageSize + 1,
      select: { id: true, title: true, userId: true, userEmail: true, lastActiveAt: true, deletedAtSource: true },
    }),
  ]);
  const page = rows.slice(0, pageSize);
  const counts = page.length
    ? await db.message.groupBy({ by: ["conversationId"], where: { ...usedIn, conversationId: { in: page.map((c) => c.id) } }, _count: { _all: true } })
    : [];
  const byConv = new Map(counts.map((c) => [c.conversationId, c._count._all]));
  const last = page[page.length - 1];
  return {
    total,
    conversations: page.map((c): ConversationUse => ({ ...c, messages: byConv.get(c.id) ?? 0 })),
    nextCursor: rows.length > pageSize && last ? encodeConvCursor(last.lastActiveAt, last.id) : null,
  };
}

// ───────────────────────────── GPT bindings ─────────────────────────────

export const listGpts = (input: ConfigurableListInput = {}) => listConfigurables("gpt", input);
export const getGpt = (id: string, options: ConfigurableDetailOptions = {}) => getConfigurable("gpt", id, options);
export const listConversationsUsingGpt = (id: string, cursor?: string | null) => listConversationsUsing("gpt", id, cursor);
