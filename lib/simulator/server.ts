// The Compliance API simulator's HTTP server (node:http, no framework). It serves the read endpoints of
// compliance-api.md §3.1 for users, conversations, GPTs, projects, memories and files, the spot-delete
// endpoints for conversations, GPTs, projects and memories, a blob host for signed download URLs, and a
// token-protected control API (/__control) for mutations, faults, stats and the dataset summary.
//
// Request pipeline: route → auth (401) → scope (403) → workspace (404) → per-(key, endpoint) rate limit
// (429 + Retry-After) → injected fault, if any → handler → response (possibly cut or dropped by a fault).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { BlobSigner, contentDisposition, EMBEDDED_URL_TTL_SECONDS, REDIRECT_URL_TTL_SECONDS, type BlobScope } from "./blobs";
import type { RenderOptions } from "./conversation";
import { buildDataset, datasetSummary } from "./dataset";
import { FaultInjector, faultSpecSchema, type ActiveFault } from "./faults";
import { mimeTypeOf, needsConversationId, type FileRef } from "./files";
import { renderConfig, renderGizmo, renderThirdPartyGpt, type GizmoRenderOptions, type GizmoState } from "./gizmos";
import { renderMemory } from "./memories";
import { createMutator, mutationRequestSchema, MutationError, type Mutator } from "./mutate";
import { deriveSeed, Rng, seedToInt, type Seed } from "./random";
import { SimulatorStats, type RequestLogEntry } from "./stats";
import type { ApiDeletion, FileFormat, GizmoKind } from "./types";
import type { ConversationKey, Workspace } from "./workspace";

export type Scope = "read" | "delete";

export interface ApiKeyConfig {
  key: string;
  scopes: Scope[];
}

/** Requests per minute, per API key and endpoint template. */
export interface RateLimits {
  list: number;
  object: number;
}

export interface SimulatorOptions {
  workspace: Workspace;
  apiKeys: ApiKeyConfig[];
  /** Default { list: 50, object: 100 } as documented; null = unlimited. */
  rateLimits?: RateLimits | null;
  /** Probability that a list page is shorter than `limit` while has_more is true (default 0.3). */
  shortPageRate?: number;
  /** Seeds short pages, faults and the blob-signing key (default: the workspace seed). */
  seed?: Seed;
  /** Milliseconds since the epoch (default Date.now): URL expiry, rate limits, mutation times. */
  clock?: () => number;
  /** "1.1.5" (default): after + since_timestamp together is a 400; "1.1.1": after silently wins. */
  conversationsMode?: "1.1.5" | "1.1.1";
  /** Bearer token for /__control; without one the control API answers 401 to everything. */
  controlToken?: string;
  /** Base URL used in download links (default: the address the server listens on). */
  publicUrl?: string;
  /** Request log size (default 2,000). */
  logLimit?: number;
}

export interface ListenResult {
  url: string;
  /** url + "/v1": what a Compliance API client is configured with. */
  apiBaseUrl: string;
}

export interface Simulator {
  listen(port?: number, host?: string): Promise<ListenResult>;
  close(): Promise<void>;
  readonly workspace: Workspace;
  readonly stats: SimulatorStats;
  resetStats(): void;
  readonly faults: FaultInjector;
  readonly mutate: Mutator;
  /** Set once listening. */
  readonly url: string | null;
}

type EndpointKind = "list" | "object";

interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** JSON already serialized (served as `json` would be); faults that edit records parse it back. */
  jsonBytes?: Buffer;
  body?: Buffer | string;
  contentType?: string;
}

interface RequestContext {
  params: Record<string, string>;
  query: URLSearchParams;
  nowMs: number;
  /** The expired-url fault: links in this response are already expired; file endpoints answer 410. */
  expireUrls: boolean;
}

interface Route {
  method: "GET" | "DELETE";
  template: string;
  pattern: RegExp;
  paramNames: string[];
  kind: EndpointKind;
  isList: boolean;
  hasFiles: boolean;
  handle: (ctx: RequestContext) => Reply;
}

const COMMA = Buffer.from(",");
const WORKSPACE_PREFIX = /^\/v1\/compliance\/workspaces\/([^/]+)(\/.*)?$/;

/** decodeURIComponent that leaves malformed escapes as they are (they then simply match nothing). */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, json: body, headers });
const detail = (status: number, message: string, headers?: Record<string, string>): Reply => json(status, { detail: message }, headers);

/** FastAPI-style 422 for a bad query parameter. */
function validationError(param: string, type: string, msg: string, input: string | string[], ctx?: Record<string, unknown>): Reply {
  return json(422, { detail: [{ type, loc: ["query", param], msg, input, ...(ctx ? { ctx } : {}) }] });
}

class QueryError extends Error {
  constructor(readonly reply: Reply) {
    super("query");
  }
}

/** Parses `limit`: default when absent; 422 when not a positive integer or above a hard max; else clamped. */
function parseLimit(query: URLSearchParams, def: number, max: number, hardMax: boolean): number {
  const raw = query.get("limit");
  if (raw === null || raw === "") return def;
  if (!/^-?\d+$/.test(raw)) throw new QueryError(validationError("limit", "int_parsing", "Input should be a valid integer, unable to parse string as an integer", raw));
  const n = Number(raw);
  if (n < 1) throw new QueryError(validationError("limit", "greater_than_equal", "Input should be greater than or equal to 1", raw, { ge: 1 }));
  if (n > max) {
    if (hardMax) throw new QueryError(validationError("limit", "less_than_equal", `Input should be less than or equal to ${max}`, raw, { le: max }));
    return max;
  }
  return n;
}

function parseSince(query: URLSearchParams): number | null {
  const raw = query.get("since_timestamp");
  if (raw === null || raw === "") return null;
  if (!/^-?\d+$/.test(raw)) throw new QueryError(validationError("since_timestamp", "int_parsing", "Input should be a valid integer, unable to parse string as an integer", raw));
  return Number(raw);
}

function parseFileFormat(query: URLSearchParams): FileFormat {
  const raw = query.get("file_format");
  if (raw === null || raw === "" || raw === "url") return "url";
  if (raw === "id") return "id";
  throw new QueryError(validationError("file_format", "enum", "Input should be 'url' or 'id'", raw, { expected: "'url' or 'id'" }));
}

const BAD_GATEWAY_HTML = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

function azureError(status: number, code: string, message: string): Reply {
  return {
    status,
    contentType: "application/xml",
    body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    headers: { "x-ms-error-code": code },
  };
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const ws = options.workspace;
  const clock = options.clock ?? Date.now;
  const rateLimits = options.rateLimits === undefined ? { list: 50, object: 100 } : options.rateLimits;
  const shortPageRate = options.shortPageRate ?? 0.3;
  const mode = options.conversationsMode ?? "1.1.5";
  const baseSeed = options.seed === undefined ? ws.seed : seedToInt(options.seed);
  const pageRng = new Rng(deriveSeed(baseSeed, "server-pages"));
  const faults = new FaultInjector(deriveSeed(baseSeed, "server-faults"));
  const signer = new BlobSigner(createHash("sha256").update(`custodian-simulator-blob-key:${baseSeed}`).digest());
  const stats = new SimulatorStats(options.logLimit);
  const mutate = createMutator(ws, clock);
  const keys = new Map(options.apiKeys.map((k) => [k.key, k]));
  const buckets = new Map<string, number[]>();
  /** Sort key of each conversation at the time it was served as a page's last item (bounded). */
  const servedKeys = new Map<string, ConversationKey>();
  let baseUrl: string | null = options.publicUrl ?? null;
  let server: http.Server | null = null;
  let requestCounter = 0;

  // -- paging ---------------------------------------------------------------------------------------

  /** How many of `available` items (at most limit+1 were gathered) to return: sometimes fewer than limit. */
  function pageSize(limit: number, available: number): number {
    const full = Math.min(limit, available);
    if (full > 1 && available > 1 && pageRng.chance(shortPageRate)) return pageRng.int(1, full - 1);
    return full;
  }

  function pageOf<T>(sorted: T[], idOf: (t: T) => string, after: string | null, limit: number): { data: T[]; has_more: boolean; last_id: string | null } {
    let start = 0;
    if (after !== null) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (idOf(sorted[mid]) <= after) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const available = sorted.length - start;
    const size = pageSize(limit, Math.min(available, limit + 1));
    const data = sorted.slice(start, start + size);
    return { data, has_more: start + size < sorted.length, last_id: data.length ? idOf(data[data.length - 1]) : null };
  }

  // -- file links -----------------------------------------------------------------------------------

  function requireBase(): string {
    if (!baseUrl) throw new Error("simulator is not listening");
    return baseUrl;
  }

  function signFile(file: FileRef, scope: BlobScope, ctx: RequestContext, ttl: number, owner?: { ownerId: string; conversationId: string }): string {
    const now = Math.floor(ctx.nowMs / 1000);
    const expiresAt = ctx.expireUrls ? now - 1 : now + ttl;
    return signer.sign(requireBase(), { fileId: file.id, scope, expiresAt, name: file.name, ...owner }, ttl);
  }

  const conversationRender = (ctx: RequestContext, fileFormat: FileFormat): RenderOptions => ({
    fileFormat,
    fileUrl: (f, conversationId, ownerId) => signFile(f, "u", ctx, EMBEDDED_URL_TTL_SECONDS, { ownerId, conversationId }),
  });

  const gizmoRender = (ctx: RequestContext, fileFormat: FileFormat): GizmoRenderOptions => ({
    fileFormat,
    fileUrl: (f, g) => signFile(f, g.kind === "gpt" ? "g" : "p", ctx, EMBEDDED_URL_TTL_SECONDS),
  });

  // -- handlers -------------------------------------------------------------------------------------

  function listUsers(ctx: RequestContext): Reply {
    const limit = parseLimit(ctx.query, 200, 200, false);
    const page = pageOf(ws.usersInIdOrder(), (u) => u.id, ctx.query.get("after"), limit);
    return json(200, { object: "list", data: page.data.map((u) => ws.renderUser(u)), has_more: page.has_more, last_id: page.last_id });
  }

  function listConversations(ctx: RequestContext): Reply {
    const q = ctx.query;
    const limit = parseLimit(q, 500, 500, true);
    const fileFormat = parseFileFormat(q);
    let since = parseSince(q);
    const after = q.get("after") || null;
    if (after !== null && since !== null) {
      if (mode === "1.1.5") return detail(400, "Cannot specify both 'after' and 'since_timestamp'; use since_timestamp for the first page and after for the following pages");
      since = null;
    }
    const users = q.getAll("users").filter(Boolean);
    if (users.length >= 100) throw new QueryError(validationError("users", "too_long", "List should have at most 99 items", users));
    const owners = users.length ? new Set(users.map((u) => ws.userById(u)?.index ?? -1)) : null;

    let start: number;
    if (after !== null) {
      const entry = ws.conversationEntry(after);
      const key = servedKeys.get(after) ?? (entry ? { updatedAt: entry.updatedAt, id: entry.id } : null);
      if (!key) return detail(400, `Invalid 'after': unknown conversation ${after}`);
      start = ws.updateOrderPosition({ after: key });
    } else {
      start = ws.updateOrderPosition(since === null ? null : { since });
    }
    const order = ws.conversationsInUpdateOrder();
    const picked: number[] = [];
    for (let i = start; i < order.length && picked.length <= limit; i++) {
      const e = ws.conversations[order[i]];
      if (!owners || owners.has(e.ownerIdx)) picked.push(e.index);
    }
    const size = pageSize(limit, picked.length);
    const indices = picked.slice(0, size);
    const render = conversationRender(ctx, fileFormat);
    const lastIdx = indices[indices.length - 1];
    if (lastIdx !== undefined) {
      const e = ws.conversations[lastIdx];
      servedKeys.delete(e.id);
      servedKeys.set(e.id, { updatedAt: e.updatedAt, id: e.id });
      if (servedKeys.size > 50_000) servedKeys.delete(servedKeys.keys().next().value as string);
    }
    const envelope = { object: "list", has_more: picked.length > size, last_id: lastIdx === undefined ? null : ws.conversations[lastIdx].id };
    const served = indices.map((i) => ws.servedConversationJson(i));
    if (served.every((b) => b === null)) return json(200, { object: envelope.object, data: indices.map((i) => ws.renderConversationAt(i, render)), has_more: envelope.has_more, last_id: envelope.last_id });
    // Pregenerated conversations go out as they were serialized; the others are rendered now.
    const parts: Buffer[] = [Buffer.from('{"object":"list","data":[')];
    indices.forEach((i, k) => {
      if (k) parts.push(COMMA);
      parts.push(served[k] ?? Buffer.from(JSON.stringify(ws.renderConversationAt(i, render))));
    });
    parts.push(Buffer.from(`],"has_more":${envelope.has_more},"last_id":${JSON.stringify(envelope.last_id)}}`));
    return { status: 200, jsonBytes: Buffer.concat(parts) };
  }

  const idPatterns: Record<GizmoKind, RegExp> = { gpt: /^g-[0-9a-f]{32}$/, project: /^g-p-[0-9a-f]{32}$/ };
  const label = (kind: GizmoKind) => (kind === "gpt" ? "GPT" : "Project");

  function gizmoOr404(kind: GizmoKind, id: string): GizmoState | Reply {
    if (!idPatterns[kind].test(id)) return detail(400, `Invalid ${kind}_id ${id}`);
    return ws.getGizmo(kind, id) ?? detail(404, `${label(kind)} not found`);
  }

  function listGizmos(kind: GizmoKind, ctx: RequestContext): Reply {
    const limit = parseLimit(ctx.query, 20, 100, false);
    const fileFormat = parseFileFormat(ctx.query);
    const page = pageOf(ws.gizmosInIdOrder(kind), (g) => g.id, ctx.query.get("after"), limit);
    const render = gizmoRender(ctx, fileFormat);
    return json(200, { object: "list", data: page.data.map((g) => renderGizmo(g, ws.users, render)), has_more: page.has_more, last_id: page.last_id });
  }

  function getGizmo(kind: GizmoKind, ctx: RequestContext): Reply {
    const fileFormat = parseFileFormat(ctx.query);
    const id = ctx.params.id;
    if (kind === "gpt") {
      const third = ws.thirdPartyGpt(id);
      if (third) return json(200, renderThirdPartyGpt(third));
    }
    const g = gizmoOr404(kind, id);
    if (!("configs" in g)) return g;
    return json(200, renderGizmo(g, ws.users, gizmoRender(ctx, fileFormat)));
  }

  function listConfigs(kind: GizmoKind, ctx: RequestContext): Reply {
    const limit = parseLimit(ctx.query, 20, 100, false);
    const fileFormat = parseFileFormat(ctx.query);
    const g = gizmoOr404(kind, ctx.params.id);
    if (!("configs" in g)) return g;
    const newestFirst = g.configs.slice().reverse();
    const after = ctx.query.get("after");
    let start = 0;
    if (after) {
      const i = newestFirst.findIndex((c) => c.id === after);
      if (i < 0) return detail(400, `Invalid 'after': unknown configuration ${after}`);
      start = i + 1;
    }
    const size = pageSize(limit, Math.min(newestFirst.length - start, limit + 1));
    const configs = newestFirst.slice(start, start + size);
    const render = gizmoRender(ctx, fileFormat);
    return json(200, {
      object: "list",
      data: configs.map((c) => renderConfig(g, c, ws.users, render)),
      has_more: start + size < newestFirst.length,
      last_id: configs.length ? configs[configs.length - 1].id : null,
    });
  }

  function listSharedUsers(kind: GizmoKind, ctx: RequestContext): Reply {
    const limit = parseLimit(ctx.query, 100, 100, false);
    const g = gizmoOr404(kind, ctx.params.id);
    if (!("configs" in g)) return g;
    const users = g.recipients.map((r) => ws.users[r.userIdx]).sort((a, b) => (a.id < b.id ? -1 : 1));
    const page = pageOf(users, (u) => u.id, ctx.query.get("after"), limit);
    return json(200, { object: "list", data: page.data.map((u) => ws.renderUser(u)), has_more: page.has_more, last_id: page.last_id });
  }

  function listMemories(ctx: RequestContext): Reply {
    const limit = parseLimit(ctx.query, 200, 200, true);
    const since = parseSince(ctx.query);
    const all = ws.memoriesInIdOrder().filter((m) => since === null || m.updatedAt >= since);
    const page = pageOf(all, (m) => m.userId, ctx.query.get("after"), limit);
    return json(200, { object: "list", data: page.data.map(renderMemory), has_more: page.has_more, last_id: page.last_id });
  }

  function userMemories(ctx: RequestContext): Reply {
    const since = parseSince(ctx.query);
    const user = ws.userById(ctx.params.user_id);
    if (!user) return detail(404, "User not found");
    const m = ws.memories.get(user.index);
    const data = m && (since === null || m.updatedAt >= since) ? [renderMemory(m)] : [];
    return json(200, { object: "list", data, has_more: false, last_id: data.length ? user.id : null });
  }

  function redirectTo(location: string): Reply {
    return { status: 307, headers: { location }, body: "" };
  }

  function gizmoFile(kind: GizmoKind, ctx: RequestContext): Reply {
    const loc = ws.findGizmoFile(kind, ctx.params.file_id);
    if (!loc || !loc.gizmos.some((g) => !g.deleted)) return detail(404, "File not found");
    if (ctx.expireUrls) return detail(410, "File has expired");
    return redirectTo(signFile(loc.file, kind === "gpt" ? "g" : "p", ctx, REDIRECT_URL_TTL_SECONDS));
  }

  function userFile(ctx: RequestContext): Reply {
    const user = ws.userById(ctx.params.user_id);
    if (!user) return detail(404, "User not found");
    const loc = ws.findUserFile(user.id, ctx.params.file_id);
    if (!loc) return detail(404, "File not found");
    const conversationId = ctx.query.get("conversation_id");
    const conversation = ws.conversations[loc.conversationIndex];
    if (needsConversationId(loc.file.name) && !conversationId) return detail(400, "conversation_id is required for audio and video files");
    if (conversationId && conversationId !== conversation.id) return detail(404, "File not found");
    if (ws.isFileExpired(loc.file) || ctx.expireUrls) return detail(410, "File has expired");
    return redirectTo(signFile(loc.file, "u", ctx, REDIRECT_URL_TTL_SECONDS, { ownerId: user.id, conversationId: conversation.id }));
  }

  const deletion = (object: string, id: string): Reply => json(200, { object, id, deleted: true } satisfies ApiDeletion);

  function deleteConversation(ctx: RequestContext): Reply {
    const id = ctx.params.conversation_id;
    return ws.deleteConversation(id) ? deletion("compliance.workspace.conversation.deleted", id) : detail(404, "Conversation not found");
  }

  function deleteGizmo(kind: GizmoKind, ctx: RequestContext): Reply {
    const g = gizmoOr404(kind, ctx.params.id);
    if (!("configs" in g)) return g;
    ws.deleteGizmo(kind, g.id);
    ws.invalidateGizmoFiles();
    return deletion(`compliance.workspace.${kind}.deleted`, g.id);
  }

  function deleteMemory(ctx: RequestContext): Reply {
    const { user_id, memory_context_id, memory_id } = ctx.params;
    if (!ws.userById(user_id)) return detail(404, "User not found");
    const t = ws.nextUpdateTime(ctx.nowMs);
    return ws.deleteMemoryEntry(user_id, memory_context_id, memory_id, t)
      ? deletion("compliance.workspace.user.memory.context.entry.deleted", memory_id)
      : detail(404, "Memory not found");
  }

  // -- routing --------------------------------------------------------------------------------------

  const routes: Route[] = [];
  const route = (method: Route["method"], template: string, kind: EndpointKind, flags: { list?: boolean; files?: boolean }, handle: Route["handle"]) => {
    const paramNames: string[] = [];
    const pattern = new RegExp(
      "^" +
        template.replace(/\{(\w+)\}/g, (_m, name: string) => {
          paramNames.push(name);
          return "([^/]+)";
        }) +
        "$",
    );
    routes.push({ method, template, pattern, paramNames, kind, isList: Boolean(flags.list), hasFiles: Boolean(flags.files), handle });
  };
  const withId = (kind: GizmoKind, fn: (k: GizmoKind, ctx: RequestContext) => Reply) => (ctx: RequestContext) =>
    fn(kind, { ...ctx, params: { ...ctx.params, id: ctx.params[`${kind}_id`] } });

  route("GET", "/users", "list", { list: true }, listUsers);
  route("GET", "/conversations", "list", { list: true, files: true }, listConversations);
  for (const kind of ["gpt", "project"] as const) {
    route("GET", `/${kind}s`, "list", { list: true, files: true }, (ctx) => listGizmos(kind, ctx));
    route("GET", `/${kind}s/{${kind}_id}`, "object", { files: true }, withId(kind, getGizmo));
    route("GET", `/${kind}s/{${kind}_id}/configs`, "list", { list: true, files: true }, withId(kind, listConfigs));
    route("GET", `/${kind}s/{${kind}_id}/shared_users`, "list", { list: true }, withId(kind, listSharedUsers));
    route("GET", `/${kind}_files/{file_id}`, "object", { files: true }, (ctx) => gizmoFile(kind, ctx));
    route("DELETE", `/${kind}s/{${kind}_id}`, "object", {}, withId(kind, deleteGizmo));
  }
  route("GET", "/memories", "list", { list: true }, listMemories);
  route("GET", "/users/{user_id}/memories", "object", {}, userMemories);
  route("GET", "/users/{user_id}/files/{file_id}", "object", { files: true }, userFile);
  route("DELETE", "/conversations/{conversation_id}", "object", {}, deleteConversation);
  route("DELETE", "/users/{user_id}/memory_contexts/{memory_context_id}/memories/{memory_id}", "object", {}, deleteMemory);

  function matchRoute(method: string, rest: string): { route: Route; params: Record<string, string> } | { status: 404 | 405 } {
    let pathMatched = false;
    for (const r of routes) {
      const m = r.pattern.exec(rest);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.paramNames.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1]);
      });
      return { route: r, params };
    }
    return { status: pathMatched ? 405 : 404 };
  }

  function rateLimited(key: string, endpoint: string, kind: EndpointKind, nowMs: number): Reply | null {
    if (!rateLimits) return null;
    const limit = rateLimits[kind];
    const bucketKey = `${key}\u0000${endpoint}`;
    const bucket = (buckets.get(bucketKey) ?? []).filter((t) => t > nowMs - 60_000);
    if (bucket.length >= limit) {
      buckets.set(bucketKey, bucket);
      const retryAfter = Math.max(1, Math.ceil((bucket[0] + 60_000 - nowMs) / 1000));
      return detail(429, `Rate limit exceeded: ${limit} requests per minute for ${endpoint}`, { "retry-after": String(retryAfter) });
    }
    bucket.push(nowMs);
    buckets.set(bucketKey, bucket);
    return null;
  }

  // -- invalid records ------------------------------------------------------------------------------

  /** Breaks one record of a list page; returns the original id of the broken record. */
  function corruptRecord(body: unknown): string | null {
    if (!body || typeof body !== "object") return null;
    const data = (body as { data?: unknown }).data;
    if (!Array.isArray(data) || !data.length) return null;
    const rng = faults.random;
    const i = rng.int(0, data.length - 1);
    const record = data[i] as Record<string, unknown>;
    const originalId = String(record.id);
    const messages = (record.messages as { data?: Array<Record<string, unknown>> } | undefined)?.data;
    if (messages && messages.length && rng.chance(0.5)) {
      const m = messages.find((x) => (x.author as { role?: string } | undefined)?.role !== "system") ?? messages[0];
      delete (m.author as Record<string, unknown>).role;
    } else {
      record.id = 100_000 + rng.int(0, 899_999);
    }
    return originalId;
  }

  // -- control API ----------------------------------------------------------------------------------

  async function readJson(req: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 1_000_000) throw new MutationError(400, "Body too large");
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    if (!text) return {};
    try {
      return JSON.parse(text);
    } catch {
      throw new MutationError(400, "Body is not valid JSON");
    }
  }

  async function control(req: http.IncomingMessage, path: string, query: URLSearchParams): Promise<Reply> {
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!options.controlToken || token !== options.controlToken) return detail(401, "Invalid control token");
    const method = req.method ?? "GET";
    try {
      if (path === "/__control/mutate" && method === "POST") {
        const parsed = mutationRequestSchema.safeParse(await readJson(req));
        if (!parsed.success) return json(400, { detail: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") });
        return json(200, mutate.apply(parsed.data));
      }
      if (path === "/__control/faults" && method === "POST") {
        const parsed = faultSpecSchema.safeParse(await readJson(req));
        if (!parsed.success) return json(400, { detail: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") });
        return json(200, { id: faults.inject(parsed.data) });
      }
      if (path === "/__control/faults" && method === "DELETE") return json(200, { cleared: faults.clear() });
      if (path === "/__control/faults" && method === "GET") return json(200, { faults: faults.list() });
      if (path === "/__control/stats" && method === "GET") return json(200, stats.snapshot());
      if (path === "/__control/stats" && method === "DELETE") {
        stats.reset();
        return json(200, { reset: true });
      }
      if (path === "/__control/dataset/summary" && method === "GET") return json(200, datasetSummary(ws));
      if (path === "/__control/dataset" && method === "GET")
        return json(200, buildDataset(ws, { includeMessages: query.get("messages") !== "false", includeFileContent: query.get("file_content") === "true" }));
      if (path === "/__control/info" && method === "GET")
        return json(200, { workspaceId: ws.id, seed: ws.seedInput, size: ws.size, url: baseUrl, apiBaseUrl: baseUrl ? `${baseUrl}/v1` : null, conversationsMode: mode, rateLimits });
      return detail(404, "Not Found");
    } catch (err) {
      if (err instanceof MutationError) return detail(err.status, err.message);
      throw err;
    }
  }

  // -- blobs ----------------------------------------------------------------------------------------

  function blob(fileId: string, query: URLSearchParams, nowMs: number, expired: boolean): Reply {
    const v = signer.verify(fileId, query);
    if (!v.ok) return azureError(403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.");
    if (v.claims.expiresAt * 1000 <= nowMs) return azureError(403, "AuthenticationFailed", "Signed expiry time must be after signed start time.");
    if (expired) return azureError(410, "BlobExpired", "The file has expired.");
    let file: FileRef | null = null;
    if (v.claims.scope === "u") {
      const loc = v.claims.ownerId ? ws.findUserFile(v.claims.ownerId, fileId) : null;
      if (loc && ws.conversations[loc.conversationIndex].id === v.claims.conversationId) {
        if (ws.isFileExpired(loc.file)) return azureError(410, "BlobExpired", "The file has expired.");
        file = loc.file;
      }
    } else {
      const loc = ws.findGizmoFile(v.claims.scope === "g" ? "gpt" : "project", fileId);
      if (loc && loc.gizmos.some((g) => !g.deleted)) file = loc.file;
    }
    if (!file) return azureError(404, "BlobNotFound", "The specified blob does not exist.");
    const { bytes, md5Base64, etag } = ws.fileBody(file);
    return {
      status: 200,
      body: bytes,
      contentType: mimeTypeOf(file.name),
      headers: {
        "content-disposition": contentDisposition(file.name),
        "content-md5": md5Base64,
        etag,
        "x-ms-blob-type": "BlockBlob",
        "cache-control": query.get("rscc") ?? "private",
      },
    };
  }

  // -- response writing -----------------------------------------------------------------------------

  function write(res: http.ServerResponse, reply: Reply, fault: ActiveFault | null, requestId: string): number {
    let body: Buffer;
    let contentType = reply.contentType;
    if (reply.json !== undefined) {
      body = Buffer.from(JSON.stringify(reply.json));
      contentType = "application/json";
    } else if (reply.jsonBytes !== undefined) {
      body = reply.jsonBytes;
      contentType = "application/json";
    } else body = typeof reply.body === "string" ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0));
    const headers: Record<string, string> = { ...(reply.headers ?? {}), "x-request-id": requestId };
    if (contentType) headers["content-type"] = contentType;
    if (fault?.kind === "drop") {
      // Mid-response: headers and part of the body, then the socket goes away.
      if (body.length === 0) {
        res.destroy();
        return 0;
      }
      res.writeHead(reply.status, { ...headers, "content-length": String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setImmediate(() => res.destroy());
      return 0;
    }
    if (fault?.kind === "truncated" && body.length > 1) {
      const cut = Math.max(1, Math.floor(body.length * faults.random.float(0.2, 0.9)));
      if (reply.json === undefined && reply.jsonBytes === undefined) {
        // Bytes (blobs): the declared length stays, the stream ends early, as a cut download does.
        res.writeHead(reply.status, { ...headers, "content-length": String(body.length) });
        res.write(body.subarray(0, cut));
        setImmediate(() => res.destroy());
        return reply.status;
      }
      // JSON: a complete HTTP response whose body is cut (the client's parser must notice).
      body = body.subarray(0, cut);
    }
    headers["content-length"] = String(body.length);
    res.writeHead(reply.status, headers);
    res.end(body);
    return reply.status;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const nowMs = clock();
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const method = req.method ?? "GET";
    const path = url.pathname;
    const query = url.searchParams;
    const requestId = `req_${(++requestCounter).toString(36)}`;

    if (path.startsWith("/__control/")) {
      write(res, await control(req, path, query), null, requestId);
      return;
    }

    const authHeader = req.headers.authorization;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authHeader ?? "")?.[1] ?? null;
    const entry: RequestLogEntry = { method, path, query: url.search.replace(/^\?/, ""), status: 0, time: nowMs, endpoint: null, keyLast4: bearer ? bearer.slice(-4) : null };
    const finish = (reply: Reply, fault: ActiveFault | null, faultLabel?: string) => {
      entry.status = write(res, reply, fault, requestId);
      if (fault) entry.fault = faultLabel ?? fault.kind;
      stats.record(entry);
    };

    // Blob host: signed URLs, no API key.
    const blobMatch = /^\/blobs\/([^/]+)$/.exec(path);
    if (blobMatch) {
      entry.endpoint = `${method} /blobs/{file_id}`;
      if (method !== "GET") return finish(detail(405, "Method Not Allowed"), null);
      const fault = faults.take({ endpoint: entry.endpoint, isList: false, hasFiles: true });
      const pre = await preHandlerFault(fault);
      if (pre) return finish(pre, fault);
      return finish(blob(safeDecode(blobMatch[1]), query, nowMs, fault?.kind === "expired-url"), fault);
    }

    const wsMatch = WORKSPACE_PREFIX.exec(path);
    if (!wsMatch) return finish(detail(404, "Not Found"), null);
    const matched = matchRoute(method, wsMatch[2] ?? "/");
    if ("status" in matched) return finish(detail(matched.status, matched.status === 404 ? "Not Found" : "Method Not Allowed"), null);
    const { route: r, params } = matched;
    entry.endpoint = `${r.method} ${r.template}`;

    if (!bearer) return finish(detail(401, "Missing bearer token in Authorization header"), null);
    const key = keys.get(bearer);
    if (!key) return finish(detail(401, "Invalid API key"), null);
    const needed: Scope = r.method === "GET" ? "read" : "delete";
    if (!key.scopes.includes(needed)) return finish(detail(403, `API key lacks the '${needed}' scope required for this endpoint`), null);
    if (safeDecode(wsMatch[1]) !== ws.id) return finish(detail(404, "Workspace not found"), null);

    const limited = rateLimited(bearer, entry.endpoint, r.kind, nowMs);
    if (limited) return finish(limited, null);

    const fault = faults.take({ endpoint: entry.endpoint, isList: r.isList, hasFiles: r.hasFiles });
    const pre = await preHandlerFault(fault);
    if (pre) return finish(pre, fault);

    let reply: Reply;
    try {
      reply = r.handle({ params, query, nowMs, expireUrls: fault?.kind === "expired-url" });
    } catch (err) {
      if (err instanceof QueryError) reply = err.reply;
      else throw err;
    }
    if (fault?.kind === "invalid-record" && reply.status === 200) {
      if (reply.jsonBytes) reply = { status: reply.status, headers: reply.headers, json: JSON.parse(reply.jsonBytes.toString("utf8")) };
      const broken = corruptRecord(reply.json);
      return finish(reply, fault, broken ? `invalid-record:${broken}` : "invalid-record");
    }
    return finish(reply, fault);
  }

  /** Faults answered before the handler runs (or delays for "slow"). */
  async function preHandlerFault(fault: ActiveFault | null): Promise<Reply | null> {
    if (!fault) return null;
    switch (fault.kind) {
      case "429":
        return detail(429, "Rate limit exceeded", { "retry-after": String(fault.retryAfterSeconds ?? 1) });
      case "500":
        return detail(500, "Internal Server Error");
      case "502":
        return { status: 502, contentType: "text/html", body: BAD_GATEWAY_HTML };
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1_500));
        return null;
      default:
        return null;
    }
  }

  const simulator: Simulator = {
    workspace: ws,
    stats,
    faults,
    mutate,
    get url() {
      return baseUrl;
    },
    resetStats: () => stats.reset(),
    listen(port = 0, host = "127.0.0.1") {
      if (server) return Promise.reject(new Error("already listening"));
      const s = http.createServer((req, res) => {
        handle(req, res).catch((err: unknown) => {
          console.error("[simulator] request failed", err);
          if (!res.headersSent) {
            res.writeHead(500, { "content-type": "application/json" });
            res.end(JSON.stringify({ detail: "Internal Server Error" }));
          } else res.destroy();
        });
      });
      s.keepAliveTimeout = 5_000;
      server = s;
      return new Promise<ListenResult>((resolve, reject) => {
        s.once("error", reject);
        s.listen(port, host, () => {
          s.off("error", reject);
          const addr = s.address() as AddressInfo;
          const h = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
          const url = `http://${h}:${addr.port}`;
          baseUrl = options.publicUrl ?? url;
          resolve({ url: baseUrl, apiBaseUrl: `${baseUrl}/v1` });
        });
      });
    },
    close() {
      const s = server;
      server = null;
      if (!s) return Promise.resolve();
      return new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
  return simulator;
}
