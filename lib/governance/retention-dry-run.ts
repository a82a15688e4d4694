// Dry runs: exact counts, per-policy attribution, samples and a 30-day forecast of what disposition would
// do now under the enabled policies — plus, optionally, one draft or disabled policy evaluated as if it
// were enabled (so it can be checked before anyone enables it). Uses the same SQL as the disposition job
// (lib/governance/retention-evaluate.ts), so a run right after a dry run disposes exactly these counts.
import "server-only";
import type pg from "pg";
import { getDb } from "@/lib/db";
import { getIngestPool } from "@/lib/ingest/pg";
import { AppError } from "@/lib/http/errors";
import { evaluationSql, policiesFor, policiesParam, scanSources, unitSourceColumn, type Queryable } from "@/lib/governance/retention-evaluate";
import { enabledPolicySnapshots, toSnapshot, type PolicySnapshot } from "@/lib/governance/retention";
import { retentionItemTypes, type DryRunInput, type RetentionItemType } from "@/lib/governance/retention-schemas";
import {
  UNIT_COUNT,
  emptyCounts,
  emptyHeld,
  type DispositionCounts,
  type DryRunResult,
  type DryRunSample,
  type ForecastDay,
  type PolicyRef,
} from "@/lib/governance/retention-types";

export const FORECAST_DAYS = 30;
const DAY_MS = 86_400_000;

const enc = encodeURIComponent;

/** Where a unit opens in the app. */
export function unitHref(type: RetentionItemType, id: string, linkId: string | null, userId: string | null): string | null {
  switch (type) {
    case "CONVERSATION":
      return `/conversations/${enc(id)}`;
    case "GPT_CONFIG":
      return linkId ? `/gpts/${enc(linkId)}` : null;
    case "MEMORY":
      return userId && linkId ? `/custodians/${enc(userId)}#memory-${enc(linkId)}` : null;
    case "FILE":
      if (linkId) return `/conversations/${enc(linkId)}`;
      return userId ? `/custodians/${enc(userId)}` : null;
  }
}

type Aggregate = {
  due: number;
  children: number;
  heldSkipped: number;
  heldChildren: number;
  removedParents: number;
  perPolicy: { policyId: string; units: number; children: number }[];
  forecast: { day: number; units: number; children: number }[];
  samples: { id: string; linkId: string | null; userId: string | null; label: string | null; due: string; policyId: string | null; children: number }[];
};

function aggregateSql(type: RetentionItemType, sources: string[] | null): string {
  const where = sources ? `${unitSourceColumn(type)} = ANY($4::text[])` : "$4::text[] IS NULL";
  const ok = `due <= $2::timestamptz AND NOT held`;
  return `
    WITH e AS MATERIALIZED (${evaluationSql(type, where)})
    SELECT
      count(*) FILTER (WHERE ${ok})::int AS due,
      coalesce(sum(children) FILTER (WHERE ${ok}), 0)::int AS children,
      count(*) FILTER (WHERE due <= $2::timestamptz AND held)::int AS "heldSkipped",
      coalesce(sum(children) FILTER (WHERE due <= $2::timestamptz AND held), 0)::int AS "heldChildren",
      (SELECT count(*)::int FROM (SELECT "linkId" FROM e WHERE NOT live AND covered GROUP BY "linkId"
         HAVING count(*) FILTER (WHERE ${ok}) = max(siblings)) x) AS "removedParents",
      (SELECT coalesce(json_agg(x), '[]') FROM (SELECT "policyId", count(*)::int AS units, coalesce(sum(children), 0)::int AS children
         FROM e WHERE ${ok} GROUP BY 1) x) AS "perPolicy",
      (SELECT coalesce(json_agg(x), '[]') FROM (SELECT ceil(extract(epoch FROM due - $2::timestamptz) / 86400)::int AS day,
         count(*)::int AS units, coalesce(sum(children), 0)::int AS children
         FROM e WHERE due > $2::timestamptz AND due <= $2::timestamptz + make_interval(hours => ${FORECAST_DAYS * 24}) AND NOT held GROUP BY 1) x) AS forecast,
      (SELECT coalesce(json_agg(x), '[]') FROM (SELECT id, "linkId", "userId", label, due, "policyId", children
         FROM e WHERE ${ok} ORDER BY due, id LIMIT $3) x) AS samples
    FROM e`;
}

/** Counts what disposition would do at `asOf` under `policies` (every policy treated as enabled). */
export async function computeDryRun(
  db: Queryable,
  policies: PolicySnapshot[],
  asOf: Date,
  options: { samples?: number; draftIds?: Set<string> } = {},
): Promise<DryRunResult> {
  const counts = emptyCounts();
  const heldSkipped = emptyHeld();
  const perPolicy = new Map<string, Omit<DispositionCounts, "memories">>();
  const forecast: ForecastDay[] = Array.from({ length: FORECAST_DAYS }, (_, i) => ({
    day: i + 1,
    date: new Date(asOf.getTime() + (i + 1) * DAY_MS).toISOString(),
    conversations: 0,
    messages: 0,
    gptConfigs: 0,
    memoryVersions: 0,
    files: 0,
  }));
  const samples: DryRunSample[] = [];
  for (const type of retentionItemTypes) {
    const applicable = policiesFor(policies, type);
    if (!applicable.length) continue;
    const sources = scanSources(policies, type);
    const { rows } = await db.query<Aggregate>(aggregateSql(type, sources), [policiesParam(applicable), asOf.toISOString(), options.samples ?? 10, sources]);
    const r = rows[0];
    const key = UNIT_COUNT[type];
    counts[key] += r.due;
    heldSkipped[key] += r.heldSkipped;
    if (type === "CONVERSATION") {
      counts.messages += r.children;
      heldSkipped.messages += r.heldChildren;
    }
    if (type === "MEMORY") counts.memories += r.removedParents;
    for (const p of r.perPolicy) {
      const entry = perPolicy.get(p.policyId) ?? { conversations: 0, messages: 0, gptConfigs: 0, memoryVersions: 0, files: 0 };
      entry[key] += p.units;
      if (type === "CONVERSATION") entry.messages += p.children;
      perPolicy.set(p.policyId, entry);
    }
    for (const f of r.forecast) {
      const day = forecast[f.day - 1];
      if (!day) continue;
      day[key] += f.units;
      if (type === "CONVERSATION") day.messages += f.children;
    }
    for (const s of r.samples) {
      samples.push({
        itemType: type,
        itemId: s.id,
        label: s.label,
        href: unitHref(type, s.id, s.linkId, s.userId),
        dueAt: new Date(s.due).toISOString(),
        policyId: s.policyId,
        messages: s.children,
      });
    }
  }
  const refs: PolicyRef[] = policies.map((p) => ({ policyId: p.policyId, name: p.name, version: p.version, ...(options.draftIds?.has(p.policyId) ? { draft: true } : {}) }));
  return {
    asOf: asOf.toISOString(),
    policies: refs,
    counts,
    heldSkipped,
    perPolicy: refs.filter((p) => perPolicy.has(p.policyId)).map((p) => ({ ...p, counts: perPolicy.get(p.policyId)! })),
    forecast,
    samples,
  };
}

/** The policy set a dry-run request evaluates: enabled policies, with the draft/saved one forced on. */
export async function dryRunPolicies(input: Pick<DryRunInput, "policyId" | "draft">): Promise<{ policies: PolicySnapshot[]; draftIds: Set<string> }> {
  const policies = await enabledPolicySnapshots();
  const draftIds = new Set<string>();
  let forced: PolicySnapshot | null = null;
  if (input.policyId) {
    const saved = await getDb().retentionPolicy.findUnique({ where: { id: input.policyId } });
    if (!saved) throw new AppError("not_found", "Retention policy not found");
    forced = { ...toSnapshot(saved), enabled: true };
    if (input.draft) forced = { ...forced, ...input.draft, policyId: saved.id, name: input.draft.name, version: saved.version + 1, enabled: true };
  } else if (input.draft) {
    forced = { ...input.draft, policyId: "draft", version: 0, enabled: true };
  }
  if (!forced) return { policies, draftIds };
  // Marked as a draft unless it is exactly a policy already in force.
  if (input.draft || !policies.some((p) => p.policyId === forced!.policyId)) draftIds.add(forced.policyId);
  return { policies: [...policies.filter((p) => p.policyId !== forced!.policyId), forced], draftIds };
}

export async function dryRun(input: DryRunInput, options: { now?: Date; pool?: pg.Pool } = {}): Promise<DryRunResult> {
  const { policies, draftIds } = await dryRunPolicies(input);
  const client = await (options.pool ?? getIngestPool()).connect();
  try {
    // One snapshot for all types: the counts add up even while capture writes.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const result = await computeDryRun(client, policies, options.now ?? new Date(), { samples: input.samples, draftIds });
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
