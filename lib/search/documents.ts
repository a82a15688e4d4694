// Builds SearchDocuments (lib/search/types.ts) from the archive, for the indexer (outbox items) and for
// a full reindex. One SQL statement per document type and batch; the same statements serve both paths, so
// a reindex produces exactly what incremental indexing would.
//
// What a document carries beyond its own row:
// - the custodian: the conversation's user (messages), the GPT owner (configs), the memory's user, the
//   file's user — with name and email from WorkspaceUser where captured;
// - GPT and project names (messages), the conversation title (messages, files);
// - review state: tags, open flags, active holds and review status of the item itself and, for messages
//   and files, of their conversation (a tag on a conversation finds its messages); for GPT configs, of
//   the GPT.
import type pg from "pg";
import { ROLE_VALUES, REVIEW_STATUS_VALUES, type ReviewStatus, type Role } from "@/lib/search/query-ast";
import { DOCUMENT_ITEM_TYPES, documentKey, type IndexedItemType, type SearchDocument } from "@/lib/search/types";

type Queryable = Pick<pg.PoolClient, "query">;

/** Lowercased, NFC, trimmed, inner whitespace collapsed; empty → null. */
function key(value: string | null | undefined): string | null {
  const v = value?.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
  return v ? v : null;
}

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

/** Id, full name, and each word of the name. */
export function nameKeys(id: string | null, name: string | null): string[] {
  const full = key(name);
  return unique([key(id), full, ...(full ? full.split(/\s+/) : [])]);
}

/** `user:` keys: id, email, email local part, full name, each word of the name. */
export function userKeys(id: string | null, name: string | null, email: string | null): string[] {
  const mail = key(email);
  return unique([...nameKeys(id, name), mail, mail && mail.includes("@") ? mail.slice(0, mail.indexOf("@")) : null]);
}

const ROLES = new Set<string>(ROLE_VALUES);
const STATUSES = new Set<string>(REVIEW_STATUS_VALUES);

function toRole(value: string | null): Role | null {
  const v = value?.toLowerCase() ?? null;
  return v && ROLES.has(v) ? (v as Role) : null;
}

function toStatus(value: string | null): ReviewStatus {
  const v = value?.toLowerCase() ?? "unreviewed";
  return STATUSES.has(v) ? (v as ReviewStatus) : "unreviewed";
}

/** Review state of an item (and of its parent, when given) as four columns: tags, flagged, held, status. */
function reviewColumns(type: IndexedItemType, id: string, parent?: { type: string; id: string }): string {
  const refs = [`(x."itemType" = '${type}' AND x."itemId" = ${id})`];
  if (parent) refs.push(`(x."itemType" = '${parent.type}' AND x."itemId" = ${parent.id})`);
  const any = (table: string, extra = "") => refs.map((r) => `EXISTS (SELECT 1 FROM "${table}" x ${extra} WHERE ${r}${table === "Flag" ? ` AND x."resolvedAt" IS NULL` : ""})`).join(" OR ");
  const tagSelects = refs.map((r) => `SELECT lower(t.name) FROM "ItemTag" x JOIN "Tag" t ON t.id = x."tagId" WHERE ${r}`).join(" UNION ");
  const status = [
    `(SELECT x.status::text FROM "ReviewStatus" x WHERE ${refs[0]})`,
    parent ? `(SELECT x.status::text FROM "ReviewStatus" x WHERE ${refs[1]})` : null,
  ].filter(Boolean);
  return `ARRAY(${tagSelects} ORDER BY 1) AS tags,
    (${any("Flag")}) AS flagged,
    (${any("HeldItem", `JOIN "LegalHold" lh ON lh.id = x."holdId" AND lh.status = 'ACTIVE'`)}) AS held,
    coalesce(${status.join(", ")}) AS status`;
}

type Row = {
  itemId: string;
  sourceId: string;
  title: string | null;
  body: string | null;
  conversationId: string | null;
  messageId: string | null;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  role: string | null;
  toolName: string | null;
  gptId: string | null;
  gptName: string | null;
  projectId: string | null;
  projectName: string | null;
  time: Date | null;
  hasFile: boolean;
  onActiveBranch: boolean;
  deletedAtSource: boolean;
  tags: string[];
  flagged: boolean;
  held: boolean;
  status: string | null;
  version: number;
};

const MESSAGE_SQL = `
  SELECT m.id AS "itemId", m."sourceId", c.title, m.text AS body, m."conversationId", m.id AS "messageId",
    c."userId", u.name AS "userName", coalesce(u.email, c."userEmail") AS "userEmail",
    m."authorRole" AS role, m."toolName", m."gptId", g.name AS "gptName", m."projectId", p.name AS "projectName",
    m."createdAtSource" AS time, m."hasFiles" AS "hasFile", m."isActiveBranch" AS "onActiveBranch",
    (m."deletedAtSource" IS NOT NULL OR c."deletedAtSource" IS NOT NULL) AS "deletedAtSource", 1 AS version,
    ${reviewColumns("MESSAGE", "m.id", { type: "CONVERSATION", id: `m."conversationId"` })}
  FROM "Message" m
  JOIN "Conversation" c ON c.id = m."conversationId"
  LEFT JOIN "WorkspaceUser" u ON u.id = c."userId"
  LEFT JOIN "Gpt" g ON g.id = m."gptId"
  LEFT JOIN "Project" p ON p.id = m."projectId"`;

const GPT_CONFIG_SQL = `
  SELECT v.id AS "itemId", g."sourceId", coalesce(v.name, g.name) AS title,
    concat_ws(E'\\n\\n', v.description, v.instructions, array_to_string(v."conversationStarters", E'\\n')) AS body,
    NULL AS "conversationId", NULL AS "messageId",
    g."ownerId" AS "userId", u.name AS "userName", coalesce(u.email, g."ownerEmail") AS "userEmail",
    NULL AS role, NULL AS "toolName", g.id AS "gptId", coalesce(v.name, g.name) AS "gptName", NULL AS "projectId", NULL AS "projectName",
    v."createdAtSource" AS time, EXISTS (SELECT 1 FROM "GptConfigFile" f WHERE f."configVersionId" = v.id) AS "hasFile", true AS "onActiveBranch",
    (v."deletedAtSource" IS NOT NULL OR g."deletedAtSource" IS NOT NULL) AS "deletedAtSource",
    (SELECT count(*)::int FROM "GptConfigVersion" o WHERE o."gptId" = v."gptId"
       AND (o."firstSeenAt", o.id) <= (v."firstSeenAt", v.id)) AS version,
    ${reviewColumns("GPT_CONFIG", "v.id", { type: "GPT", id: "g.id" })}
  FROM "GptConfigVersion" v
  JOIN "Gpt" g ON g.id = v."gptId"
  LEFT JOIN "WorkspaceUser" u ON u.id = g."ownerId"`;

const MEMORY_SQL = `
  SELECT mem.id AS "itemId", mem."sourceId", NULL AS title, mem.content AS body, NULL AS "conversationId", NULL AS "messageId",
    mem."userId", u.name AS "userName", u.email AS "userEmail",
    NULL AS role, NULL AS "toolName", NULL AS "gptId", NULL AS "gptName", NULL AS "projectId", NULL AS "projectName",
    mem."updatedAtSource" AS time, false AS "hasFile", true AS "onActiveBranch",
    (mem."deletedAtSource" IS NOT NULL) AS "deletedAtSource", mem."currentVersion" AS version,
    ${reviewColumns("MEMORY", "mem.id")}
  FROM "Memory" mem
  LEFT JOIN "WorkspaceUser" u ON u.id = mem."userId"`;

const FILE_SQL = `
  SELECT f.id AS "itemId", f."sourceId", coalesce(c.title, f.name) AS title, coalesce(f.name, f.id) AS body,
    coalesce(f."conversationId", mf."conversationId") AS "conversationId", mf."messageId",
    coalesce(f."userId", c."userId") AS "userId", u.name AS "userName", u.email AS "userEmail",
    NULL AS role, NULL AS "toolName", gc."gptId", gc."gptName", pc."projectId", pc."projectName",
    f."createdAtSource" AS time, true AS "hasFile", true AS "onActiveBranch",
    (f."deletedAtSource" IS NOT NULL) AS "deletedAtSource", 1 AS version,
    ${reviewColumns("FILE", "f.id", { type: "CONVERSATION", id: `coalesce(f."conversationId", mf."conversationId")` })}
  FROM "SourceFile" f
  LEFT JOIN LATERAL (
    SELECT l."messageId", m."conversationId" FROM "MessageFile" l JOIN "Message" m ON m.id = l."messageId"
    WHERE l."fileId" = f.id ORDER BY m."createdAtSource" NULLS LAST, m.id LIMIT 1
  ) mf ON true
  LEFT JOIN LATERAL (
    SELECT v."gptId", coalesce(v.name, g.name) AS "gptName" FROM "GptConfigFile" l
    JOIN "GptConfigVersion" v ON v.id = l."configVersionId" JOIN "Gpt" g ON g.id = v."gptId"
    WHERE l."fileId" = f.id ORDER BY v."createdAtSource" DESC NULLS LAST LIMIT 1
  ) gc ON true
  LEFT JOIN LATERAL (
    SELECT v."projectId", coalesce(v.name, p.name) AS "projectName" FROM "ProjectConfigFile" l
    JOIN "ProjectConfigVersion" v ON v.id = l."configVersionId" JOIN "Project" p ON p.id = v."projectId"
    WHERE l."fileId" = f.id ORDER BY v."createdAtSource" DESC NULLS LAST LIMIT 1
  ) pc ON true
  LEFT JOIN "Conversation" c ON c.id = coalesce(f."conversationId", mf."conversationId")
  LEFT JOIN "WorkspaceUser" u ON u.id = coalesce(f."userId", c."userId")`;

const SQL: Record<IndexedItemType, { sql: string; alias: string }> = {
  MESSAGE: { sql: MESSAGE_SQL, alias: "m" },
  GPT_CONFIG: { sql: GPT_CONFIG_SQL, alias: "v" },
  MEMORY: { sql: MEMORY_SQL, alias: "mem" },
  FILE: { sql: FILE_SQL, alias: "f" },
};

const TYPE_OF: Record<IndexedItemType, SearchDocument["type"]> = {
  MESSAGE: "message",
  GPT_CONFIG: "gpt",
  MEMORY: "memory",
  FILE: "file",
};

/** The highlight markers (types.ts) must never occur in indexed text, or a snippet could fake a match. */
function clean(text: string | null): string | null {
  return text === null ? null : text.replace(/[\u0002\u0003]/g, " ");
}

function toDocument(itemType: IndexedItemType, r: Row): SearchDocument {
  const type = TYPE_OF[itemType];
  return {
    id: documentKey(type, r.itemId),
    type,
    itemType,
    itemId: r.itemId,
    sourceId: r.sourceId,
    title: clean(r.title),
    body: clean(r.body) ?? "",
    conversationId: r.conversationId,
    messageId: r.messageId,
    userId: r.userId,
    userName: r.userName,
    userEmail: key(r.userEmail),
    userKeys: userKeys(r.userId, r.userName, r.userEmail),
    role: toRole(r.role),
    toolName: r.toolName,
    gptId: r.gptId,
    gptName: r.gptName,
    gptKeys: r.gptId ? nameKeys(r.gptId, r.gptName) : [],
    projectId: r.projectId,
    projectName: r.projectName,
    projectKeys: r.projectId ? nameKeys(r.projectId, r.projectName) : [],
    time: r.time ? r.time.getTime() : null,
    hasFile: r.hasFile,
    onActiveBranch: r.onActiveBranch,
    deletedAtSource: r.deletedAtSource,
    tags: r.tags,
    flagged: r.flagged,
    held: r.held,
    status: toStatus(r.status),
    version: r.version,
  };
}

/** Documents for these items; ids that no longer exist in the archive are simply absent. */
export async function loadDocuments(db: Queryable, itemType: IndexedItemType, ids: string[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const { sql, alias } = SQL[itemType];
  const { rows } = await db.query<Row>(`${sql} WHERE ${alias}.id = ANY($1::text[])`, [ids]);
  return rows.map((r) => toDocument(itemType, r));
}

/**
 * Every document of one type, in id order, `batchSize` at a time (keyset paging: safe while capture writes).
 */
export async function* iterateDocuments(db: Queryable, itemType: IndexedItemType, batchSize: number): AsyncGenerator<SearchDocument[]> {
  const { sql, alias } = SQL[itemType];
  const table = { MESSAGE: "Message", GPT_CONFIG: "GptConfigVersion", MEMORY: "Memory", FILE: "SourceFile" }[itemType];
  let after = "";
  for (;;) {
    // Page the ids first (index-only), then build that page's documents.
    const { rows: page } = await db.query<{ id: string }>(`SELECT id FROM "${table}" WHERE id > $1 ORDER BY id LIMIT $2`, [after, batchSize]);
    if (!page.length) return;
    after = page[page.length - 1].id;
    const { rows } = await db.query<Row>(`${sql} WHERE ${alias}.id = ANY($1::text[]) ORDER BY ${alias}.id`, [page.map((p) => p.id)]);
    yield rows.map((r) => toDocument(itemType, r));
  }
}

export const INDEXED_TABLES: Record<IndexedItemType, string> = {
  MESSAGE: "Message",
  GPT_CONFIG: "GptConfigVersion",
  MEMORY: "Memory",
  FILE: "SourceFile",
};

/** How many documents the archive produces (what "X of Y indexed" compares against). */
export async function countIndexableItems(db: Queryable): Promise<Record<IndexedItemType, number>> {
  const { rows } = await db.query<Record<IndexedItemType, number>>(
    `SELECT (SELECT count(*)::int FROM "Message") AS "MESSAGE", (SELECT count(*)::int FROM "GptConfigVersion") AS "GPT_CONFIG",
            (SELECT count(*)::int FROM "Memory") AS "MEMORY", (SELECT count(*)::int FROM "SourceFile") AS "FILE"`,
  );
  return rows[0];
}

/** A document with nothing but its identity: every optional field empty, review state neutral. */
export function blankDocument(type: SearchDocument["type"], itemId: string, sourceId: string): SearchDocument {
  return {
    id: documentKey(type, itemId),
    type,
    itemType: DOCUMENT_ITEM_TYPES[type],
    itemId,
    sourceId,
    title: null,
    body: "",
    conversationId: null,
    messageId: null,
    userId: null,
    userName: null,
    userEmail: null,
    userKeys: [],
    role: null,
    toolName: null,
    gptId: null,
    gptName: null,
    gptKeys: [],
    projectId: null,
    projectName: null,
    projectKeys: [],
    time: null,
    hasFile: false,
    onActiveBranch: true,
    deletedAtSource: false,
    tags: [],
    flagged: false,
    held: false,
    status: "unreviewed",
    version: 1,
  };
}
