// Evaluating a legal hold's scope into held units, in the database, without loading the scope into memory.
//
// Held units (what a hold preserves, one HeldItem row each):
// - CONVERSATION: the whole thread, with every message, branch and attached file (whole-thread
//   preservation: a query hit on one message or on a conversation's file holds the conversation);
// - GPT: the GPT with all its configuration versions (a hit on any version holds the GPT);
// - MEMORY: one memory entry with its history;
// - FILE: a file that belongs to no conversation (GPT/project knowledge, uploads); a conversation's files
//   are preserved through their conversation;
// - PROJECT: explicit items only.
// A held GPT or project also holds its knowledge files (as FILE units, derived: never explicit), so their
// bytes are preserved and searchable as held whatever their owner.
// Criteria (intersected; a scope without criteria selects nothing by criteria):
// - custodians: the conversations they own, their memories, the GPTs they own and their own files;
// - date window (UTC days, both inclusive), on source time: a conversation whose activity [created, last
//   active] overlaps the window; a memory updated in it; a GPT with a configuration created in it; a file
//   created in it (first capture time where the source gives none);
// - query (the search language, lib/search/query-parser.ts): every hit of the process's search engine,
//   paged with keyset cursors, mapped to its unit, then checked against the other criteria in SQL. Query
//   scopes see what is indexed: the periodic `holds.evaluate` job picks up items once the indexer has
//   written them.
// Items deleted at the source are in scope like any other: preserving them is the point.
//
// Evaluation writes the units into a transaction-scoped temporary table (hold_units) on the caller's
// transaction; preview aggregates it, activation and standing evaluation copy it into HeldItem with one
// INSERT … SELECT. Nothing the size of the scope ever crosses into JavaScript.
import "server-only";
import { getSearchEngine } from "@/lib/search/engine";
import { parseQuery } from "@/lib/search/query-parser";
import { SearchUnavailableError, type SearchDocument } from "@/lib/search/types";
import { AppError } from "@/lib/http/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hasCriteria, heldUnitTypes, type HeldUnitType, type HoldScope } from "@/lib/governance/hold-schemas";

type Tx = Prisma.TransactionClient;

/** Search hits fetched per engine call while walking a query scope. */
const QUERY_PAGE = 100;

/** SQL parameter list with `$n` placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ""}`;
  }
}

export type EvaluateOptions = {
  /** Only units of this source. */
  sourceId?: string;
  /** Only units (re)captured since this instant (lastSeenAt): a sync's own items. */
  since?: Date;
};

export type ScopeUnitType = Exclude<HeldUnitType, "PROJECT">;

type UnitSql = { table: string; alias: string; user: string; criteria: (scope: HoldScope, p: Params, opts: EvaluateOptions) => string[] };

const dayStart = (d: string) => new Date(`${d}T00:00:00.000Z`);
const dayAfter = (d: string) => new Date(dayStart(d).getTime() + 86_400_000);

function windowOn(column: string, scope: HoldScope, p: Params): string[] {
  const out: string[] = [];
  if (scope.from) out.push(`${column} >= ${p.add(dayStart(scope.from), "timestamptz")}`);
  if (scope.to) out.push(`${column} < ${p.add(dayAfter(scope.to), "timestamptz")}`);
  return out;
}

function common(alias: string, scope: HoldScope, p: Params, opts: EvaluateOptions, userColumn: string): string[] {
  const out: string[] = [];
  if (scope.custodianIds.length) out.push(`${alias}.${userColumn} = ANY(${p.add(scope.custodianIds, "text[]")})`);
  if (opts.sourceId) out.push(`${alias}."sourceId" = ${p.add(opts.sourceId)}`);
  return out;
}

/** Per unit type: the table, the custodian column and the criteria as SQL predicates. */
const UNITS: Record<Exclude<HeldUnitType, "PROJECT">, UnitSql> = {
  CONVERSATION: {
    table: "Conversation",
    alias: "c",
    user: `c."userId"`,
    criteria: (scope, p, opts) => {
      const out = common("c", scope, p, opts, `"userId"`);
      // Overlap of [created, last active] with the window.
      if (scope.to) out.push(`coalesce(c."createdAtSource", c."lastActiveAt", c."firstSeenAt") < ${p.add(dayAfter(scope.to), "timestamptz")}`);
      if (scope.from) out.push(`coalesce(c."lastActiveAt", c."createdAtSource", c."firstSeenAt") >= ${p.add(dayStart(scope.from), "timestamptz")}`);
      if (opts.since) out.push(`c."lastSeenAt" >= ${p.add(opts.since, "timestamptz")}`);
      return out;
    },
  },
  GPT: {
    table: "Gpt",
    alias: "g",
    user: `g."ownerId"`,
    criteria: (scope, p, opts) => {
      const out = common("g", scope, p, opts, `"ownerId"`);
      const window = windowOn(`coalesce(v."createdAtSource", v."firstSeenAt")`, scope, p);
      if (window.length) out.push(`EXISTS (SELECT 1 FROM "GptConfigVersion" v WHERE v."gptId" = g.id AND ${window.join(" AND ")})`);
      if (opts.since) {
        const since = p.add(opts.since, "timestamptz");
        out.push(`(g."lastSeenAt" >= ${since} OR EXISTS (SELECT 1 FROM "GptConfigVersion" v WHERE v."gptId" = g.id AND v."lastSeenAt" >= ${since}))`);
      }
      return out;
    },
  },
  MEMORY: {
    table: "Memory",
    alias: "mem",
    user: `mem."userId"`,
    criteria: (scope, p, opts) => {
      const out = common("mem", scope, p, opts, `"userId"`);
      out.push(...windowOn(`coalesce(mem."updatedAtSource", mem."firstSeenAt")`, scope, p));
      if (opts.since) out.push(`mem."lastSeenAt" >= ${p.add(opts.since, "timestamptz")}`);
      return out;
    },
  },
  FILE: {
    table: "SourceFile",
    alias: "f",
    user: `f."userId"`,
    criteria: (scope, p, opts) => {
      // Conversation files are held through their conversation.
      const out = [`f."conversationId" IS NULL`, `NOT EXISTS (SELECT 1 FROM "MessageFile" l WHERE l."fileId" = f.id)`, ...common("f", scope, p, opts, `"userId"`)];
      out.push(...windowOn(`coalesce(f."createdAtSource", f."firstSeenAt")`, scope, p));
      if (opts.since) out.push(`f."lastSeenAt" >= ${p.add(opts.since, "timestamptz")}`);
      return out;
    },
  },
};

/** SQL for the custodian (workspace user id) of a unit given as (type text, id text) expressions. */
export function unitUserSql(type: string, id: string): string {
  return `CASE ${type}
    WHEN 'CONVERSATION' THEN (SELECT x."userId" FROM "Conversation" x WHERE x.id = ${id})
    WHEN 'GPT' THEN (SELECT x."ownerId" FROM "Gpt" x WHERE x.id = ${id})
    WHEN 'MEMORY' THEN (SELECT x."userId" FROM "Memory" x WHERE x.id = ${id})
    WHEN 'FILE' THEN (SELECT x."userId" FROM "SourceFile" x WHERE x.id = ${id})
    WHEN 'PROJECT' THEN (SELECT x."ownerId" FROM "Project" x WHERE x.id = ${id})
  END`;
}

/** Creates the (empty) unit table for this transaction. `explicit` marks units that come from explicit items. */
export async function createUnitTable(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS hold_units`);
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE hold_units (item_type text NOT NULL, item_id text NOT NULL, user_id text, explicit boolean NOT NULL DEFAULT false, PRIMARY KEY (item_type, item_id)) ON COMMIT DROP`,
  );
}

/** Adds the hold's explicit items (HeldItem rows heldBy EXPLICIT) to hold_units. */
export async function addExplicitUnits(tx: Tx, holdId: string): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO hold_units (item_type, item_id, user_id, explicit)
     SELECT h."itemType"::text, h."itemId", ${unitUserSql(`h."itemType"::text`, `h."itemId"`)}, true
     FROM "HeldItem" h WHERE h."holdId" = $1 AND h."heldBy" = 'EXPLICIT'
     ON CONFLICT DO NOTHING`,
    holdId,
  );
}

/** Adds the knowledge files of every GPT and project unit in hold_units (as non-explicit units). */
export async function addDependentUnits(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO hold_units (item_type, item_id, user_id)
     SELECT 'FILE', f.id, f."userId" FROM hold_units u
       JOIN "GptConfigVersion" v ON v."gptId" = u.item_id JOIN "GptConfigFile" l ON l."configVersionId" = v.id
       JOIN "SourceFile" f ON f.id = l."fileId"
     WHERE u.item_type = 'GPT'
     UNION
     SELECT 'FILE', f.id, f."userId" FROM hold_units u
       JOIN "ProjectConfigVersion" v ON v."projectId" = u.item_id JOIN "ProjectConfigFile" l ON l."configVersionId" = v.id
       JOIN "SourceFile" f ON f.id = l."fileId"
     WHERE u.item_type = 'PROJECT'
     ON CONFLICT DO NOTHING`,
  );
}

/**
 * Fills a fresh hold_units with everything the hold selects: its explicit items (when `holdId` is given),
 * what its criteria select (unless `criteria` is false), and the files of the GPTs and projects among them.
 */
export async function buildUnits(tx: Tx, input: { holdId?: string; scope: HoldScope; criteria?: boolean; opts?: EvaluateOptions }): Promise<void> {
  await createUnitTable(tx);
  if (input.holdId) await addExplicitUnits(tx, input.holdId);
  if (input.criteria !== false) await addScopeUnits(tx, input.scope, input.opts);
  await addDependentUnits(tx);
}

type Candidates = Record<Exclude<HeldUnitType, "PROJECT">, Set<string>>;

/** The unit a search document stands for. */
function unitOf(doc: SearchDocument): { type: Exclude<HeldUnitType, "PROJECT">; id: string } | null {
  switch (doc.itemType) {
    case "MESSAGE":
      return doc.conversationId ? { type: "CONVERSATION", id: doc.conversationId } : null;
    case "GPT_CONFIG":
      return doc.gptId ? { type: "GPT", id: doc.gptId } : null;
    case "MEMORY":
      return { type: "MEMORY", id: doc.itemId };
    case "FILE":
      return doc.conversationId ? { type: "CONVERSATION", id: doc.conversationId } : { type: "FILE", id: doc.itemId };
  }
}

async function insertUnits(tx: Tx, type: Exclude<HeldUnitType, "PROJECT">, scope: HoldScope, opts: EvaluateOptions, ids: string[] | null): Promise<void> {
  const unit = UNITS[type];
  const p = new Params();
  const where = unit.criteria(scope, p, opts);
  if (ids) where.push(`${unit.alias}.id = ANY(${p.add(ids, "text[]")})`);
  await tx.$executeRawUnsafe(
    `INSERT INTO hold_units (item_type, item_id, user_id)
     SELECT '${type}', ${unit.alias}.id, ${unit.user} FROM "${unit.table}" ${unit.alias}
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ON CONFLICT DO NOTHING`,
    ...p.values,
  );
}

/**
 * Adds every unit the scope's criteria select to hold_units (already created on `tx`). A scope without
 * criteria adds nothing. Throws `invalid` for a query that does not parse and `unavailable` when the search
 * engine cannot answer (never a partial result presented as complete).
 */
export async function addScopeUnits(tx: Tx, scope: HoldScope, opts: EvaluateOptions = {}): Promise<void> {
  if (!hasCriteria(scope)) return;
  if (!scope.query) {
    for (const type of heldUnitTypes) if (type !== "PROJECT") await insertUnits(tx, type, scope, opts, null);
    return;
  }
  const parsed = parseQuery(scope.query);
  if (!parsed.ok) throw new AppError("invalid", `The hold's query does not parse: ${parsed.error.message}`);
  let engine;
  try {
    engine = await getSearchEngine();
  } catch (err) {
    throw new AppError("unavailable", `Search is unavailable, so the hold's query cannot be evaluated: ${err instanceof Error ? err.message : String(err)}`);
  }
  const searchScope = {
    ...(opts.sourceId ? { sourceIds: [opts.sourceId] } : {}),
    // The engine's userId is the custodian of the document: narrowing there saves pages; SQL re-checks.
    ...(scope.custodianIds.length ? { userIds: scope.custodianIds } : {}),
  };
  let cursor: string | null = null;
  do {
    let page;
    try {
      page = await engine.search({ query: parsed.query, sort: "newest", limit: QUERY_PAGE, cursor, facets: false, scope: searchScope });
    } catch (err) {
      if (err instanceof SearchUnavailableError) throw new AppError("unavailable", `Search is unavailable, so the hold's query cannot be evaluated: ${err.message}`);
      throw err;
    }
    const candidates: Candidates = { CONVERSATION: new Set(), GPT: new Set(), MEMORY: new Set(), FILE: new Set() };
    for (const hit of page.hits) {
      const unit = unitOf(hit.document);
      if (unit) candidates[unit.type].add(unit.id);
    }
    for (const [type, ids] of Object.entries(candidates) as [keyof Candidates, Set<string>][]) {
      if (ids.size) await insertUnits(tx, type, scope, opts, [...ids]);
    }
    cursor = page.nextCursor;
  } while (cursor);
}

// ---- aggregation ---------------------------------------------------------------------------------------

export type UnitCounts = Record<HeldUnitType, number>;
export type CustodianCount = { userId: string | null; name: string | null; email: string | null; total: number; byType: UnitCounts };
export type ScopeCounts = {
  total: number;
  byType: UnitCounts;
  /** Custodians by number of units, most first (at most CUSTODIAN_ROWS); `custodianCount` is the full number. */
  byCustodian: CustodianCount[];
  custodianCount: number;
};

export const CUSTODIAN_ROWS = 100;

const zeroCounts = (): UnitCounts => ({ CONVERSATION: 0, GPT: 0, MEMORY: 0, FILE: 0, PROJECT: 0 });

/**
 * Exact counts over a relation with columns (t text, uid text): `relation` is SQL (a table name or a
 * parenthesised SELECT) using `params`.
 */
export async function countUnits(tx: Tx, relation: string, params: unknown[] = []): Promise<ScopeCounts> {
  const rows = await tx.$queryRawUnsafe<{ uid: string | null; t: string; n: number; name: string | null; email: string | null; rk: number; custodians: number }[]>(
    `WITH u AS (SELECT t, uid FROM ${relation} AS r),
     per AS (SELECT uid, t, count(*)::int AS n FROM u GROUP BY uid, t),
     tot AS (SELECT uid, sum(n)::int AS total FROM per GROUP BY uid),
     ranked AS (SELECT uid, total, row_number() OVER (ORDER BY total DESC, uid NULLS LAST) AS rk FROM tot)
     SELECT per.uid, per.t, per.n, w.name, w.email, ranked.rk::int AS rk, (SELECT count(*)::int FROM tot) AS custodians
     FROM per JOIN ranked ON ranked.uid IS NOT DISTINCT FROM per.uid
     LEFT JOIN "WorkspaceUser" w ON w.id = per.uid
     ORDER BY ranked.rk, per.t`,
    ...params,
  );
  const byType = zeroCounts();
  const custodians = new Map<string, CustodianCount & { rk: number }>();
  let custodianCount = 0;
  for (const r of rows) {
    custodianCount = r.custodians;
    byType[r.t as HeldUnitType] += r.n;
    if (r.rk > CUSTODIAN_ROWS) continue;
    const key = r.uid ?? "\u0000";
    const c = custodians.get(key) ?? { userId: r.uid, name: r.name, email: r.email, total: 0, byType: zeroCounts(), rk: r.rk };
    c.byType[r.t as HeldUnitType] += r.n;
    c.total += r.n;
    custodians.set(key, c);
  }
  const byCustodian = [...custodians.values()].sort((a, b) => a.rk - b.rk).map(({ rk, ...c }) => (void rk, c));
  return { total: Object.values(byType).reduce((a, b) => a + b, 0), byType, byCustodian, custodianCount };
}
