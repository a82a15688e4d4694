// Reading the audit log: newest first, keyset-paged by sequence number.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().regex(/^\d+$/, "Invalid cursor").optional(),
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(200).optional(),
  outcome: z.enum(["SUCCESS", "FAILURE", "DENIED"]).optional(),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export async function listAuditEvents(q: AuditQuery) {
  const where: Prisma.AuditEventWhereInput = {};
  if (q.cursor) where.seq = { lt: BigInt(q.cursor) };
  if (q.action) where.action = { startsWith: q.action };
  if (q.actor) where.actorEmail = { contains: q.actor.toLowerCase() };
  if (q.outcome) where.outcome = q.outcome;
  const rows = await getDb().auditEvent.findMany({ where, orderBy: { seq: "desc" }, take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return {
    events: page.map((e) => ({
      id: e.id,
      seq: Number(e.seq),
      at: e.at.toISOString(),
      actorEmail: e.actorEmail,
      actorRole: e.actorRole,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      outcome: e.outcome.toLowerCase() as "success" | "failure" | "denied",
      ip: e.ip,
      details: e.details,
      hash: e.hash,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].seq.toString() : null,
  };
}
