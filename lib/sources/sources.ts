// Sources (one ChatGPT Enterprise workspace each) and their API-key authorizations. A key is tested
// against the API before it is stored, stored only encrypted (lib/crypto/secret-box), and never leaves
// the server: responses, logs and audit events carry its last four characters at most. One authorization
// is active per source; creating a new one revokes the old, and revoking stops capture at once (the
// running sync checks between pages).
import "server-only";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/audit/audit";
import { ComplianceClient } from "@/lib/compliance-api/client";
import { isComplianceApiError } from "@/lib/compliance-api/errors";
import { encryptSecret, lastFour } from "@/lib/crypto/secret-box";
import type { SessionUser } from "@/lib/auth/session-user";
import { DEFAULT_API_BASE_URL, type CreateSourceInput, type UpdateSourceInput } from "@/lib/sources/schemas";
import type { Prisma, SyncRun, SyncRunStream } from "@/lib/generated/prisma/client";

type Meta = { ip?: string | null; requestId?: string };

export type { AuthorizationSummary, RunSummary, SourceHealth, SourceSummary, StreamSummary } from "@/lib/sources/types";
import type { AuthorizationSummary, RunSummary, SourceHealth, SourceSummary } from "@/lib/sources/types";

const STREAM_ORDER = ["users", "gpts", "projects", "conversations", "memories"];

export function toRunSummary(run: SyncRun & { streams: SyncRunStream[] }): RunSummary {
  return {
    id: run.id,
    sourceId: run.sourceId,
    trigger: run.trigger,
    status: run.status,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    requestCount: run.requestCount,
    progress: (run.progress as RunSummary["progress"]) ?? null,
    error: run.error,
    streams: [...run.streams]
      .sort((a, b) => STREAM_ORDER.indexOf(a.stream) - STREAM_ORDER.indexOf(b.stream))
      .map((s) => ({
        stream: s.stream,
        status: s.status,
        listed: s.listed,
        created: s.created,
        changed: s.changed,
        unchanged: s.unchanged,
        deleted: s.deleted,
        quarantined: s.quarantined,
        files: s.files,
        errors: s.errors,
      })),
  };
}

function computeHealth(source: { captureEnabled: boolean; lastSuccessfulSyncAt: Date | null }, hasAuth: boolean, lastRun: RunSummary | null): SourceHealth {
  if (!hasAuth) return { state: "no_authorization", message: "No active authorization: create one to start capture" };
  if (!source.captureEnabled) return { state: "disabled", message: "Capture is paused" };
  const staleDays = getEnv().CAPTURE_STALE_DAYS;
  if (!source.lastSuccessfulSyncAt) {
    return lastRun?.status === "FAILED" ? { state: "failing", message: lastRun.error ?? "The last sync failed" } : { state: "never", message: "Not synced yet" };
  }
  const ageDays = (Date.now() - source.lastSuccessfulSyncAt.getTime()) / 86_400_000;
  if (ageDays > staleDays) {
    return { state: "stale", message: `Last successful sync ${Math.floor(ageDays)} days ago (alarm after ${staleDays}); the API keeps deleted chats only 30 days` };
  }
  if (lastRun?.status === "FAILED") return { state: "failing", message: lastRun.error ?? "The last sync failed" };
  return { state: "ok", message: "Capturing" };
}

async function countsFor(sourceId: string): Promise<SourceSummary["counts"]> {
  const db = getDb();
  const [users, conversations, messages, gpts, projects, memories, files, openCaptureErrors] = await Promise.all([
    db.workspaceUser.count({ where: { sourceId } }),
    db.conversation.count({ where: { sourceId } }),
    db.message.count({ where: { sourceId } }),
    db.gpt.count({ where: { sourceId } }),
    db.project.count({ where: { sourceId } }),
    db.memory.count({ where: { sourceId } }),
    db.sourceFile.count({ where: { sourceId, status: "STORED" } }),
    db.captureError.count({ where: { sourceId, resolvedAt: null } }),
  ]);
  return { users, conversations, messages, gpts, projects, memories, files, openCaptureErrors };
}

const sourceInclude = {
  authorizations: { where: { revokedAt: null }, orderBy: { createdAt: "desc" }, take: 1 },
  syncRuns: { orderBy: { queuedAt: "desc" }, take: 1, include: { streams: true } },
} satisfies Prisma.SourceInclude;

type SourceWithRelations = Prisma.SourceGetPayload<{ include: typeof sourceInclude }>;

async function summarize(source: SourceWithRelations): Promise<SourceSummary> {
  const auth = source.authorizations[0];
  const creator = auth?.createdById ? await getDb().user.findUnique({ where: { id: auth.createdById }, select: { email: true } }) : null;
  const lastRun = source.syncRuns[0] ? toRunSummary(source.syncRuns[0]) : null;
  return {
    id: source.id,
    name: source.name,
    type: source.type,
    description: source.description,
    workspaceId: source.workspaceId,
    apiBaseUrl: source.apiBaseUrl,
    captureEnabled: source.captureEnabled,
    isDemo: source.isDemo,
    createdAt: source.createdAt.toISOString(),
    lastSyncAt: source.lastSyncAt?.toISOString() ?? null,
    lastSuccessfulSyncAt: source.lastSuccessfulSyncAt?.toISOString() ?? null,
    authorization: auth
      ? {
          id: auth.id,
          last4: auth.last4,
          status: auth.status,
          lastTestedAt: auth.lastTestedAt?.toISOString() ?? null,
          lastTestMessage: auth.lastTestMessage,
          createdAt: auth.createdAt.toISOString(),
          createdByEmail: creator?.email ?? null,
        }
      : null,
    lastRun,
    health: computeHealth(source, Boolean(auth?.encryptedSecret), lastRun),
    counts: await countsFor(source.id),
  };
}

export async function listSources(): Promise<SourceSummary[]> {
  const sources = await getDb().source.findMany({ include: sourceInclude, orderBy: { createdAt: "asc" } });
  return Promise.all(sources.map(summarize));
}

export async function getSource(id: string): Promise<SourceSummary> {
  const source = await getDb().source.findUnique({ where: { id }, include: sourceInclude });
  if (!source) throw new AppError("not_found", "Source not found");
  return summarize(source);
}

export async function createSource(input: CreateSourceInput, actor: SessionUser | null, meta: Meta = {}, options: { isDemo?: boolean; unpaced?: boolean } = {}): Promise<SourceSummary> {
  const apiBaseUrl = input.apiBaseUrl ?? DEFAULT_API_BASE_URL;
  const created = await getDb().$transaction(async (tx) => {
    if (await tx.source.findUnique({ where: { workspaceId_apiBaseUrl: { workspaceId: input.workspaceId, apiBaseUrl } } })) {
      throw new AppError("conflict", "A source for this workspace and API already exists");
    }
    const source = await tx.source.create({
      data: {
        name: input.name,
        description: input.description ?? null,
        workspaceId: input.workspaceId.toLowerCase(),
        apiBaseUrl,
        createdById: actor?.id,
        isDemo: options.isDemo ?? false,
        // 0 = no client-side pacing: only for the bundled simulator (demo), never for the real API.
        listRateLimit: options.unpaced ? 0 : null,
      },
    });
    await recordAudit(
      { action: "source.create", actor, target: { type: "source", id: source.id }, ip: meta.ip, requestId: meta.requestId, details: { name: source.name, workspaceId: source.workspaceId, apiBaseUrl } },
      tx,
    );
    return source;
  });
  return getSource(created.id);
}

export async function updateSource(id: string, input: UpdateSourceInput, actor: SessionUser, meta: Meta = {}): Promise<SourceSummary> {
  await getDb().$transaction(async (tx) => {
    const before = await tx.source.findUnique({ where: { id } });
    if (!before) throw new AppError("not_found", "Source not found");
    const after = await tx.source.update({ where: { id }, data: { name: input.name, description: input.description, captureEnabled: input.captureEnabled, apiBaseUrl: input.apiBaseUrl } });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ["name", "description", "captureEnabled", "apiBaseUrl"] as const) {
      if (input[key] !== undefined && before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
    }
    const action = changes.captureEnabled ? (after.captureEnabled ? "source.capture_enable" : "source.capture_disable") : "source.update";
    await recordAudit({ action, actor, target: { type: "source", id }, ip: meta.ip, requestId: meta.requestId, details: { changes } }, tx);
  });
  return getSource(id);
}

/** Tests a key against the source's API; throws AppError("invalid") with a message an admin can act on. */
export async function testApiKey(source: { apiBaseUrl: string; workspaceId: string }, secret: string): Promise<void> {
  const client = new ComplianceClient({ baseUrl: source.apiBaseUrl, workspaceId: source.workspaceId, apiKey: secret, limits: null, maxAttempts: 2, timeoutMs: 20_000, retryBaseMs: 200, retryMaxMs: 1000 });
  try {
    await client.testConnection();
  } catch (err) {
    if (isComplianceApiError(err)) {
      const message = err.kind === "network" ? `Could not reach the Compliance API at ${source.apiBaseUrl}: ${err.message}` : err.message;
      throw new AppError("invalid", message);
    }
    throw err;
  }
}

export async function createAuthorization(sourceId: string, secret: string, actor: SessionUser | null, meta: Meta = {}): Promise<AuthorizationSummary> {
  const db = getDb();
  const source = await db.source.findUnique({ where: { id: sourceId } });
  if (!source) throw new AppError("not_found", "Source not found");
  try {
    await testApiKey(source, secret);
  } catch (err) {
    await recordAudit({
      action: "source.authorization_create",
      actor,
      target: { type: "source", id: sourceId },
      outcome: "FAILURE",
      ip: meta.ip,
      requestId: meta.requestId,
      details: { last4: lastFour(secret), reason: err instanceof Error ? err.message : "connection test failed" },
    });
    throw err;
  }
  const { sealed, keyId } = encryptSecret(secret);
  const auth = await db.$transaction(async (tx) => {
    const previous = await tx.sourceAuthorization.findMany({ where: { sourceId, revokedAt: null }, select: { id: true } });
    if (previous.length) {
      await tx.sourceAuthorization.updateMany({
        where: { id: { in: previous.map((p) => p.id) } },
        data: { revokedAt: new Date(), revokedById: actor?.id, status: "REVOKED", encryptedSecret: null },
      });
    }
    const created = await tx.sourceAuthorization.create({
      data: { sourceId, encryptedSecret: sealed, keyId, last4: lastFour(secret), status: "VALID", lastTestedAt: new Date(), lastTestMessage: "Connection test passed", createdById: actor?.id },
    });
    await recordAudit(
      {
        action: "source.authorization_create",
        actor,
        target: { type: "source", id: sourceId },
        ip: meta.ip,
        requestId: meta.requestId,
        details: { authorizationId: created.id, last4: created.last4, replaced: previous.map((p) => p.id) },
      },
      tx,
    );
    return created;
  });
  return (await getSource(sourceId)).authorization ?? { id: auth.id, last4: auth.last4, status: auth.status, lastTestedAt: null, lastTestMessage: null, createdAt: auth.createdAt.toISOString(), createdByEmail: null };
}

export async function revokeAuthorization(sourceId: string, authorizationId: string, actor: SessionUser, meta: Meta = {}): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const auth = await tx.sourceAuthorization.findFirst({ where: { id: authorizationId, sourceId } });
    if (!auth) throw new AppError("not_found", "Authorization not found");
    if (auth.revokedAt) throw new AppError("conflict", "This authorization was already deleted");
    // The ciphertext is wiped: a revoked key cannot be used again even by someone with database access and the key ring.
    await tx.sourceAuthorization.update({ where: { id: auth.id }, data: { revokedAt: new Date(), revokedById: actor.id, status: "REVOKED", encryptedSecret: null } });
    await recordAudit({ action: "source.authorization_revoke", actor, target: { type: "source", id: sourceId }, ip: meta.ip, requestId: meta.requestId, details: { authorizationId, last4: auth.last4 } }, tx);
  });
}

export async function listRuns(sourceId: string, limit: number): Promise<RunSummary[]> {
  const runs = await getDb().syncRun.findMany({ where: { sourceId }, orderBy: { queuedAt: "desc" }, take: limit, include: { streams: true } });
  return runs.map(toRunSummary);
}

export async function getRun(runId: string): Promise<RunSummary> {
  const run = await getDb().syncRun.findUnique({ where: { id: runId }, include: { streams: true } });
  if (!run) throw new AppError("not_found", "Sync run not found");
  return toRunSummary(run);
}

const RAW_PAYLOAD_LIMIT = 20_000;

export async function listCaptureErrors(sourceId: string, q: { limit: number; cursor?: string; kind?: "QUARANTINED" | "FETCH_FAILED" | "FILE_EXPIRED" | "FILE_FAILED"; unresolved: boolean }) {
  const db = getDb();
  const cursorRow = q.cursor ? await db.captureError.findUnique({ where: { id: q.cursor }, select: { createdAt: true, id: true } }) : null;
  const rows = await db.captureError.findMany({
    where: {
      sourceId,
      kind: q.kind,
      resolvedAt: q.unresolved ? null : undefined,
      ...(cursorRow ? { OR: [{ createdAt: { lt: cursorRow.createdAt } }, { createdAt: cursorRow.createdAt, id: { lt: cursorRow.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    errors: page.map((e) => ({
      id: e.id,
      runId: e.runId,
      stream: e.stream,
      kind: e.kind,
      objectType: e.objectType,
      objectId: e.objectId,
      message: e.message,
      rawPayload: e.rawPayload && e.rawPayload.length > RAW_PAYLOAD_LIMIT ? `${e.rawPayload.slice(0, RAW_PAYLOAD_LIMIT)}\n… (truncated)` : e.rawPayload,
      createdAt: e.createdAt.toISOString(),
      resolvedAt: e.resolvedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
  };
}
