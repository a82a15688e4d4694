// Review rows (tags, flags, comments, status) point at archive items by (itemType, itemId). This module
// owns that reference: its zod schemas, the existence check every write makes before touching review
// tables, the outbox rows that carry a review change into the search index (same transaction as the
// change), the short labels the review queue shows, and the one-item review summary.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** The item types a reviewer can act on (project configuration versions are reviewed through their project). */
export const reviewItemTypes = ["CONVERSATION", "MESSAGE", "GPT", "GPT_CONFIG", "PROJECT", "MEMORY", "FILE"] as const;
export type ReviewItemType = (typeof reviewItemTypes)[number];

export const itemRefSchema = z.object({
  itemType: z.enum(reviewItemTypes),
  itemId: z.string().min(1).max(200),
});
export type ItemRef = z.infer<typeof itemRefSchema>;

const refKey = (r: ItemRef) => `${r.itemType}\u0000${r.itemId}`;

/** Removes repeated references, keeping the first occurrence's order. */
export function dedupeRefs(refs: ItemRef[]): ItemRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(refKey(r)) ? false : (seen.add(refKey(r)), true)));
}

export const itemRefListSchema = z.array(itemRefSchema).min(1, "Select at least one item").max(500, "At most 500 items at a time").transform(dedupeRefs);

function idsOf(refs: ItemRef[], type: ReviewItemType): string[] {
  return refs.filter((r) => r.itemType === type).map((r) => r.itemId);
}

type IdRow = { id: string };
const finders: Record<ReviewItemType, (tx: Tx, ids: string[]) => Promise<IdRow[]>> = {
  CONVERSATION: (tx, ids) => tx.conversation.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  MESSAGE: (tx, ids) => tx.message.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  GPT: (tx, ids) => tx.gpt.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  GPT_CONFIG: (tx, ids) => tx.gptConfigVersion.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  PROJECT: (tx, ids) => tx.project.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  MEMORY: (tx, ids) => tx.memory.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  FILE: (tx, ids) => tx.sourceFile.findMany({ where: { id: { in: ids } }, select: { id: true } }),
};

/** Throws not_found naming the first missing item; one query per item type present. */
export async function assertItemsExist(tx: Tx, refs: ItemRef[]): Promise<void> {
  for (const type of reviewItemTypes) {
    const ids = idsOf(refs, type);
    if (!ids.length) continue;
    const found = new Set((await finders[type](tx, ids)).map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      const more = missing.length > 1 ? ` (and ${missing.length - 1} more)` : "";
      throw new AppError("not_found", `${type} ${missing[0]} is not in the archive${more}`, { missing: missing.slice(0, 20).map((itemId) => ({ itemType: type, itemId })) });
    }
  }
}

/** The audit target of a change to these items: the item itself when there is one, none for a bulk change (its details list them). */
export function auditTargetOf(refs: ItemRef[]): { type: string; id: string } | undefined {
  return refs.length === 1 ? { type: refs[0].itemType.toLowerCase(), id: refs[0].itemId } : undefined;
}

/** Queues the items for reindexing; the indexer expands a conversation to its messages and files. */
export async function enqueueIndex(tx: Tx, refs: ItemRef[]): Promise<void> {
  if (!refs.length) return;
  await tx.indexOutbox.createMany({ data: refs.map((r) => ({ itemType: r.itemType, itemId: r.itemId })) });
}

/** Prisma filter matching any of the references (grouped by type so it stays one IN per type). */
export function whereItems(refs: ItemRef[]): { OR: { itemType: ReviewItemType; itemId: { in: string[] } }[] } {
  return {
    OR: reviewItemTypes.filter((t) => idsOf(refs, t).length).map((itemType) => ({ itemType, itemId: { in: idsOf(refs, itemType) } })),
  };
}

// ---- labels and link targets ----------------------------------------------------------------------------

export type ItemLabel = {
  itemType: ReviewItemType;
  itemId: string;
  /** Conversation title, GPT name, memory snippet or file name; null when the item has none (or is gone). */
  label: string | null;
  conversationId: string | null;
  messageId: string | null;
  gptId: string | null;
  projectId: string | null;
  /** The workspace user the item belongs to (conversation owner, GPT owner, memory owner…). */
  userId: string | null;
};

const SNIPPET = 80;
const snippet = (text: string | null | undefined) => (text == null ? null : text.length > SNIPPET ? `${text.slice(0, SNIPPET - 1)}…` : text);

/** Labels and link targets for the references, in their order; a few queries per type present. */
export async function describeItems(refs: ItemRef[]): Promise<ItemLabel[]> {
  const db = getDb();
  const out = new Map<string, ItemLabel>();
  const put = (itemType: ReviewItemType, itemId: string, fields: Partial<ItemLabel>) =>
    out.set(refKey({ itemType, itemId }), { itemType, itemId, label: null, conversationId: null, messageId: null, gptId: null, projectId: null, userId: null, ...fields });

  const conversations = idsOf(refs, "CONVERSATION");
  if (conversations.length) {
    for (const c of await db.conversation.findMany({ where: { id: { in: conversations } }, select: { id: true, title: true, userId: true } })) {
      put("CONVERSATION", c.id, { label: c.title, conversationId: c.id, userId: c.userId });
    }
  }
  const messages = idsOf(refs, "MESSAGE");
  if (messages.length) {
    const rows = await db.message.findMany({
      where: { id: { in: messages } },
      select: { id: true, text: true, conversationId: true, gptId: true, conversation: { select: { title: true, userId: true } } },
    });
    for (const m of rows) {
      put("MESSAGE", m.id, { label: m.conversation.title ?? snippet(m.text), conversationId: m.conversationId, messageId: m.id, gptId: m.gptId, userId: m.conversation.userId });
    }
  }
  const gpts = idsOf(refs, "GPT");
  if (gpts.length) {
    for (const g of await db.gpt.findMany({ where: { id: { in: gpts } }, select: { id: true, name: true, ownerId: true } })) {
      put("GPT", g.id, { label: g.name, gptId: g.id, userId: g.ownerId });
    }
  }
  const configs = idsOf(refs, "GPT_CONFIG");
  if (configs.length) {
    const rows = await db.gptConfigVersion.findMany({ where: { id: { in: configs } }, select: { id: true, name: true, gptId: true, gpt: { select: { name: true, ownerId: true } } } });
    for (const v of rows) put("GPT_CONFIG", v.id, { label: v.name ?? v.gpt.name, gptId: v.gptId, userId: v.gpt.ownerId });
  }
  const projects = idsOf(refs, "PROJECT");
  if (projects.length) {
    for (const p of await db.project.findMany({ where: { id: { in: projects } }, select: { id: true, name: true, ownerId: true } })) {
      put("PROJECT", p.id, { label: p.name, projectId: p.id, userId: p.ownerId });
    }
  }
  const memories = idsOf(refs, "MEMORY");
  if (memories.length) {
    for (const m of await db.memory.findMany({ where: { id: { in: memories } }, select: { id: true, content: true, userId: true } })) {
      put("MEMORY", m.id, { label: snippet(m.content), userId: m.userId });
    }
  }
  const files = idsOf(refs, "FILE");
  if (files.length) {
    for (const f of await db.sourceFile.findMany({ where: { id: { in: files } }, select: { id: true, name: true, conversationId: true, userId: true } })) {
      put("FILE", f.id, { label: f.name ?? f.id, conversationId: f.conversationId, userId: f.userId });
    }
  }
  return refs.map((r) => out.get(refKey(r)) ?? { ...r, label: null, conversationId: null, messageId: null, gptId: null, projectId: null, userId: null });
}

// ---- one item's review state ----------------------------------------------------------------------------

type Person = { id: string; name: string; email: string };

export type FlagView = {
  id: string;
  reason: string;
  createdAt: string;
  createdBy: Person;
  resolvedAt: string | null;
  resolvedBy: Person | null;
};

export type ItemReview = {
  item: ItemRef;
  tags: { id: string; name: string; color: string }[];
  flags: { open: FlagView[]; resolved: FlagView[] };
  status: { status: "UNREVIEWED" | "IN_REVIEW" | "REVIEWED" | "ESCALATED"; assignee: Person | null; updatedAt: string | null; updatedBy: Person | null };
  commentCount: number;
};

const person = { select: { id: true, name: true, email: true } } as const;

/** Everything review-related for one item: tags, flags (open first), status and assignee, comment count. */
export async function getItemReview(ref: ItemRef): Promise<ItemReview> {
  const db = getDb();
  await assertItemsExist(db, [ref]);
  const where = { itemType: ref.itemType, itemId: ref.itemId };
  const [itemTags, flags, status, commentCount] = await Promise.all([
    db.itemTag.findMany({ where, include: { tag: true }, orderBy: { tag: { name: "asc" } } }),
    db.flag.findMany({ where, include: { createdBy: person }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    db.reviewStatus.findUnique({ where: { itemType_itemId: where }, include: { assignee: person } }),
    db.comment.count({ where }),
  ]);
  const userIds = [...new Set([...flags.map((f) => f.resolvedById), status?.updatedById].filter((id): id is string => !!id))];
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds } }, ...person })).map((u) => [u.id, u]));
  const flagView = (f: (typeof flags)[number]): FlagView => ({
    id: f.id,
    reason: f.reason,
    createdAt: f.createdAt.toISOString(),
    createdBy: f.createdBy,
    resolvedAt: f.resolvedAt?.toISOString() ?? null,
    resolvedBy: f.resolvedById ? (users.get(f.resolvedById) ?? null) : null,
  });
  return {
    item: ref,
    tags: itemTags.map((t) => ({ id: t.tag.id, name: t.tag.name, color: t.tag.color })),
    flags: { open: flags.filter((f) => !f.resolvedAt).map(flagView), resolved: flags.filter((f) => f.resolvedAt).map(flagView) },
    status: {
      status: status?.status ?? "UNREVIEWED",
      assignee: status?.assignee ?? null,
      updatedAt: status?.updatedAt.toISOString() ?? null,
      updatedBy: status?.updatedById ? (users.get(status.updatedById) ?? null) : null,
    },
    commentCount,
  };
}
