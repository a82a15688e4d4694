// Review status and assignment: one ReviewStatus row per item (absent = unreviewed, unassigned). A bulk
// change sets the status, the assignee, or both, on up to 500 items in one statement; the audit event
// records each item's before → after. Assignees must be enabled users allowed to review. The index
// carries the status, so every change re-queues its items. The queue is "my open work": items assigned
// to the caller that are not yet reviewed, most recently changed first.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit/audit";
import { can, isRole } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditTargetOf, assertItemsExist, describeItems, enqueueIndex, itemRefListSchema, whereItems, type ItemLabel, type ItemRef, type ReviewItemType } from "@/lib/review/items";

type Meta = { ip?: string | null; requestId?: string };
type Tx = Prisma.TransactionClient;

export const reviewStates = ["UNREVIEWED", "IN_REVIEW", "REVIEWED", "ESCALATED"] as const;
export type ReviewStateValue = (typeof reviewStates)[number];

export const setReviewStatusSchema = z
  .object({
    items: itemRefListSchema,
    status: z.enum(reviewStates).optional(),
    assigneeId: z.string().min(1).max(64).nullable().optional(),
  })
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined, "Give a status, an assignee, or both");
export type SetReviewStatusInput = z.infer<typeof setReviewStatusSchema>;

export const reviewQueueQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

type State = { status: ReviewStateValue; assigneeId: string | null };
export type SetReviewStatusResult = { updated: number; status: ReviewStateValue | null; assigneeId: string | null | undefined };

async function assertAssignable(tx: Tx, assigneeId: string): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: assigneeId }, select: { role: true, disabledAt: true } });
  if (!user || user.disabledAt || !isRole(user.role) || !can(user.role, "review:write")) {
    throw new AppError("invalid", "The assignee must be an enabled user who can review");
  }
}

export async function setReviewStatus(input: SetReviewStatusInput, actor: SessionUser, meta: Meta = {}): Promise<SetReviewStatusResult> {
  return getDb().$transaction(async (tx) => {
    if (input.assigneeId) await assertAssignable(tx, input.assigneeId);
    await assertItemsExist(tx, input.items);
    const existing = await tx.reviewStatus.findMany({ where: whereItems(input.items), select: { itemType: true, itemId: true, status: true, assigneeId: true } });
    const before = new Map(existing.map((r) => [`${r.itemType}\u0000${r.itemId}`, { status: r.status, assigneeId: r.assigneeId } as State]));
    const setStatus = input.status !== undefined;
    const setAssignee = input.assigneeId !== undefined;
    // One upsert for all items. Columns not being set keep their value (or the default on insert).
    await tx.$executeRaw`
      INSERT INTO "ReviewStatus" ("itemType", "itemId", status, "assigneeId", "updatedById", "updatedAt")
      SELECT u.t::"ItemType", u.i, coalesce(${input.status ?? null}::text, 'UNREVIEWED')::"ReviewState", ${input.assigneeId ?? null}::text, ${actor.id}, now()
      FROM unnest(${input.items.map((r) => r.itemType)}::text[], ${input.items.map((r) => r.itemId)}::text[]) AS u(t, i)
      ON CONFLICT ("itemType", "itemId") DO UPDATE SET
        status = CASE WHEN ${setStatus} THEN EXCLUDED.status ELSE "ReviewStatus".status END,
        "assigneeId" = CASE WHEN ${setAssignee} THEN EXCLUDED."assigneeId" ELSE "ReviewStatus"."assigneeId" END,
        "updatedById" = EXCLUDED."updatedById",
        "updatedAt" = now()`;
    await enqueueIndex(tx, input.items);
    const changes = input.items.map((item) => {
      const from: State = before.get(`${item.itemType}\u0000${item.itemId}`) ?? { status: "UNREVIEWED", assigneeId: null };
      const to: State = { status: input.status ?? from.status, assigneeId: setAssignee ? (input.assigneeId ?? null) : from.assigneeId };
      return { ...item, from, to };
    });
    await recordAudit(
      {
        action: "review.status.update",
        actor,
        target: auditTargetOf(input.items),
        ip: meta.ip,
        requestId: meta.requestId,
        details: { ...(setStatus ? { status: input.status } : {}), ...(setAssignee ? { assigneeId: input.assigneeId } : {}), itemCount: input.items.length, changes },
      },
      tx,
    );
    return { updated: input.items.length, status: input.status ?? null, assigneeId: input.assigneeId };
  });
}

// ---- the caller's queue ---------------------------------------------------------------------------------

export type QueueEntry = ItemLabel & { status: ReviewStateValue; updatedAt: string };
export type ReviewQueuePage = { items: QueueEntry[]; nextCursor: string | null };

type Cursor = { u: string; t: string; i: string };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
    if (typeof c.u === "string" && !Number.isNaN(Date.parse(c.u)) && typeof c.t === "string" && typeof c.i === "string") return c as Cursor;
  } catch {
    // fall through
  }
  throw new AppError("invalid", "Invalid cursor");
}

/** Items assigned to the user and not yet reviewed, newest change first; keyset paged on (updatedAt, itemType, itemId). */
export async function listReviewQueue(user: SessionUser, query: ReviewQueueQuery): Promise<ReviewQueuePage> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await getDb().$queryRaw<{ itemType: string; itemId: string; status: ReviewStateValue; updatedAt: Date }[]>`
    SELECT "itemType"::text AS "itemType", "itemId", status::text AS status, "updatedAt"
    FROM "ReviewStatus"
    WHERE "assigneeId" = ${user.id} AND status <> 'REVIEWED'
      AND (${after?.u ?? null}::timestamptz IS NULL OR ("updatedAt", "itemType"::text, "itemId") < (${after?.u ?? null}::timestamptz, ${after?.t ?? ""}, ${after?.i ?? ""}))
    ORDER BY "updatedAt" DESC, "itemType"::text DESC, "itemId" DESC
    LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const labels = await describeItems(page.map((r) => ({ itemType: r.itemType as ReviewItemType, itemId: r.itemId }) satisfies ItemRef));
  const last = page.at(-1);
  return {
    items: page.map((r, n) => ({ ...labels[n], status: r.status, updatedAt: r.updatedAt.toISOString() })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ u: last.updatedAt.toISOString(), t: last.itemType, i: last.itemId }) : null,
  };
}
