// Detail reads for a GPT and a custodian (server components only). The full GPT page (diffs between
// versions, tools, files, sharing) and custodian page (activity chart, memory timeline) build on these.
import "server-only";
import { getDb } from "@/lib/db";

/** A GPT with every captured configuration version (newest first) and its owner. */
export async function getGptWithVersions(id: string) {
  const db = getDb();
  const gpt = await db.gpt.findUnique({ where: { id } });
  if (!gpt) return null;
  const configs = await db.gptConfigVersion.findMany({
    where: { gptId: id },
    orderBy: [{ firstSeenAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      configId: true,
      name: true,
      description: true,
      instructions: true,
      categories: true,
      conversationStarters: true,
      createdAtSource: true,
      firstSeenAt: true,
      sha256: true,
      deletedAtSource: true,
    },
  });
  const owner = gpt.ownerId ? await db.workspaceUser.findUnique({ where: { id: gpt.ownerId }, select: { id: true, name: true, email: true } }) : null;
  const conversations = await db.message.findMany({ where: { gptId: id }, distinct: ["conversationId"], select: { conversationId: true }, take: 1000 });
  return { gpt, configs, owner, conversationCount: conversations.length };
}

/** A custodian (workspace user) with their memories and what they own. */
export async function getCustodian(id: string) {
  const db = getDb();
  const user = await db.workspaceUser.findUnique({ where: { id } });
  if (!user) return null;
  const [memories, conversations, gpts] = await Promise.all([
    db.memory.findMany({
      where: { userId: id },
      orderBy: [{ updatedAtSource: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      select: { id: true, content: true, updatedAtSource: true, currentVersion: true, deletedAtSource: true },
    }),
    db.conversation.count({ where: { userId: id } }),
    db.gpt.findMany({ where: { ownerId: id }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { user, memories, conversations, gpts };
}
