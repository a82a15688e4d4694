// Detail reads for custodians — workspace users (server components only).
import "server-only";
import { getDb } from "@/lib/db";

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
