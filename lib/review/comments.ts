// Review comments on archive items, threaded one level deep (a reply to a reply joins its thread).
// Comments are part of the review record and are NEVER deleted: there is no delete function and no
// DELETE route. Only the author edits a comment, and every edit first saves the previous body as a
// CommentRevision, so the full history stays readable. Writes are audited in the same transaction; the
// audit event holds ids and lengths only, never a comment body. Comments are not in the search index.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit/audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { assertItemsExist, itemRefSchema, type ItemRef } from "@/lib/review/items";

type Meta = { ip?: string | null; requestId?: string };

const bodySchema = z.string().trim().min(1, "A comment cannot be empty").max(5000, "At most 5000 characters");

export const createCommentSchema = itemRefSchema.extend({ body: bodySchema, parentId: z.string().min(1).max(64).optional() });
export const editCommentSchema = z.object({ body: bodySchema });
export const commentParams = z.object({ id: z.string().min(1).max(64) });
export type CreateCommentInput = z.infer<typeof createCommentSchema>;

type Person = { id: string; name: string; email: string };
export type CommentView = {
  id: string;
  parentId: string | null;
  author: Person;
  body: string;
  createdAt: string;
  editedAt: string | null;
  revisionCount: number;
};
export type CommentThread = CommentView & { replies: CommentView[] };

const include = { author: { select: { id: true, name: true, email: true } }, _count: { select: { revisions: true } } } as const;
type CommentRow = {
  id: string;
  parentId: string | null;
  author: Person;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  _count: { revisions: number };
};

const toView = (c: CommentRow): CommentView => ({
  id: c.id,
  parentId: c.parentId,
  author: c.author,
  body: c.body,
  createdAt: c.createdAt.toISOString(),
  editedAt: c.editedAt?.toISOString() ?? null,
  revisionCount: c._count.revisions,
});

/** Threads oldest first, each with its replies oldest first. */
export async function listComments(ref: ItemRef): Promise<CommentThread[]> {
  const db = getDb();
  await assertItemsExist(db, [ref]);
  const rows = await db.comment.findMany({ where: { itemType: ref.itemType, itemId: ref.itemId }, include, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const threads = new Map<string, CommentThread>();
  for (const row of rows) if (!row.parentId) threads.set(row.id, { ...toView(row), replies: [] });
  for (const row of rows) {
    if (!row.parentId) continue;
    const thread = threads.get(row.parentId);
    // Replies are only ever written under a top-level comment of the same item; anything else is shown as its own thread.
    if (thread) thread.replies.push(toView(row));
    else threads.set(row.id, { ...toView(row), replies: [] });
  }
  return [...threads.values()];
}

export async function createComment(input: CreateCommentInput, actor: SessionUser, meta: Meta = {}): Promise<CommentView> {
  return getDb().$transaction(async (tx) => {
    const ref: ItemRef = { itemType: input.itemType, itemId: input.itemId };
    await assertItemsExist(tx, [ref]);
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = await tx.comment.findUnique({ where: { id: input.parentId }, select: { id: true, parentId: true, itemType: true, itemId: true } });
      if (!parent || parent.itemType !== ref.itemType || parent.itemId !== ref.itemId) throw new AppError("invalid", "The parent comment is not on this item");
      parentId = parent.parentId ?? parent.id;
    }
    const row = await tx.comment.create({ data: { itemType: ref.itemType, itemId: ref.itemId, parentId, authorId: actor.id, body: input.body }, include });
    await recordAudit(
      {
        action: "review.comment.create",
        actor,
        target: { type: "comment", id: row.id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { itemType: ref.itemType, itemId: ref.itemId, parentId, bodyLength: row.body.length },
      },
      tx,
    );
    return toView(row);
  });
}

/** Author-only edit; the previous body becomes a revision. An unchanged body changes nothing. */
export async function editComment(id: string, body: string, actor: SessionUser, meta: Meta = {}): Promise<CommentView> {
  return getDb().$transaction(async (tx) => {
    // Row lock: two concurrent edits each save the body the other replaced, never the same one twice.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Comment" WHERE id = ${id} FOR UPDATE`;
    if (!locked.length) throw new AppError("not_found", "Comment not found");
    const before = await tx.comment.findUniqueOrThrow({ where: { id }, include });
    if (before.author.id !== actor.id) throw new AppError("forbidden", "Only the author can edit a comment");
    if (before.body === body) return toView(before);
    const revision = await tx.commentRevision.create({ data: { commentId: id, body: before.body } });
    const row = await tx.comment.update({ where: { id }, data: { body, editedAt: new Date() }, include });
    await recordAudit(
      {
        action: "review.comment.edit",
        actor,
        target: { type: "comment", id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { revisionId: revision.id, previousLength: before.body.length, bodyLength: body.length },
      },
      tx,
    );
    return toView(row);
  });
}

export type CommentRevisionView = { id: string; body: string; createdAt: string };

/** The current comment and its earlier bodies, newest first; a revision's createdAt is when that body was replaced. */
export async function listCommentRevisions(id: string): Promise<{ comment: CommentView; revisions: CommentRevisionView[] }> {
  const db = getDb();
  const comment = await db.comment.findUnique({ where: { id }, include });
  if (!comment) throw new AppError("not_found", "Comment not found");
  const revisions = await db.commentRevision.findMany({ where: { commentId: id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return { comment: toView(comment), revisions: revisions.map((r) => ({ id: r.id, body: r.body, createdAt: r.createdAt.toISOString() })) };
}
