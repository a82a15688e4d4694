// Flags: "look at this", with a reason. An item may carry several flags; each stays open until a reviewer
// resolves it (once: the resolution is a record, not a toggle). The index carries "has an open flag", so
// both changes re-queue the item. Audited in the same transaction; reasons are logged by length only,
// since a reason may quote the archived content it is about.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit/audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { auditTargetOf, assertItemsExist, enqueueIndex, itemRefListSchema, type ReviewItemType } from "@/lib/review/items";

type Meta = { ip?: string | null; requestId?: string };

export const createFlagsSchema = z.object({ items: itemRefListSchema, reason: z.string().trim().min(1, "A reason is required").max(500) });
export const flagParams = z.object({ id: z.string().min(1).max(64) });
export type CreateFlagsInput = z.infer<typeof createFlagsSchema>;

export type CreatedFlag = { id: string; itemType: ReviewItemType; itemId: string; createdAt: string };

export async function createFlags(input: CreateFlagsInput, actor: SessionUser, meta: Meta = {}): Promise<CreatedFlag[]> {
  return getDb().$transaction(async (tx) => {
    await assertItemsExist(tx, input.items);
    const rows = await tx.flag.createManyAndReturn({
      data: input.items.map((item) => ({ itemType: item.itemType, itemId: item.itemId, reason: input.reason, createdById: actor.id })),
      select: { id: true, itemType: true, itemId: true, createdAt: true },
    });
    await enqueueIndex(tx, input.items);
    await recordAudit(
      {
        action: "review.flag.create",
        actor,
        target: auditTargetOf(input.items),
        ip: meta.ip,
        requestId: meta.requestId,
        details: { reasonLength: input.reason.length, flags: rows.map((r) => ({ id: r.id, itemType: r.itemType, itemId: r.itemId })) },
      },
      tx,
    );
    return rows.map((r) => ({ id: r.id, itemType: r.itemType as ReviewItemType, itemId: r.itemId, createdAt: r.createdAt.toISOString() }));
  });
}

export type ResolvedFlag = { id: string; itemType: string; itemId: string; resolvedAt: string; resolvedById: string };

export async function resolveFlag(id: string, actor: SessionUser, meta: Meta = {}): Promise<ResolvedFlag> {
  return getDb().$transaction(async (tx) => {
    // Conditional update: of two concurrent resolves exactly one wins, the other gets the 409.
    const { count } = await tx.flag.updateMany({ where: { id, resolvedAt: null }, data: { resolvedAt: new Date(), resolvedById: actor.id } });
    const row = await tx.flag.findUnique({ where: { id } });
    if (!row) throw new AppError("not_found", "Flag not found");
    if (count === 0) throw new AppError("conflict", `This flag was already resolved at ${row.resolvedAt?.toISOString()}`);
    await enqueueIndex(tx, [{ itemType: row.itemType as ReviewItemType, itemId: row.itemId }]);
    await recordAudit(
      {
        action: "review.flag.resolve",
        actor,
        target: { type: "flag", id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { itemType: row.itemType, itemId: row.itemId, flaggedById: row.createdById },
      },
      tx,
    );
    return { id, itemType: row.itemType, itemId: row.itemId, resolvedAt: row.resolvedAt!.toISOString(), resolvedById: actor.id };
  });
}
