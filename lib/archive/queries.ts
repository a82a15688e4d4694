// Read queries over the captured archive for list and detail pages (server components only).
// Lists are keyset-paged on (lastActiveAt, id): stable under concurrent capture, no deep OFFSET.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export const conversationListQuery = z.object({
  cursor: z.string().max(200).optional(),
  q: z.string().trim().max(200).optional(),
  custodian: z.string().trim().max(200).optional(),
});

const PAGE = 50;

function encodeCursor(lastActiveAt: Date | null, id: string): string {
  return Buffer.from(JSON.stringify([lastActiveAt?.toISOString() ?? null, id])).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date | null; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string | null, string];
    return typeof id === "string" ? { at: at ? new Date(at) : null, id } : null;
  } catch {
    return null;
  }
}

export async function listConversations(input: z.infer<typeof conversationListQuery>) {
  const where: Prisma.ConversationWhereInput = {};
  if (input.q) where.title = { contains: input.q, mode: "insensitive" };
  if (input.custodian) where.OR = [{ userEmail: { contains: input.custodian, mode: "insensitive" } }, { userId: input.custodian }];
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !cursor) throw new AppError("invalid", "Invalid page cursor");
  if (cursor) {
    // Newest first, nulls last: rows after the cursor in (lastActiveAt desc nulls last, id desc) order.
    const after: Prisma.ConversationWhereInput[] = cursor.at
      ? [{ lastActiveAt: { lt: cursor.at } }, { lastActiveAt: cursor.at, id: { lt: cursor.id } }, { lastActiveAt: null }]
      : [{ lastActiveAt: null, id: { lt: cursor.id } }];
    where.AND = [{ OR: after }];
  }
  const rows = await getDb().conversation.findMany({
    where,
    orderBy: [{ lastActiveAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    take: PAGE + 1,
    select: { id: true, title: true, userId: true, userEmail: true, messageCount: true, lastActiveAt: true, createdAtSource: true, deletedAtSource: true, currentVersion: true },
  });
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  return { conversations: page, nextCursor: rows.length > PAGE && last ? encodeCursor(last.lastActiveAt, last.id) : null };
}

const threadSelect = {
  id: true,
  parentId: true,
  authorRole: true,
  toolName: true,
  contentType: true,
  text: true,
  createdAtSource: true,
  gptId: true,
  projectId: true,
  hasFiles: true,
  isActiveBranch: true,
  deletedAtSource: true,
} as const;

/**
 * A conversation with one thread: the active branch, or — when `focusId` names a message off the active
 * branch (a search hit on an edited prompt or a regenerated answer) — the branch through that message:
 * its ancestors, then from it down the newest child at each step. The full tree and branch switching come
 * with the reader.
 */
export async function getConversationThread(id: string, focusId?: string | null) {
  const db = getDb();
  const conversation = await db.conversation.findUnique({ where: { id } });
  if (!conversation) return null;
  const totalMessages = await db.message.count({ where: { conversationId: id } });
  const focus = focusId ? await db.message.findFirst({ where: { id: focusId, conversationId: id }, select: { id: true, isActiveBranch: true } }) : null;
  if (!focus || focus.isActiveBranch) {
    const messages = await db.message.findMany({ where: { conversationId: id, isActiveBranch: true }, orderBy: [{ depth: "asc" }], select: threadSelect });
    return { conversation, messages, totalMessages, onActiveBranch: true };
  }
  const nodes = await db.message.findMany({ where: { conversationId: id }, select: { id: true, parentId: true, createdAtSource: true } });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, typeof nodes>();
  for (const n of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const path: string[] = [];
  const seen = new Set<string>();
  for (let cur = byId.get(focus.id); cur && !seen.has(cur.id); cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
    seen.add(cur.id);
    path.unshift(cur.id);
  }
  for (let cur = focus.id; ; ) {
    const next = (children.get(cur) ?? []).filter((c) => !seen.has(c.id)).sort((a, b) => (b.createdAtSource?.getTime() ?? 0) - (a.createdAtSource?.getTime() ?? 0))[0];
    if (!next) break;
    seen.add(next.id);
    path.push(next.id);
    cur = next.id;
  }
  const rows = await db.message.findMany({ where: { id: { in: path } }, select: threadSelect });
  const order = new Map(path.map((mid, i) => [mid, i]));
  return { conversation, messages: rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!), totalMessages, onActiveBranch: false };
}
