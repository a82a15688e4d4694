// Detail reads for GPTs (server components only).
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
