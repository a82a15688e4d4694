// Shared bookkeeping for streams the API can only list in full (users, GPTs, projects, memories):
// the listing's start time survives a crash (checkpoint state) so that "not seen since the listing began"
// identifies exactly the objects the source no longer has.
import type { ParsedItem } from "@/lib/compliance-api/client";
import { getIngestPool } from "@/lib/ingest/pg";
import type { SyncContext } from "@/lib/ingest/types";

/** Tables whose rows carry sourceId, lastSeenAt and deletedAtSource and are listed in full. */
export type ListedTable = "WorkspaceUser" | "Gpt" | "Project" | "Memory";

export async function beginListing(ctx: SyncContext): Promise<Date> {
  const cp = await ctx.getCheckpoint();
  const resumed = typeof cp.state?.listingStartedAt === "string" ? new Date(cp.state.listingStartedAt) : null;
  if (resumed) return resumed;
  // The database clock, not ours: lastSeenAt is written with now(), and the two are compared.
  const { rows } = await getIngestPool().query<{ now: Date }>("SELECT now() AS now");
  const startedAt = rows[0].now;
  await ctx.saveCheckpoint({ state: { ...(cp.state ?? {}), listingStartedAt: startedAt.toISOString() } });
  return startedAt;
}

/** Objects whose record failed validation are still present at the source: keep them from being marked deleted. */
export async function touchQuarantined(ctx: SyncContext, table: ListedTable, items: ParsedItem<unknown>[]): Promise<void> {
  const ids = items
    .filter((i) => !i.ok)
    .map((i) => (i.raw && typeof i.raw === "object" ? (i.raw as { id?: unknown }).id : null))
    .filter((id): id is string => typeof id === "string");
  if (!ids.length) return;
  const key = table === "Memory" ? `"userId"` : "id";
  await getIngestPool().query(`UPDATE "${table}" SET "lastSeenAt" = now() WHERE "sourceId" = $1 AND ${key} = ANY($2::text[])`, [ctx.source.id, ids]);
}

/** Marks what the completed listing did not return, clears the listing state and returns how many. */
export async function finishListing(ctx: SyncContext, table: Exclude<ListedTable, "Memory">, listingStartedAt: Date): Promise<number> {
  const { rowCount } = await getIngestPool().query(
    `UPDATE "${table}" SET "deletedAtSource" = now()
     WHERE "sourceId" = $1 AND "lastSeenAt" < $2 AND "deletedAtSource" IS NULL`,
    [ctx.source.id, listingStartedAt.toISOString()],
  );
  const cp = await ctx.getCheckpoint();
  const { listingStartedAt: _done, ...rest } = cp.state ?? {};
  await ctx.saveCheckpoint({ watermark: listingStartedAt, state: rest });
  return rowCount ?? 0;
}
