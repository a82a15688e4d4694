// The tamper-evident audit log. Each AuditEvent hashes its own content plus the previous event's hash;
// writers take a transaction-scoped advisory lock so concurrent writers (any process) form one chain.
import "server-only";
import { getDb } from "@/lib/db";
import { canonicalJson, sha256Hex } from "@/lib/crypto/hash";
import type { Prisma, AuditEvent } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/auth/permissions";

export const GENESIS_HASH = "0".repeat(64);
const AUDIT_LOCK_KEY = 72707370; // next to Prisma's migration lock key (72707369), distinct from it

export type AuditOutcome = "SUCCESS" | "FAILURE" | "DENIED";

export type AuditInput = {
  action: string;
  actor?: { id: string; email: string; role: Role } | null;
  /** For events without a signed-in actor (e.g. failed logins): the e-mail that was tried. */
  actorEmail?: string | null;
  target?: { type: string; id: string } | null;
  outcome?: AuditOutcome;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown> | null;
};

type Tx = Prisma.TransactionClient;

// Key names that hold secrets (`password`, `clientSecret`, `apiKey`, `accessToken`, `authorization`…),
// but not ids that merely mention them (`authorizationId`, `tokenCount`).
const SECRET_KEY = /(^authorization$)|(pass(word|wd)?|secret|token|api[-_]?key|cookie|credentials?)$/i;

/** Removes anything that looks like a secret from details; audit rows must never hold one. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? "[redacted]" : redactSecrets(v);
    return out;
  }
  return value;
}

type HashedFields = Pick<
  AuditEvent,
  "seq" | "at" | "actorId" | "actorEmail" | "actorRole" | "action" | "targetType" | "targetId" | "outcome" | "ip" | "userAgent" | "requestId" | "details" | "prevHash"
>;

/** The exact content an event's hash covers. */
export function computeAuditHash(e: HashedFields): string {
  const content = canonicalJson({
    seq: e.seq.toString(),
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorEmail: e.actorEmail,
    actorRole: e.actorRole,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    outcome: e.outcome,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    details: e.details ?? null,
  });
  return sha256Hex(`${e.prevHash}\n${content}`);
}

async function appendInTx(tx: Tx, input: AuditInput): Promise<AuditEvent> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const fields: HashedFields = {
    seq: (last?.seq ?? BigInt(0)) + BigInt(1),
    at: new Date(),
    actorId: input.actor?.id ?? null,
    actorEmail: (input.actor?.email ?? input.actorEmail ?? null)?.toLowerCase() ?? null,
    actorRole: input.actor?.role ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    outcome: input.outcome ?? "SUCCESS",
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    requestId: input.requestId ?? null,
    details: input.details ? (redactSecrets(input.details) as Prisma.JsonObject) : null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  return tx.auditEvent.create({
    data: { ...fields, details: fields.details ?? undefined, hash: computeAuditHash(fields) },
  });
}

/**
 * Appends one event. Pass `tx` to make the event part of the caller's transaction (the change and its
 * audit record commit together); otherwise it runs in its own short transaction.
 */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<AuditEvent> {
  if (tx) return appendInTx(tx, input);
  return getDb().$transaction((t) => appendInTx(t, input));
}

export type VerifyResult = {
  ok: boolean;
  checked: number;
  firstBroken: null | { seq: number; id: string; reason: string };
};

/** Walks the chain in order (keyset batches) and reports the first event whose link does not hold. */
export async function verifyAuditChain(batchSize = 1000): Promise<VerifyResult> {
  const db = getDb();
  let prevHash = GENESIS_HASH;
  let expectedSeq = BigInt(1);
  let checked = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    for (const row of rows) {
      const broken = (reason: string): VerifyResult => ({ ok: false, checked, firstBroken: { seq: Number(row.seq), id: row.id, reason } });
      if (row.seq !== expectedSeq) return broken(`sequence gap: expected #${expectedSeq}, found #${row.seq}`);
      if (row.prevHash !== prevHash) return broken("previous-hash link does not match the preceding event");
      if (computeAuditHash(row) !== row.hash) return broken("content does not match its hash (event was altered)");
      prevHash = row.hash;
      expectedSeq += BigInt(1);
      checked += 1;
    }
    if (rows.length < batchSize) return { ok: true, checked, firstBroken: null };
  }
}
