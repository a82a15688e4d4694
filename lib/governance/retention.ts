// Retention policies: how long archived objects are kept. A policy covers object types (conversations,
// GPT configuration versions, memory versions, files), optionally one source and some custodians, and keeps
// them `periodDays` from a stated date (capture or source); `versionsKept` newest versions of a versioned
// object are kept whatever their age. Rules (applied by lib/governance/retention-evaluate.ts):
// the longest applicable retention wins, an item no enabled policy covers is kept, holds always win.
//
// Every change writes a new RetentionPolicyVersion (the full definition) and an audit event in the same
// transaction; disposition runs and tombstones name the policy version in force. Policies are never
// deleted (tombstones and certificates refer to them): they are disabled.
import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit/audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Prisma, RetentionPolicy } from "@/lib/generated/prisma/client";
import type { DateBasis, PolicyInput, PolicyUpdate, RetentionItemType } from "@/lib/governance/retention-schemas";

type Meta = { ip?: string | null; requestId?: string };

/** A policy definition as evaluated: what a RetentionPolicyVersion records and a run lists. */
export type PolicySnapshot = {
  policyId: string;
  name: string;
  version: number;
  itemTypes: RetentionItemType[];
  sourceId: string | null;
  custodianIds: string[];
  periodDays: number;
  dateBasis: DateBasis;
  versionsKept: number | null;
  enabled: boolean;
};

export type PolicyView = PolicySnapshot & {
  id: string;
  description: string | null;
  createdById: string;
  createdAt: string;
  updatedAt: string;
};

export function toSnapshot(p: RetentionPolicy): PolicySnapshot {
  return {
    policyId: p.id,
    name: p.name,
    version: p.version,
    itemTypes: p.itemTypes.filter((t): t is RetentionItemType => t === "CONVERSATION" || t === "GPT_CONFIG" || t === "MEMORY" || t === "FILE"),
    sourceId: p.sourceId,
    custodianIds: [...p.custodianIds],
    periodDays: p.periodDays,
    dateBasis: p.dateBasis,
    versionsKept: p.versionsKept,
    enabled: p.enabled,
  };
}

function toView(p: RetentionPolicy): PolicyView {
  return {
    ...toSnapshot(p),
    id: p.id,
    description: p.description,
    createdById: p.createdById,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The definition a version row records (everything that decides what is disposed, plus name/description). */
function definitionOf(p: RetentionPolicy): Prisma.InputJsonObject {
  const { policyId: _id, version: _v, ...rest } = toSnapshot(p);
  return { ...rest, description: p.description };
}

export async function listPolicies(): Promise<PolicyView[]> {
  const rows = await getDb().retentionPolicy.findMany({ orderBy: [{ enabled: "desc" }, { name: "asc" }, { id: "asc" }] });
  return rows.map(toView);
}

export async function getPolicy(id: string): Promise<PolicyView> {
  const row = await getDb().retentionPolicy.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", "Retention policy not found");
  return toView(row);
}

/** Enabled policies as they stand now: what a disposition run starting now applies. */
export async function enabledPolicySnapshots(): Promise<PolicySnapshot[]> {
  const rows = await getDb().retentionPolicy.findMany({ where: { enabled: true }, orderBy: { id: "asc" } });
  return rows.map(toSnapshot);
}

export async function createPolicy(input: PolicyInput, actor: SessionUser, meta: Meta = {}): Promise<PolicyView> {
  return getDb().$transaction(async (tx) => {
    const row = await tx.retentionPolicy.create({
      data: {
        name: input.name,
        description: input.description ?? null,
        itemTypes: input.itemTypes,
        sourceId: input.sourceId,
        custodianIds: input.custodianIds,
        periodDays: input.periodDays,
        dateBasis: input.dateBasis,
        versionsKept: input.versionsKept,
        enabled: input.enabled,
        version: 1,
        createdById: actor.id,
      },
    });
    await tx.retentionPolicyVersion.create({ data: { policyId: row.id, version: 1, definition: definitionOf(row), createdById: actor.id } });
    await recordAudit(
      { action: "retention.policy.create", actor, target: { type: "retention_policy", id: row.id }, ip: meta.ip, requestId: meta.requestId, details: { version: 1, definition: definitionOf(row) } },
      tx,
    );
    return toView(row);
  });
}

const FIELDS = ["name", "description", "itemTypes", "sourceId", "custodianIds", "periodDays", "dateBasis", "versionsKept", "enabled"] as const;

export async function updatePolicy(id: string, input: PolicyUpdate, actor: SessionUser, meta: Meta = {}): Promise<PolicyView> {
  return getDb().$transaction(async (tx) => {
    // Row lock: two concurrent edits get consecutive versions, never the same one.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "RetentionPolicy" WHERE id = ${id} FOR UPDATE`;
    if (!locked.length) throw new AppError("not_found", "Retention policy not found");
    const before = (await tx.retentionPolicy.findUnique({ where: { id } }))!;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of FIELDS) {
      const next = input[field];
      if (next === undefined) continue;
      const prev = before[field];
      if (JSON.stringify(prev ?? null) !== JSON.stringify(next ?? null)) changes[field] = { from: prev ?? null, to: next ?? null };
    }
    if (!Object.keys(changes).length) return toView(before);
    const version = before.version + 1;
    const row = await tx.retentionPolicy.update({
      where: { id },
      data: {
        name: input.name,
        description: input.description,
        itemTypes: input.itemTypes,
        sourceId: input.sourceId,
        custodianIds: input.custodianIds,
        periodDays: input.periodDays,
        dateBasis: input.dateBasis,
        versionsKept: input.versionsKept,
        enabled: input.enabled,
        version,
      },
    });
    await tx.retentionPolicyVersion.create({ data: { policyId: id, version, definition: definitionOf(row), createdById: actor.id } });
    const action = Object.keys(changes).length === 1 && changes.enabled ? (row.enabled ? "retention.policy.enable" : "retention.policy.disable") : "retention.policy.update";
    await recordAudit(
      {
        action,
        actor,
        target: { type: "retention_policy", id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { version, changes: changes as Prisma.InputJsonObject, reason: input.reason ?? null },
      },
      tx,
    );
    return toView(row);
  });
}

export type PolicyVersionView = { version: number; definition: unknown; createdById: string; createdAt: string };

export async function listPolicyVersions(id: string): Promise<PolicyVersionView[]> {
  await getPolicy(id);
  const rows = await getDb().retentionPolicyVersion.findMany({ where: { policyId: id }, orderBy: { version: "desc" } });
  return rows.map((r) => ({ version: r.version, definition: r.definition, createdById: r.createdById, createdAt: r.createdAt.toISOString() }));
}

/** Sources a policy can be scoped to (id and name only: officers may not read source settings). */
export async function listSourceOptions(): Promise<{ id: string; name: string }[]> {
  return getDb().source.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
