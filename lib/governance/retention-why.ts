// "Why is this retained": for one archive item, the policies that apply (period, date basis, the date the
// period runs from, the date each alone would dispose it), the holds that cover it or its container, and
// the computed disposal date — or "kept: no policy", "held", or the tombstone when it was disposed.
// Evaluated with the disposition job's own SQL against the enabled policies, now.
import "server-only";
import { getDb } from "@/lib/db";
import { getIngestPool } from "@/lib/ingest/pg";
import { evaluateWhere, type Queryable, type UnitRow } from "@/lib/governance/retention-evaluate";
import { enabledPolicySnapshots, type PolicySnapshot } from "@/lib/governance/retention";
import { activeHeldIds } from "@/lib/governance/held";
import type { RetentionItemType, WhyRetainedQuery } from "@/lib/governance/retention-schemas";
import type { WhyRetained, WhyRetainedPolicy, WhyRetainedUnit } from "@/lib/governance/retention-types";

const DAY_MS = 86_400_000;

/** Which units an item stands for, and the condition selecting them. */
async function unitsOf(db: Queryable, q: WhyRetainedQuery): Promise<{ type: RetentionItemType; where: string; param: string } | null> {
  switch (q.itemType) {
    case "CONVERSATION":
      return { type: "CONVERSATION", where: "c.id = $2", param: q.itemId };
    case "MESSAGE": {
      const { rows } = await db.query<{ conversationId: string }>(`SELECT "conversationId" FROM "Message" WHERE id = $1`, [q.itemId]);
      return rows[0] ? { type: "CONVERSATION", where: "c.id = $2", param: rows[0].conversationId } : null;
    }
    case "GPT":
      return { type: "GPT_CONFIG", where: `v."gptId" = $2`, param: q.itemId };
    case "GPT_CONFIG":
      return { type: "GPT_CONFIG", where: "v.id = $2", param: q.itemId };
    case "MEMORY":
      return { type: "MEMORY", where: `v."memoryId" = $2`, param: q.itemId };
    case "FILE":
      return { type: "FILE", where: "f.id = $2", param: q.itemId };
  }
}

/** Active holds on the item or anything whose hold keeps it (its container, or what its unit contains). */
async function holdsOf(db: Queryable, q: WhyRetainedQuery): Promise<WhyRetained["holds"]> {
  const held = (type: string) => activeHeldIds(type as "CONVERSATION");
  // (itemType, itemId) pairs whose hold would keep this item.
  const pairs: Record<WhyRetainedQuery["itemType"], string> = {
    CONVERSATION: `SELECT 'CONVERSATION', $1::text UNION ALL SELECT 'MESSAGE', id FROM "Message" WHERE "conversationId" = $1 AND id IN ${held("MESSAGE")}
      UNION ALL SELECT 'FILE', id FROM "SourceFile" WHERE "conversationId" = $1 AND id IN ${held("FILE")}
      UNION ALL SELECT 'FILE', x."fileId" FROM "MessageFile" x JOIN "Message" m ON m.id = x."messageId" WHERE m."conversationId" = $1 AND x."fileId" IN ${held("FILE")}`,
    MESSAGE: `SELECT 'MESSAGE', $1::text UNION ALL SELECT 'CONVERSATION', "conversationId" FROM "Message" WHERE id = $1`,
    GPT: `SELECT 'GPT', $1::text UNION ALL SELECT 'GPT_CONFIG', id FROM "GptConfigVersion" WHERE "gptId" = $1 AND id IN ${held("GPT_CONFIG")}`,
    GPT_CONFIG: `SELECT 'GPT_CONFIG', $1::text UNION ALL SELECT 'GPT', "gptId" FROM "GptConfigVersion" WHERE id = $1`,
    MEMORY: `SELECT 'MEMORY', $1::text`,
    FILE: `SELECT 'FILE', $1::text UNION ALL SELECT 'CONVERSATION', "conversationId" FROM "SourceFile" WHERE id = $1 AND "conversationId" IS NOT NULL
      UNION ALL SELECT 'MESSAGE', "messageId" FROM "MessageFile" WHERE "fileId" = $1
      UNION ALL SELECT 'CONVERSATION', m."conversationId" FROM "MessageFile" x JOIN "Message" m ON m.id = x."messageId" WHERE x."fileId" = $1`,
  };
  const { rows } = await db.query<{ id: string; name: string; matter: string | null; itemType: string; itemId: string }>(
    `SELECT DISTINCT l.id, l.name, l.matter, h."itemType"::text AS "itemType", h."itemId"
     FROM "HeldItem" h JOIN "LegalHold" l ON l.id = h."holdId"
     WHERE l.status = 'ACTIVE' AND (h."itemType"::text, h."itemId") IN (${pairs[q.itemType]})
     ORDER BY l.name, l.id, 4, 5`,
    [q.itemId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, matter: r.matter, via: { itemType: r.itemType, itemId: r.itemId } }));
}

function unitStatus(u: UnitRow, now: Date): WhyRetainedUnit["status"] {
  if (!u.covered) return "kept_no_policy";
  if (u.held) return "held";
  if (u.due === null) return "kept_current_version";
  return u.due.getTime() <= now.getTime() ? "due" : "scheduled";
}

const RANK: Record<WhyRetainedUnit["status"], number> = { held: 5, kept_no_policy: 4, kept_current_version: 3, scheduled: 2, due: 1 };

export async function computeWhyRetained(db: Queryable, q: WhyRetainedQuery, policies: PolicySnapshot[], now: Date): Promise<WhyRetained> {
  const base = { itemType: q.itemType, itemId: q.itemId };
  const holds = await holdsOf(db, q);
  const target = await unitsOf(db, q);
  const units = target ? await evaluateWhere(db, target.type, policies, target.where, [target.param]) : [];
  if (!units.length) {
    const tomb = await getDb().dispositionRecord.findFirst({
      where: q.itemType === "MEMORY" ? { itemType: "MEMORY", OR: [{ itemId: q.itemId }, { itemId: { startsWith: `${q.itemId}@v` } }] } : { itemType: q.itemType, itemId: q.itemId },
      orderBy: { disposedAt: "desc" },
    });
    return {
      ...base,
      status: tomb ? "disposed" : "not_found",
      summary: tomb ? `Disposed on ${tomb.disposedAt.toISOString().slice(0, 10)} by disposition run ${tomb.runId}` : "Not in the archive",
      disposalDate: tomb ? tomb.disposedAt.toISOString() : null,
      holds,
      units: [],
      tombstone: tomb ? { runId: tomb.runId, disposedAt: tomb.disposedAt.toISOString(), policyId: tomb.policyId, policyVersion: tomb.policyVersion, sha256: tomb.sha256 } : null,
    };
  }
  const type = target!.type;
  const applicable = policies.filter((p) => p.itemTypes.includes(type));
  // Each policy alone, for its own date.
  const perPolicy = new Map<string, Map<string, UnitRow>>();
  for (const p of applicable) {
    const rows = await evaluateWhere(db, type, [p], target!.where, [target!.param]);
    perPolicy.set(p.policyId, new Map(rows.map((r) => [r.id, r])));
  }
  const unitViews: WhyRetainedUnit[] = units.map((u) => {
    const policyViews: WhyRetainedPolicy[] = [];
    for (const p of applicable) {
      const alone = perPolicy.get(p.policyId)?.get(u.id);
      if (!alone?.covered) continue;
      policyViews.push({
        policyId: p.policyId,
        name: p.name,
        version: p.version,
        periodDays: p.periodDays,
        dateBasis: p.dateBasis,
        versionsKept: p.versionsKept,
        basisDate: alone.due ? new Date(alone.due.getTime() - p.periodDays * DAY_MS).toISOString() : null,
        disposalDate: alone.due?.toISOString() ?? null,
        keptAsVersion: alone.due === null,
        governing: u.policyId === p.policyId,
      });
    }
    return { itemType: type, itemId: u.id, label: u.label, status: unitStatus(u, now), disposalDate: u.due?.toISOString() ?? null, policies: policyViews };
  });
  // The item's own status: the strongest reason across its units (a GPT or memory has several versions).
  const status = unitViews.reduce<WhyRetainedUnit["status"]>((s, u) => (RANK[u.status] > RANK[s] ? u.status : s), unitViews[0].status);
  const dated = unitViews.filter((u) => u.disposalDate && u.status !== "held").map((u) => u.disposalDate!);
  const disposalDate = status === "held" || status === "kept_no_policy" ? null : (dated.sort()[0] ?? null);
  const summary =
    status === "held"
      ? `Held: ${holds.length ? holds.map((h) => h.name).join(", ") : "a legal hold"} — never disposed while the hold is active`
      : status === "kept_no_policy"
        ? "Kept: no enabled retention policy covers it"
        : status === "kept_current_version"
          ? disposalDate
            ? `Current version kept; older versions are disposed from ${disposalDate.slice(0, 10)}`
            : "Kept: current version (or within the versions a policy keeps)"
          : status === "due"
            ? "Due for disposal: the next disposition run removes it"
            : `Retained until ${disposalDate?.slice(0, 10)} (the longest applicable period)`;
  return { ...base, status, summary, disposalDate, holds, units: unitViews, tombstone: null };
}

export async function whyRetained(q: WhyRetainedQuery, options: { now?: Date } = {}): Promise<WhyRetained> {
  const policies = await enabledPolicySnapshots();
  const client = await getIngestPool().connect();
  try {
    return await computeWhyRetained(client, q, policies, options.now ?? new Date());
  } finally {
    client.release();
  }
}
