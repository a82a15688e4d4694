// Exports: creating one (an ExportJob row, QUEUED, audited in the same transaction, then the
// `export.build` job), listing and reading them (the creator sees their own, admins see all; anyone else
// gets a 404, not a 403, so ids do not leak), downloading (audited, only while the ZIP exists and has not
// expired), discarding, and the periodic deletion of expired ZIPs (the row and its SHA-256 stay).
import "server-only";
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit/audit";
import type { SessionUser } from "@/lib/auth/session-user";
import type { ExportJob, Prisma } from "@/lib/generated/prisma/client";
import { exportZipPath } from "@/lib/exports/build";
import type { CreateExportInput, ExportItemRef, ExportProgress, ExportView } from "@/lib/exports/schemas";

type Meta = { ip?: string | null; requestId?: string };
type Row = ExportJob & { createdBy: { id: string; name: string; email: string } };

const withCreator = { createdBy: { select: { id: true, name: true, email: true } } } as const;

/** A refusal with an export-specific code (`export_expired`, `export_not_ready`…) and its HTTP status. */
export class ExportStateError extends Error {
  constructor(
    readonly status: 409 | 410,
    readonly code: "export_not_ready" | "export_failed" | "export_discarded" | "export_expired",
    message: string,
  ) {
    super(message);
    this.name = "ExportStateError";
  }
}

function isDownloadable(row: ExportJob, now: Date): boolean {
  return row.status === "SUCCEEDED" && !!row.storageKey && !!row.expiresAt && row.expiresAt > now;
}

export function toExportView(row: Row, now = new Date()): ExportView {
  const downloadable = isDownloadable(row, now);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    params: row.params,
    status: row.status,
    progress: (row.progress as ExportProgress | null) ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    isDownloadable: downloadable,
    isExpired: row.status === "SUCCEEDED" && !downloadable,
    itemCount: row.itemCount,
    sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
    sha256: row.sha256,
    error: row.error,
  };
}

const canSee = (row: { createdById: string }, user: SessionUser) => row.createdById === user.id || user.role === "ADMIN";

async function assertSelectionExists(items: ExportItemRef[]): Promise<void> {
  const db = getDb();
  const finders: Record<ExportItemRef["itemType"], (ids: string[]) => Promise<{ id: string }[]>> = {
    CONVERSATION: (ids) => db.conversation.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    MESSAGE: (ids) => db.message.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    GPT: (ids) => db.gpt.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    GPT_CONFIG: (ids) => db.gptConfigVersion.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    PROJECT: (ids) => db.project.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    PROJECT_CONFIG: (ids) => db.projectConfigVersion.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    MEMORY: (ids) => db.memory.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    FILE: (ids) => db.sourceFile.findMany({ where: { id: { in: ids } }, select: { id: true } }),
  };
  for (const type of Object.keys(finders) as ExportItemRef["itemType"][]) {
    const ids = items.filter((i) => i.itemType === type).map((i) => i.itemId);
    if (!ids.length) continue;
    const found = new Set((await finders[type](ids)).map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new AppError("not_found", `${type} ${missing[0]} is not in the archive${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ""}`);
  }
}

export async function createExport(input: CreateExportInput, actor: SessionUser, meta: Meta = {}): Promise<ExportView> {
  const db = getDb();
  if (input.kind === "HOLD") {
    const hold = await db.legalHold.findUnique({ where: { id: input.params.holdId }, select: { status: true } });
    if (!hold) throw new AppError("not_found", "Hold not found");
    if (hold.status === "DRAFT") throw new AppError("invalid", "A draft hold holds nothing yet: activate it before exporting it");
  }
  if (input.kind === "SELECTION") await assertSelectionExists(input.params.items);

  const row = await db.$transaction(async (tx) => {
    const created = await tx.exportJob.create({
      data: { name: input.name, kind: input.kind, params: input.params as Prisma.InputJsonValue, createdById: actor.id, progress: { phase: "queued", done: 0, total: 0 } },
      include: withCreator,
    });
    const details: Record<string, unknown> = { name: input.name, kind: input.kind };
    if (input.kind === "SEARCH") Object.assign(details, { query: input.params.query, sort: input.params.sort });
    if (input.kind === "HOLD") details.holdId = input.params.holdId;
    if (input.kind === "SELECTION") Object.assign(details, { itemCount: input.params.items.length, items: input.params.items.slice(0, 50) });
    await recordAudit({ action: "export.create", actor, target: { type: "export", id: created.id }, ip: meta.ip, requestId: meta.requestId, details }, tx);
    return created;
  });

  try {
    const { enqueueJob } = await import("@/lib/jobs/boss");
    await enqueueJob("export.build", { exportId: row.id }, { singletonKey: row.id });
  } catch (err) {
    console.error(`[exports] could not queue export ${row.id}:`, err);
    await db.exportJob.update({ where: { id: row.id }, data: { status: "FAILED", finishedAt: new Date(), error: "The export could not be queued" } });
    throw new AppError("unavailable", "The export could not be queued; try again");
  }
  return toExportView(row);
}

export async function listExports(user: SessionUser, limit = 200): Promise<ExportView[]> {
  const rows = await getDb().exportJob.findMany({
    where: user.role === "ADMIN" ? {} : { createdById: user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    include: withCreator,
  });
  const now = new Date();
  return rows.map((r) => toExportView(r, now));
}

async function getVisibleRow(id: string, user: SessionUser): Promise<Row> {
  const row = await getDb().exportJob.findUnique({ where: { id }, include: withCreator });
  if (!row || !canSee(row, user)) throw new AppError("not_found", "Export not found");
  return row;
}

export async function getExport(id: string, user: SessionUser): Promise<ExportView> {
  return toExportView(await getVisibleRow(id, user));
}

export type ExportDownload = { view: ExportView; fileName: string; size: number; stream: Readable };

/** Opens the ZIP for the creator or an admin; ExportStateError while building, after failure or expiry. */
export async function openExportDownload(id: string, user: SessionUser): Promise<ExportDownload> {
  const row = await getVisibleRow(id, user);
  const now = new Date();
  if (row.status === "QUEUED" || row.status === "RUNNING") throw new ExportStateError(409, "export_not_ready", "The export is still being built; download it when it has finished");
  if (row.status === "FAILED") throw new ExportStateError(409, "export_failed", `The export failed: ${row.error ?? "unknown error"}`);
  if (row.status === "CANCELLED") throw new ExportStateError(410, "export_discarded", "The export was discarded");
  if (!isDownloadable(row, now)) throw new ExportStateError(410, "export_expired", `The export expired${row.expiresAt ? ` at ${row.expiresAt.toISOString()}` : ""}; create it again to download it`);
  const file = exportZipPath(row.storageKey!);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new ExportStateError(410, "export_expired", "The export's file is no longer in storage; create it again to download it");
  }
  const safeName = row.name.replace(/[^A-Za-z0-9._ -]/g, "_").replace(/\s+/g, "-").slice(0, 80) || "export";
  return { view: toExportView(row, now), fileName: `${safeName}-${row.id}.zip`, size, stream: createReadStream(file) };
}

/** Discards an export: a queued or running build is cancelled, the ZIP (if any) deleted; the row stays. */
export async function discardExport(id: string, user: SessionUser, meta: Meta = {}): Promise<ExportView> {
  const db = getDb();
  const row = await getVisibleRow(id, user);
  const now = new Date();
  const updated = await db.$transaction(async (tx) => {
    const active = row.status === "QUEUED" || row.status === "RUNNING";
    const next = await tx.exportJob.update({
      where: { id },
      data: {
        ...(active ? { status: "CANCELLED" as const, finishedAt: now, error: `Discarded by ${user.email}` } : {}),
        storageKey: null,
        expiresAt: row.expiresAt && row.expiresAt < now ? row.expiresAt : row.status === "SUCCEEDED" ? now : row.expiresAt,
      },
      include: withCreator,
    });
    await recordAudit(
      { action: "export.discard", actor: user, target: { type: "export", id }, ip: meta.ip, requestId: meta.requestId, details: { previousStatus: row.status, sha256: row.sha256 } },
      tx,
    );
    return next;
  });
  if (row.storageKey) await rm(exportZipPath(row.storageKey), { force: true });
  return toExportView(updated, now);
}

/** The `export.expire` job: deletes the ZIPs of exports past their expiry (keyset batches), keeping the rows. */
export async function expireExports(now = new Date(), batchSize = 100): Promise<{ deleted: string[] }> {
  const db = getDb();
  const deleted: string[] = [];
  let after = "";
  for (;;) {
    const rows = await db.exportJob.findMany({
      where: { storageKey: { not: null }, expiresAt: { lte: now }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, storageKey: true, sha256: true },
    });
    if (!rows.length) break;
    for (const r of rows) {
      await rm(exportZipPath(r.storageKey!), { force: true });
      const { count } = await db.exportJob.updateMany({ where: { id: r.id, storageKey: r.storageKey }, data: { storageKey: null } });
      if (count) deleted.push(r.id);
    }
    after = rows[rows.length - 1].id;
    if (rows.length < batchSize) break;
  }
  if (deleted.length) {
    await recordAudit({ action: "export.expire", details: { count: deleted.length, exportIds: deleted.slice(0, 200) } });
  }
  return { deleted };
}
