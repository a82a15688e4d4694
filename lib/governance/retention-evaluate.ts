// Retention decisions in SQL: for each disposal unit, its disposal date under a set of policies and
// whether a hold keeps it. One evaluation serves the dry run, the forecast, "why retained" and the
// disposition job, so what a dry run promises is exactly what a run does.
//
// Units (what one disposal removes):
// - CONVERSATION: a conversation with all its messages, message versions, message-file links and
//   conversation versions (files themselves are FILE units). Dated by its last change: at the source
//   (SOURCE_CREATED: lastActiveAt, else createdAtSource) or in the archive (CAPTURED: when its newest
//   version was captured, else first capture). A conversation is one unit because its messages form one
//   tree: disposing part of it would leave a thread nobody can read or defend.
// - GPT_CONFIG: one configuration version. Versions are ranked newest first (source creation, else
//   capture; then capture; then id). The current one (rank 1) is never disposed while the GPT exists at
//   the source; once the GPT is deleted at the source it ages like the others. versionsKept keeps the N
//   newest whatever their age. Dated by createdAtSource (SOURCE_CREATED) or first capture (CAPTURED).
// - MEMORY: one memory version, ranked by version number, with the same current-version and versionsKept
//   rules (the current version goes only when the memory was deleted at the source; with it the Memory
//   row goes). Dated by updatedAtSource (SOURCE_CREATED) or capture (CAPTURED).
// - FILE: a source file (its links to messages and configurations go with it); its stored blob is deleted
//   only when no other source file references the same bytes. Dated by createdAtSource or first capture.
// A missing source date falls back to the capture date (later, so never earlier disposal). A day is 24
// hours (never shifted by a time zone's daylight-saving change).
//
// Disposal date of a unit = max over the applicable policies (type, source and custodian match) of that
// policy's date (basis + period; "never" when the policy keeps the version): the longest retention wins,
// and the policy giving it is the governing policy recorded on the tombstone. No applicable policy: kept.
// A unit that is due but held is skipped (and counted).
import type pg from "pg";
import { conversationHeldSql, fileHeldSql, gptConfigHeldSql, memoryHeldSql } from "@/lib/governance/held";
import type { PolicySnapshot } from "@/lib/governance/retention";
import type { RetentionItemType } from "@/lib/governance/retention-schemas";

export type Queryable = Pick<pg.PoolClient, "query">;

/** One evaluated unit. `due` null: kept (no applicable policy, or a kept version). */
export type UnitRow = {
  id: string;
  sourceId: string;
  custodian: string | null;
  sha256: string;
  /** Conversation id (conversations, files), GPT id (configs), memory id (memory versions). */
  linkId: string | null;
  userId: string | null;
  label: string | null;
  held: boolean;
  /** Messages of a conversation; 0 for other units. */
  children: number;
  /** Versions of the memory/GPT the unit belongs to (versioned units). */
  siblings: number;
  rank: number | null;
  /** False when the parent object was deleted at the source. */
  live: boolean;
  covered: boolean;
  due: Date | null;
  policyId: string | null;
  policyVersion: number | null;
};

const RANKED_NEWER_CONFIG = `(coalesce(o."createdAtSource", o."firstSeenAt"), o."firstSeenAt", o.id COLLATE "C") > (coalesce(v."createdAtSource", v."firstSeenAt"), v."firstSeenAt", v.id COLLATE "C")`;

/** The unit rows of one type (before policies), with the alias `u` columns evaluation needs. */
const UNIT_SQL: Record<RetentionItemType, { select: string; alias: string; source: string }> = {
  CONVERSATION: {
    alias: "c",
    source: `c."sourceId"`,
    select: `SELECT c.id, c."sourceId", c."userId" AS custodian, c.sha256, c.id AS "linkId", c."userId", c.title AS label,
        coalesce(c."lastActiveAt", c."createdAtSource") AS src_date,
        coalesce((SELECT max(cv."capturedAt") FROM "ConversationVersion" cv WHERE cv."conversationId" = c.id), c."firstSeenAt") AS cap_date,
        NULL::int AS rank, 0 AS siblings, true AS live,
        (SELECT count(*)::int FROM "Message" cm WHERE cm."conversationId" = c.id) AS children,
        ${conversationHeldSql("c.id")} AS held
      FROM "Conversation" c`,
  },
  GPT_CONFIG: {
    alias: "v",
    source: `g."sourceId"`,
    select: `SELECT v.id, g."sourceId", g."ownerId" AS custodian, v.sha256, v."gptId" AS "linkId", g."ownerId" AS "userId",
        coalesce(v.name, g.name, v."configId") AS label,
        v."createdAtSource" AS src_date, v."firstSeenAt" AS cap_date,
        1 + (SELECT count(*)::int FROM "GptConfigVersion" o WHERE o."gptId" = v."gptId" AND ${RANKED_NEWER_CONFIG}) AS rank,
        (SELECT count(*)::int FROM "GptConfigVersion" o WHERE o."gptId" = v."gptId") AS siblings,
        g."deletedAtSource" IS NULL AS live, 0 AS children,
        ${gptConfigHeldSql("v.id", `v."gptId"`)} AS held
      FROM "GptConfigVersion" v JOIN "Gpt" g ON g.id = v."gptId"`,
  },
  MEMORY: {
    alias: "v",
    source: `mem."sourceId"`,
    select: `SELECT v.id, mem."sourceId", mem."userId" AS custodian, v.sha256, v."memoryId" AS "linkId", mem."userId",
        'Memory ' || mem."entryId" || ' v' || v.version AS label,
        v."updatedAtSource" AS src_date, v."capturedAt" AS cap_date,
        1 + (SELECT count(*)::int FROM "MemoryVersion" o WHERE o."memoryId" = v."memoryId" AND o.version > v.version) AS rank,
        (SELECT count(*)::int FROM "MemoryVersion" o WHERE o."memoryId" = v."memoryId") AS siblings,
        mem."deletedAtSource" IS NULL AS live, 0 AS children,
        ${memoryHeldSql(`v."memoryId"`)} AS held
      FROM "MemoryVersion" v JOIN "Memory" mem ON mem.id = v."memoryId"`,
  },
  FILE: {
    alias: "f",
    source: `f."sourceId"`,
    select: `SELECT f.id, f."sourceId", coalesce(f."userId", fc."userId") AS custodian, coalesce(f."blobSha256", f.sha256) AS sha256,
        f."conversationId" AS "linkId", coalesce(f."userId", fc."userId") AS "userId", coalesce(f.name, f.id) AS label,
        f."createdAtSource" AS src_date, f."firstSeenAt" AS cap_date,
        NULL::int AS rank, 0 AS siblings, true AS live, 0 AS children,
        ${fileHeldSql("f.id", `f."conversationId"`)} AS held
      FROM "SourceFile" f LEFT JOIN "Conversation" fc ON fc.id = f."conversationId"`,
  },
};

/** The table each unit type pages over (by id). */
export const UNIT_TABLE: Record<RetentionItemType, string> = {
  CONVERSATION: "Conversation",
  GPT_CONFIG: "GptConfigVersion",
  MEMORY: "MemoryVersion",
  FILE: "SourceFile",
};

/**
 * SQL returning one UnitRow per unit matching `where` (over the unit's own alias), `tail` appended to the
 * unit scan (ORDER BY / LIMIT for keyset windows). $1 is the policies as JSON (policiesParam()).
 */
export function evaluationSql(type: RetentionItemType, where: string, tail = ""): string {
  const { select } = UNIT_SQL[type];
  return `
    WITH pol AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS p("policyId" text, version int, "itemTypes" text[], "sourceId" text,
        "custodianIds" text[], "periodDays" int, "dateBasis" text, "versionsKept" int)
      WHERE '${type}' = ANY(p."itemTypes")
    ),
    u AS (${select} WHERE ${where} ${tail}),
    ev AS (
      SELECT u.id, p."policyId", p.version,
        CASE WHEN u.live AND (u.rank = 1 OR (p."versionsKept" IS NOT NULL AND u.rank <= p."versionsKept")) THEN NULL
             ELSE (CASE WHEN p."dateBasis" = 'SOURCE_CREATED' THEN coalesce(u.src_date, u.cap_date) ELSE u.cap_date END)
                  + make_interval(hours => p."periodDays" * 24) END AS due,
        coalesce(u.live AND (u.rank = 1 OR (p."versionsKept" IS NOT NULL AND u.rank <= p."versionsKept")), false) AS kept
      FROM u JOIN pol p ON (p."sourceId" IS NULL OR p."sourceId" = u."sourceId")
        AND (coalesce(cardinality(p."custodianIds"), 0) = 0 OR u.custodian = ANY(p."custodianIds"))
    ),
    best AS (
      SELECT DISTINCT ON (ev.id) ev.id, ev."policyId", ev.version, CASE WHEN ev.kept THEN NULL ELSE ev.due END AS due
      FROM ev ORDER BY ev.id, ev.kept DESC, ev.due DESC, ev."policyId"
    )
    SELECT u.id, u."sourceId", u.custodian, u.sha256, u."linkId", u."userId", u.label, u.held, u.children, u.siblings, u.rank, u.live,
      (b.id IS NOT NULL) AS covered, b.due, b."policyId", b.version AS "policyVersion"
    FROM u LEFT JOIN best b ON b.id = u.id
    ORDER BY u.id`;
}

/** The policies parameter ($1) for evaluationSql. */
export function policiesParam(policies: PolicySnapshot[]): string {
  return JSON.stringify(
    policies.map((p) => ({
      policyId: p.policyId,
      version: p.version,
      itemTypes: p.itemTypes,
      sourceId: p.sourceId,
      custodianIds: p.custodianIds,
      periodDays: p.periodDays,
      dateBasis: p.dateBasis,
      versionsKept: p.versionsKept,
    })),
  );
}

/** Policies that cover `type`. */
export function policiesFor(policies: PolicySnapshot[], type: RetentionItemType): PolicySnapshot[] {
  return policies.filter((p) => p.itemTypes.includes(type));
}

/**
 * Source ids a scan of `type` can be limited to (null: every source): a unit no policy can apply to is
 * never disposed, so scanning it is wasted work.
 */
export function scanSources(policies: PolicySnapshot[], type: RetentionItemType): string[] | null {
  const applicable = policiesFor(policies, type);
  if (applicable.some((p) => p.sourceId === null)) return null;
  return [...new Set(applicable.map((p) => p.sourceId as string))];
}

export function unitAlias(type: RetentionItemType): string {
  return UNIT_SQL[type].alias;
}

/** The unit scan's source id column (versions take it from their GPT or memory). */
export function unitSourceColumn(type: RetentionItemType): string {
  return UNIT_SQL[type].source;
}

type RawUnit = Omit<UnitRow, "due"> & { due: Date | string | null };

export function toUnit(r: RawUnit): UnitRow {
  return { ...r, due: r.due === null ? null : new Date(r.due), children: Number(r.children), siblings: Number(r.siblings) };
}

/**
 * A keyset window of units: ids after `after` (the database's ordering of the id column, so the primary
 * key index serves it), at most `limit`, limited to `sources` when
 * given. Returned in id order; the last id is the next cursor.
 */
export async function evaluateWindow(
  db: Queryable,
  type: RetentionItemType,
  policies: PolicySnapshot[],
  after: string,
  limit: number,
  sources: string[] | null,
): Promise<UnitRow[]> {
  const a = unitAlias(type);
  const where = `${a}.id > $2 ${sources ? `AND ${unitSourceColumn(type)} = ANY($4::text[])` : "AND $4::text[] IS NULL"}`;
  const sql = evaluationSql(type, where, `ORDER BY ${a}.id LIMIT $3`);
  const { rows } = await db.query<RawUnit>(sql, [policiesParam(policiesFor(policies, type)), after, limit, sources]);
  return rows.map(toUnit);
}

/** Units of `type` selected by an arbitrary condition over the unit alias ($2… are `params`). */
export async function evaluateWhere(db: Queryable, type: RetentionItemType, policies: PolicySnapshot[], where: string, params: unknown[]): Promise<UnitRow[]> {
  const { rows } = await db.query<RawUnit>(evaluationSql(type, where), [policiesParam(policiesFor(policies, type)), ...params]);
  return rows.map(toUnit);
}
