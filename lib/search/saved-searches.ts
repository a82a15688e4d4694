// Saved searches: a named query (and sort) a user can rerun. Private ones are visible to their owner
// only (anyone else gets a 404, as if it did not exist); shared ones are listed for everyone. Only the
// owner changes a search; the owner or an admin deletes a visible one. Every change is audited in the
// same transaction as the change.
import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit/audit";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Prisma } from "@/lib/generated/prisma/client";
import { searchSortSchema, type CreateSavedSearchInput, type SavedSearchView, type UpdateSavedSearchInput } from "@/lib/search/schemas";
import type { SearchSort } from "@/lib/search/types";

type Meta = { ip?: string | null; requestId?: string };
type Tx = Prisma.TransactionClient;

const withOwner = { owner: { select: { id: true, name: true, email: true } } } as const;
type SavedSearchRow = Prisma.SavedSearchGetPayload<{ include: typeof withOwner }>;

/** The sort lives in `filters` (`{ sort }`), the column kept for structured state beside the query text. */
function readSort(filters: Prisma.JsonValue | null): SearchSort {
  const sort = filters && typeof filters === "object" && !Array.isArray(filters) ? filters.sort : undefined;
  const parsed = searchSortSchema.safeParse(sort);
  return parsed.success ? parsed.data : "relevance";
}

// Moderators (admins) may remove any search they can see: shared ones are what others could be misled by.
function mayDelete(row: { ownerId: string }, viewer: SessionUser): boolean {
  return row.ownerId === viewer.id || can(viewer.role, "search:moderate");
}

function toView(row: SavedSearchRow, viewer: SessionUser): SavedSearchView {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    sort: readSort(row.filters),
    shared: row.shared,
    mine: row.ownerId === viewer.id,
    canDelete: mayDelete(row, viewer),
    owner: row.owner,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const visibleTo = (viewer: SessionUser): Prisma.SavedSearchWhereInput => ({ OR: [{ ownerId: viewer.id }, { shared: true }] });

/** The viewer's own searches first, then those others shared; each group by name. */
export async function listSavedSearches(viewer: SessionUser): Promise<SavedSearchView[]> {
  const rows = await getDb().savedSearch.findMany({ where: visibleTo(viewer), include: withOwner, orderBy: [{ name: "asc" }, { createdAt: "asc" }] });
  const views = rows.map((r) => toView(r, viewer));
  return [...views.filter((v) => v.mine), ...views.filter((v) => !v.mine)];
}

async function findVisible(tx: Tx, id: string, viewer: SessionUser): Promise<SavedSearchRow> {
  const row = await tx.savedSearch.findFirst({ where: { id, ...visibleTo(viewer) }, include: withOwner });
  if (!row) throw new AppError("not_found", "Saved search not found");
  return row;
}

async function assertNameFree(tx: Tx, ownerId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await tx.savedSearch.findFirst({
    where: { ownerId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError("conflict", `You already have a saved search named "${name}"`);
}

export async function createSavedSearch(input: CreateSavedSearchInput, actor: SessionUser, meta: Meta = {}): Promise<SavedSearchView> {
  return getDb().$transaction(async (tx) => {
    await assertNameFree(tx, actor.id, input.name);
    const row = await tx.savedSearch.create({
      data: { name: input.name, query: input.query, filters: { sort: input.sort }, shared: input.shared, ownerId: actor.id },
      include: withOwner,
    });
    await recordAudit(
      {
        action: "saved_search.create",
        actor,
        target: { type: "saved_search", id: row.id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { name: row.name, query: row.query, sort: input.sort, shared: row.shared },
      },
      tx,
    );
    return toView(row, actor);
  });
}

export async function updateSavedSearch(id: string, input: UpdateSavedSearchInput, actor: SessionUser, meta: Meta = {}): Promise<SavedSearchView> {
  return getDb().$transaction(async (tx) => {
    const before = await findVisible(tx, id, actor);
    if (before.ownerId !== actor.id) throw new AppError("forbidden", "Only the owner can change a saved search");
    if (input.name !== undefined && input.name.toLowerCase() !== before.name.toLowerCase()) await assertNameFree(tx, actor.id, input.name, id);
    const beforeSort = readSort(before.filters);
    const row = await tx.savedSearch.update({
      where: { id },
      data: {
        name: input.name,
        query: input.query,
        shared: input.shared,
        filters: input.sort !== undefined ? { sort: input.sort } : undefined,
      },
      include: withOwner,
    });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (row.name !== before.name) changes.name = { from: before.name, to: row.name };
    if (row.query !== before.query) changes.query = { from: before.query, to: row.query };
    if (input.sort !== undefined && input.sort !== beforeSort) changes.sort = { from: beforeSort, to: input.sort };
    if (row.shared !== before.shared) changes.shared = { from: before.shared, to: row.shared };
    await recordAudit(
      { action: "saved_search.update", actor, target: { type: "saved_search", id }, ip: meta.ip, requestId: meta.requestId, details: { name: row.name, changes } },
      tx,
    );
    return toView(row, actor);
  });
}

export async function deleteSavedSearch(id: string, actor: SessionUser, meta: Meta = {}): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const row = await findVisible(tx, id, actor);
    if (!mayDelete(row, actor)) throw new AppError("forbidden", "Only the owner or an admin can delete a saved search");
    await tx.savedSearch.delete({ where: { id } });
    await recordAudit(
      {
        action: "saved_search.delete",
        actor,
        target: { type: "saved_search", id },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { name: row.name, query: row.query, shared: row.shared, owner: row.owner.email },
      },
      tx,
    );
  });
}

/** Records that a visible saved search was just rerun (by anyone who can see it). The search itself is audited as search.run. */
export async function markSavedSearchRun(id: string, viewer: SessionUser): Promise<SavedSearchView> {
  return getDb().$transaction(async (tx) => {
    await findVisible(tx, id, viewer);
    const row = await tx.savedSearch.update({ where: { id }, data: { lastRunAt: new Date() }, include: withOwner });
    return toView(row, viewer);
  });
}
