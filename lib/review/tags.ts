// Tags: an admin-curated vocabulary (name unique ignoring case, a color, a description) that reviewers
// attach to archive items in bulk. The search index carries each item's tag names (lower-cased), so a
// rename or delete re-queues every tagged item, and so does every add/remove. Every change is audited in
// the same transaction as the change.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit/audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditTargetOf, assertItemsExist, enqueueIndex, itemRefListSchema, whereItems } from "@/lib/review/items";

type Meta = { ip?: string | null; requestId?: string };
type Tx = Prisma.TransactionClient;

const tagNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(60, "At most 60 characters")
  // A double quote could not be written inside a `tag:"…"` search filter.
  .refine((s) => !/[\u0000-\u001f"]/.test(s), "No control characters or double quotes");
const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Color must be #rrggbb").transform((s) => s.toLowerCase());
const descriptionSchema = z.string().trim().max(500).nullable();

export const createTagSchema = z.object({ name: tagNameSchema, color: colorSchema.default("#64748b"), description: descriptionSchema.optional() });
export const updateTagSchema = z
  .object({ name: tagNameSchema.optional(), color: colorSchema.optional(), description: descriptionSchema.optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Nothing to update");
export const tagParams = z.object({ id: z.string().min(1).max(64) });
export const applyTagsSchema = z.object({
  items: itemRefListSchema,
  tagIds: z.array(z.string().min(1).max(64)).min(1).max(50).transform((ids) => [...new Set(ids)]),
  action: z.enum(["add", "remove"]),
});

export type CreateTagInput = z.infer<typeof createTagSchema>;
export type UpdateTagInput = z.infer<typeof updateTagSchema>;
export type ApplyTagsInput = z.infer<typeof applyTagsSchema>;

export type TagView = { id: string; name: string; color: string; description: string | null; createdAt: string; usageCount: number };

type TagRow = { id: string; name: string; color: string; description: string | null; createdAt: Date };
const toView = (t: TagRow, usageCount: number): TagView => ({
  id: t.id,
  name: t.name,
  color: t.color,
  description: t.description,
  createdAt: t.createdAt.toISOString(),
  usageCount,
});

export async function listTags(): Promise<TagView[]> {
  const rows = await getDb().tag.findMany({ include: { _count: { select: { items: true } } }, orderBy: { name: "asc" } });
  return rows.map((t) => toView(t, t._count.items));
}

/**
 * The column is unique as written; uniqueness ignoring case is ours. A transaction-scoped advisory lock
 * on the lower-cased name makes two concurrent "Foo"/"foo" creates queue up instead of both passing.
 */
async function assertNameFree(tx: Tx, name: string, exceptId?: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`custodian.tag:${name.toLowerCase()}`}))`;
  const clash = await tx.tag.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (clash) throw new AppError("conflict", `A tag named "${clash.name}" already exists`);
}

async function findTag(tx: Tx, id: string): Promise<TagRow> {
  const row = await tx.tag.findUnique({ where: { id } });
  if (!row) throw new AppError("not_found", "Tag not found");
  return row;
}

/** Queues every item carrying the tag (one INSERT … SELECT, however many there are). */
async function enqueueTagged(tx: Tx, tagId: string): Promise<number> {
  return tx.$executeRaw`INSERT INTO "IndexOutbox" ("itemType", "itemId") SELECT "itemType", "itemId" FROM "ItemTag" WHERE "tagId" = ${tagId}`;
}

export async function createTag(input: CreateTagInput, actor: SessionUser, meta: Meta = {}): Promise<TagView> {
  return getDb().$transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const row = await tx.tag.create({ data: { name: input.name, color: input.color, description: input.description ?? null } });
    await recordAudit(
      { action: "tag.create", actor, target: { type: "tag", id: row.id }, ip: meta.ip, requestId: meta.requestId, details: { name: row.name, color: row.color } },
      tx,
    );
    return toView(row, 0);
  });
}

export async function updateTag(id: string, input: UpdateTagInput, actor: SessionUser, meta: Meta = {}): Promise<TagView> {
  return getDb().$transaction(async (tx) => {
    const before = await findTag(tx, id);
    const renamed = input.name !== undefined && input.name !== before.name;
    if (renamed && input.name!.toLowerCase() !== before.name.toLowerCase()) await assertNameFree(tx, input.name!, id);
    const row = await tx.tag.update({ where: { id }, data: { name: input.name, color: input.color, description: input.description } });
    // The index holds tag names only, so only a rename changes documents.
    const reindexed = renamed ? await enqueueTagged(tx, id) : 0;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (row.name !== before.name) changes.name = { from: before.name, to: row.name };
    if (row.color !== before.color) changes.color = { from: before.color, to: row.color };
    if (row.description !== before.description) changes.description = { from: before.description, to: row.description };
    await recordAudit(
      { action: "tag.update", actor, target: { type: "tag", id }, ip: meta.ip, requestId: meta.requestId, details: { name: row.name, changes, reindexed } },
      tx,
    );
    return toView(row, await tx.itemTag.count({ where: { tagId: id } }));
  });
}

export async function deleteTag(id: string, actor: SessionUser, meta: Meta = {}): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const row = await findTag(tx, id);
    const reindexed = await enqueueTagged(tx, id);
    // ItemTag rows go with the tag (ON DELETE CASCADE).
    await tx.tag.delete({ where: { id } });
    await recordAudit(
      { action: "tag.delete", actor, target: { type: "tag", id }, ip: meta.ip, requestId: meta.requestId, details: { name: row.name, removedFromItems: reindexed } },
      tx,
    );
  });
}

export type ApplyTagsResult = { action: "add" | "remove"; items: number; tags: number; changed: number };

/** Adds or removes tags on items. Idempotent: adding a tag an item has, or removing one it lacks, changes nothing. */
export async function applyTags(input: ApplyTagsInput, actor: SessionUser, meta: Meta = {}): Promise<ApplyTagsResult> {
  return getDb().$transaction(async (tx) => {
    const tags = await tx.tag.findMany({ where: { id: { in: input.tagIds } }, select: { id: true, name: true } });
    if (tags.length !== input.tagIds.length) {
      const missing = input.tagIds.filter((id) => !tags.some((t) => t.id === id));
      throw new AppError("not_found", `Tag ${missing[0]} not found`);
    }
    await assertItemsExist(tx, input.items);
    let changed: number;
    if (input.action === "add") {
      const data = input.items.flatMap((item) => input.tagIds.map((tagId) => ({ tagId, itemType: item.itemType, itemId: item.itemId, createdById: actor.id })));
      changed = (await tx.itemTag.createMany({ data, skipDuplicates: true })).count;
    } else {
      changed = (await tx.itemTag.deleteMany({ where: { tagId: { in: input.tagIds }, ...whereItems(input.items) } })).count;
    }
    if (changed > 0) await enqueueIndex(tx, input.items);
    await recordAudit(
      {
        action: input.action === "add" ? "review.tag.add" : "review.tag.remove",
        actor,
        target: auditTargetOf(input.items),
        ip: meta.ip,
        requestId: meta.requestId,
        details: { tags: tags.map((t) => ({ id: t.id, name: t.name })), itemCount: input.items.length, changed, items: input.items },
      },
      tx,
    );
    return { action: input.action, items: input.items.length, tags: tags.length, changed };
  });
}
