// The people review work can be assigned to: enabled users whose role may review. Shown in assignee
// pickers (names and e-mails only; nothing else about the account).
import "server-only";
import { getDb } from "@/lib/db";
import { can, isRole } from "@/lib/auth/permissions";

export type Reviewer = { id: string; name: string; email: string };

export async function listReviewers(): Promise<Reviewer[]> {
  const rows = await getDb().user.findMany({
    where: { disabledAt: null },
    select: { id: true, name: true, email: true, role: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
  return rows.filter((u) => isRole(u.role) && can(u.role, "review:write")).map(({ id, name, email }) => ({ id, name, email }));
}
