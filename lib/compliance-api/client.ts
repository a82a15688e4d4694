// The Compliance API client: every read endpoint the archive captures, as async generators of pages so a
// sync streams a workspace page by page and never holds it in memory. One place owns the transport rules
// (compliance-api.md §4, §6, §8, §9): pacing under the per-endpoint limits, Retry-After on 429, bounded
// retries with exponential backoff and full jitter for 5xx / timeouts / dropped connections / truncated
// JSON, typed errors for everything else, and file downloads that follow the 307 themselves so the API
// key never reaches the blob host. Records are validated one by one: a bad record comes back as
// `{ ok: false }` for the caller to quarantine, it never sinks its page.
import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { ComplianceApiError, errorForStatus, extractErrorDetail } from "./errors";
import { CursorGuard, InvalidPageError, parseEnvelope, parseItem, parseJson, type Page, type PageShape, type ParsedItem } from "./pagination";
import { nodeHttpTransport, type HttpResponse, type HttpTransport } from "./http-transport";
import { DEFAULT_RATE_LIMITS, RateLimiter, parseRetryAfter, realSleep, type RateLimits } from "./rate-limit";
import {
  conversationSchema,
  gptConfigSchema,
  gptSchema,
  memorySchema,
  projectConfigSchema,
  projectSchema,
  workspaceUserSchema,
  type Conversation,
  type Gpt,
  type GptConfig,
  type Memory,
  type Project,
  type ProjectConfig,
  type WorkspaceUser,
} from "./schemas";

export type { Page, ParsedItem } from "./pagination";
export type { RateLimits } from "./rate-limit";

/** Reported once per HTTP request (each attempt, each redirect hop). Never contains the key or a URL signature. */
export type ComplianceRequestInfo = {
  method: "GET";
  /** Endpoint template (`/gpts/{gpt_id}/configs`) or `blob` for signed download URLs. */
  endpoint: string;
  /** Compliance API URLs in full (they carry no secrets); blob URLs without their query string. */
  url: string;
  /** Absent when no response arrived. */
  status?: number;
  attempt: number;
  durationMs: number;
  /** The error message when the attempt failed. */
  error?: string;
};

export type ComplianceClientOptions = {
  /** e.g. `https://api.chatgpt.com/v1` (the simulator's `apiBaseUrl`). */
  baseUrl: string;
  workspaceId: string;
  apiKey: string;
  /** Client-side pacing per endpoint; default 45 list / 90 object requests per minute; null disables pacing. */
  limits?: RateLimits | null;
  /** Attempts per request, including the first. Default 6. */
  maxAttempts?: number;
  /** Abort a request when no progress (headers or body bytes) was made for this long. Default 120 s. */
  timeoutMs?: number;
  /** Backoff: attempt n waits random() × min(retryMaxMs, retryBaseMs × 2^(n-1)). Defaults 1 s and 30 s. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Cap on a Retry-After wait. Default 5 min. A 429 without Retry-After waits 60 s. */
  maxRetryAfterMs?: number;
  onRequest?: (info: ComplianceRequestInfo) => void;
  /** The HTTP transport; node:http by default (lib/compliance-api/http-transport.ts). */
  transport?: HttpTransport;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
};

export type FileFormat = "url" | "id";

/** Receives a download chunk by chunk; awaited before the next chunk is read (backpressure). */
export type DownloadSink = (chunk: Buffer) => void | Promise<void>;

export type DownloadOptions = {
  /**
   * Stream into this sink instead of buffering. If the transfer fails after the first chunk was written,
   * the error is thrown without an internal retry (the sink holds a partial file): discard it and retry.
   */
  sink?: DownloadSink;
};

export type FileDownload = {
  contentType: string | null;
  size: number;
  /** Hex SHA-256 of the bytes, computed while streaming. */
  sha256: string;
  /** The content, only when no sink was given. */
  bytes?: Buffer;
};

export type ListConversationsOptions = {
  /** Integer Unix seconds, inclusive; floats are floored. Always sent on the first page (0 when absent). */
  sinceTimestamp?: number;
  /** Only these owners (fewer than 100). */
  users?: string[];
  /** Page size, max 500. */
  limit?: number;
  /** Page size decided before each request (overrides `limit`), so a caller can shrink pages of huge conversations. */
  pageSize?: () => number;
  fileFormat?: FileFormat;
};

type EndpointKind = "list" | "object" | "blob";
type PagingOptions = { firstPageExtra?: Query; maxCursorUses?: number; pageSize?: () => number };
type Endpoint = { template: string; kind: EndpointKind };
type Query = Array<[string, string]>;

const ENDPOINTS = {
  users: { template: "/users", kind: "list" },
  conversations: { template: "/conversations", kind: "list" },
  gpts: { template: "/gpts", kind: "list" },
  gpt: { template: "/gpts/{gpt_id}", kind: "object" },
  gptConfigs: { template: "/gpts/{gpt_id}/configs", kind: "list" },
  gptSharedUsers: { template: "/gpts/{gpt_id}/shared_users", kind: "list" },
  gptFile: { template: "/gpt_files/{file_id}", kind: "object" },
  projects: { template: "/projects", kind: "list" },
  project: { template: "/projects/{project_id}", kind: "object" },
  projectConfigs: { template: "/projects/{project_id}/configs", kind: "list" },
  projectSharedUsers: { template: "/projects/{project_id}/shared_users", kind: "list" },
  projectFile: { template: "/project_files/{file_id}", kind: "object" },
  memories: { template: "/memories", kind: "list" },
  userMemories: { template: "/users/{user_id}/memories", kind: "object" },
  userFile: { template: "/users/{user_id}/files/{file_id}", kind: "object" },
  blob: { template: "blob", kind: "blob" },
} as const satisfies Record<string, Endpoint>;

type Call<R> = {
  endpoint: Endpoint;
  url: URL;
  /** Sentence for a 404. */
  notFound: string;
  /** Send the API key. False for signed blob URLs. */
  auth: boolean;
  redirect: RequestRedirect;
  /** Consumes a success (or, with redirect "manual", a 3xx) response. */
  read: (res: HttpResponse, ctx: AttemptContext) => Promise<R>;
  /** Overrides the status → error mapping (blob hosts answer 403 for an expired signature). */
  mapStatus?: (status: number) => ComplianceApiError | null;
  maxAttempts?: number;
  /** Throw on the first 429 instead of waiting (testConnection must answer quickly). */
  failFastOnRateLimit?: boolean;
};

type AttemptContext = { attempt: number; idle: IdleTimer };

/** Wraps an error that must reach the caller without a retry (a sink failure, a partially written sink). */
class Fatal {
  constructor(readonly error: unknown) {}
}

/** Aborts a request after `ms` without progress; paused while a caller's sink is busy. */
class IdleTimer {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly ms: number) {
    this.touch();
  }
  get signal(): AbortSignal {
    return this.controller.signal;
  }
  touch(): void {
    this.pause();
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error(`no progress for ${this.ms} ms`));
    }, this.ms);
  }
  pause(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

const isRedirect = (status: number) => status >= 300 && status < 400;

async function discardBody(res: HttpResponse): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // The connection may already be gone; nothing to release.
  }
}

/** Reads a body chunk by chunk, resetting the idle timer on progress. */
async function readStream(
  res: HttpResponse,
  idle: IdleTimer,
  onChunk: (chunk: Buffer) => void | Promise<void>,
): Promise<number> {
  if (!res.body) return 0;
  const reader = res.body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return total;
      idle.pause();
      total += value.byteLength;
      await onChunk(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      idle.touch();
    }
  } catch (err) {
    reader.cancel().catch(() => undefined);
    throw err;
  }
}

async function readTextCapped(res: HttpResponse, idle: IdleTimer, maxBytes = 16_384): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    await readStream(res, idle, (chunk) => {
      if (size < maxBytes) chunks.push(chunk);
      size += chunk.length;
    });
  } catch {
    // A detail we could not read is not worth failing over.
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, maxBytes);
}

function describeCause(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = cause && typeof cause === "object" && "code" in cause ? String((cause as { code: unknown }).code) : null;
  const message = cause instanceof Error ? cause.message : String(cause);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

export class ComplianceClient {
  readonly workspaceId: string;
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly limits: RateLimits | null;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly onRequest?: (info: ComplianceRequestInfo) => void;
  private readonly transport: HttpTransport;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly limiter: RateLimiter;
  private requests = 0;

  constructor(opts: ComplianceClientOptions) {
    if (!opts.baseUrl) throw new TypeError("ComplianceClient: baseUrl is required");
    if (!opts.workspaceId) throw new TypeError("ComplianceClient: workspaceId is required");
    if (!opts.apiKey) throw new TypeError("ComplianceClient: apiKey is required");
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.workspaceId = opts.workspaceId;
    this.apiKey = opts.apiKey;
    this.limits = opts.limits === undefined ? { ...DEFAULT_RATE_LIMITS } : opts.limits;
    this.maxAttempts = Math.max(1, Math.floor(opts.maxAttempts ?? 6));
    this.timeoutMs = opts.timeoutMs ?? 120_000;
    this.retryBaseMs = opts.retryBaseMs ?? 1_000;
    this.retryMaxMs = opts.retryMaxMs ?? 30_000;
    this.onRequest = opts.onRequest;
    this.transport = opts.transport ?? nodeHttpTransport;
    this.sleep = opts.sleep ?? realSleep;
    this.random = opts.random ?? Math.random;
    this.limiter = new RateLimiter({ now: opts.now, sleep: this.sleep, maxRetryAfterMs: opts.maxRetryAfterMs });
  }

  /** HTTP requests sent so far (every attempt and every redirect hop). */
  get requestCount(): number {
    return this.requests;
  }

  // ---------- connection ----------

  /**
   * One cheap request (`users?limit=1`) for "connection tested on save". Resolves when the key can read the
   * workspace; otherwise throws ComplianceApiError (unauthorized / forbidden / not_found / network …).
   * At most two attempts and no waiting on a 429, so the admin gets an answer quickly.
   */
  async testConnection(): Promise<{ ok: true; sampleUserId: string | null }> {
    const envelope = await this.run({
      endpoint: ENDPOINTS.users,
      url: this.url("/users", [["limit", "1"]]),
      notFound: this.unknownWorkspace(),
      auth: true,
      redirect: "follow",
      read: async (res, ctx) => this.asInvalidResponse(res, ENDPOINTS.users, () => this.readBody(res, ctx).then(parseEnvelope)),
      maxAttempts: Math.min(2, this.maxAttempts),
      failFastOnRateLimit: true,
    });
    const first = envelope.data[0];
    const sampleUserId =
      first && typeof first === "object" && "id" in first && typeof first.id === "string" ? first.id : null;
    return { ok: true, sampleUserId };
  }

  // ---------- lists ----------

  listUsers(opts: { limit?: number } = {}): AsyncGenerator<Page<WorkspaceUser>, void, undefined> {
    return this.paginate(ENDPOINTS.users, "/users", this.unknownWorkspace(), workspaceUserSchema, withLimit([], opts.limit));
  }

  /**
   * Conversations updated at/after `sinceTimestamp`, in update-time order. The first page sends
   * `since_timestamp` (0 when absent); later pages send `after=<last_id>` instead — never both (1.1.5
   * rejects that) — while keeping `limit`, `users` and `file_format`. A conversation updated while we page
   * can appear again on a later page: dedupe by id.
   */
  listConversations(opts: ListConversationsOptions = {}): AsyncGenerator<Page<Conversation>, void, undefined> {
    const { query, paging } = conversationsQuery(opts);
    return this.paginate(ENDPOINTS.conversations, "/conversations", this.unknownWorkspace(), conversationSchema, query, paging);
  }

  /**
   * listConversations with each page's bytes handed to `parse` (which may run on another thread) instead
   * of being parsed here; the same paging, pacing and retries. `parse` owns the bytes it is given and
   * returns them (or a copy) as `body`. It throws InvalidPageError for a page that is not a usable
   * envelope (truncated JSON…) or could not be parsed: the request is retried like any invalid response.
   */
  listConversationsWith<P extends PageShape & { body: Buffer }>(
    opts: ListConversationsOptions,
    parse: (body: Buffer) => Promise<P>,
  ): AsyncGenerator<P, void, undefined> {
    const { query, paging } = conversationsQuery(opts);
    return this.pages(ENDPOINTS.conversations, "/conversations", this.unknownWorkspace(), query, paging, parse);
  }

  listGpts(opts: { limit?: number; fileFormat?: FileFormat } = {}): AsyncGenerator<Page<Gpt>, void, undefined> {
    const query = withFileFormat(withLimit([], opts.limit), opts.fileFormat);
    return this.paginate(ENDPOINTS.gpts, "/gpts", this.unknownWorkspace(), gptSchema, query);
  }

  /** A 404 here is normal for GPT ids found in messages (deleted or third-party GPTs). */
  getGpt(gptId: string, opts: { fileFormat?: FileFormat } = {}): Promise<ParsedItem<Gpt>> {
    return this.getObject(ENDPOINTS.gpt, `/gpts/${seg(gptId)}`, notFoundGpt(gptId), gptSchema, withFileFormat([], opts.fileFormat));
  }

  /** Every configuration of a GPT, newest first. */
  listGptConfigs(gptId: string, opts: { limit?: number; fileFormat?: FileFormat } = {}): AsyncGenerator<Page<GptConfig>, void, undefined> {
    const query = withFileFormat(withLimit([], opts.limit), opts.fileFormat);
    return this.paginate(ENDPOINTS.gptConfigs, `/gpts/${seg(gptId)}/configs`, notFoundGpt(gptId), gptConfigSchema, query);
  }

  listGptSharedUsers(gptId: string): AsyncGenerator<Page<WorkspaceUser>, void, undefined> {
    return this.paginate(ENDPOINTS.gptSharedUsers, `/gpts/${seg(gptId)}/shared_users`, notFoundGpt(gptId), workspaceUserSchema, []);
  }

  listProjects(opts: { limit?: number; fileFormat?: FileFormat } = {}): AsyncGenerator<Page<Project>, void, undefined> {
    const query = withFileFormat(withLimit([], opts.limit), opts.fileFormat);
    return this.paginate(ENDPOINTS.projects, "/projects", this.unknownWorkspace(), projectSchema, query);
  }

  getProject(projectId: string, opts: { fileFormat?: FileFormat } = {}): Promise<ParsedItem<Project>> {
    return this.getObject(
      ENDPOINTS.project,
      `/projects/${seg(projectId)}`,
      notFoundProject(projectId),
      projectSchema,
      withFileFormat([], opts.fileFormat),
    );
  }

  listProjectConfigs(
    projectId: string,
    opts: { limit?: number; fileFormat?: FileFormat } = {},
  ): AsyncGenerator<Page<ProjectConfig>, void, undefined> {
    const query = withFileFormat(withLimit([], opts.limit), opts.fileFormat);
    return this.paginate(ENDPOINTS.projectConfigs, `/projects/${seg(projectId)}/configs`, notFoundProject(projectId), projectConfigSchema, query);
  }

  listProjectSharedUsers(projectId: string): AsyncGenerator<Page<WorkspaceUser>, void, undefined> {
    return this.paginate(
      ENDPOINTS.projectSharedUsers,
      `/projects/${seg(projectId)}/shared_users`,
      notFoundProject(projectId),
      workspaceUserSchema,
      [],
    );
  }

  /**
   * One Memory per user, paged by user id. `since_timestamp` is a filter here (not a cursor), so it is
   * sent on every page.
   */
  listMemories(opts: { sinceTimestamp?: number; limit?: number } = {}): AsyncGenerator<Page<Memory>, void, undefined> {
    const query = withSince(withLimit([], opts.limit), opts.sinceTimestamp);
    return this.paginate(ENDPOINTS.memories, "/memories", this.unknownWorkspace(), memorySchema, query);
  }

  listUserMemories(userId: string, opts: { sinceTimestamp?: number } = {}): AsyncGenerator<Page<Memory>, void, undefined> {
    return this.paginate(
      ENDPOINTS.userMemories,
      `/users/${seg(userId)}/memories`,
      `User ${userId} was not found in the workspace (404).`,
      memorySchema,
      withSince([], opts.sinceTimestamp),
    );
  }

  // ---------- files ----------

  downloadGptFile(fileId: string, opts: DownloadOptions = {}): Promise<FileDownload> {
    return this.downloadViaRedirect(ENDPOINTS.gptFile, `/gpt_files/${seg(fileId)}`, [], notFoundFile(fileId), opts);
  }

  downloadProjectFile(fileId: string, opts: DownloadOptions = {}): Promise<FileDownload> {
    return this.downloadViaRedirect(ENDPOINTS.projectFile, `/project_files/${seg(fileId)}`, [], notFoundFile(fileId), opts);
  }

  /** `conversationId` is required by the API for audio and video files. */
  downloadUserFile(
    userId: string,
    fileId: string,
    opts: DownloadOptions & { conversationId?: string } = {},
  ): Promise<FileDownload> {
    const query: Query = opts.conversationId ? [["conversation_id", opts.conversationId]] : [];
    return this.downloadViaRedirect(
      ENDPOINTS.userFile,
      `/users/${seg(userId)}/files/${seg(fileId)}`,
      query,
      notFoundFile(fileId),
      opts,
    );
  }

  /** An embedded `download_url` (valid ~1 h). Sent without the API key; 403/410 from the blob host → `gone`. */
  downloadUrl(url: string, opts: DownloadOptions = {}): Promise<FileDownload> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new ComplianceApiError({ kind: "bad_request", endpoint: "blob", message: "The download URL is not a valid URL." });
    }
    return this.run({
      endpoint: ENDPOINTS.blob,
      url: target,
      notFound: BLOB_NOT_FOUND,
      auth: false,
      redirect: "follow",
      mapStatus: blobStatus,
      read: (res, ctx) => this.consumeDownload(res, ctx.idle, opts.sink),
    });
  }

  // ---------- internals: endpoints ----------

  private unknownWorkspace(): string {
    return (
      `Unknown workspace id ${JSON.stringify(this.workspaceId)} (404). Check the workspace id ` +
      "(chatgpt.com/admin → Workspace details) and that the base URL is the Compliance API's " +
      "(https://api.chatgpt.com/v1, not api.openai.com)."
    );
  }

  private url(path: string, query: Query = []): URL {
    const url = new URL(`${this.baseUrl}/compliance/workspaces/${seg(this.workspaceId)}${path}`);
    for (const [k, v] of query) url.searchParams.append(k, v);
    return url;
  }

  private perMinute(kind: EndpointKind): number | null {
    if (this.limits === null || kind === "blob") return null;
    return kind === "list" ? this.limits.listPerMinute : this.limits.objectPerMinute;
  }

  private async *paginate<S extends z.ZodType>(
    endpoint: Endpoint,
    path: string,
    notFound: string,
    schema: S,
    query: Query,
    opts: PagingOptions = {},
  ): AsyncGenerator<Page<z.output<S>>, void, undefined> {
    const parse = async (body: Buffer) => {
      const envelope = parseEnvelope(body);
      return { hasMore: envelope.has_more, lastId: envelope.last_id ?? null, count: envelope.data.length, items: envelope.data.map((raw) => parseItem(schema, raw)), body };
    };
    for await (const page of this.pages(endpoint, path, notFound, query, opts, parse)) {
      yield { items: page.items, hasMore: page.hasMore, lastId: page.lastId, body: page.body };
    }
  }

  /** Pages until `has_more` is false: the first with `firstPageExtra`, the next ones with `after=<last_id>`. */
  private async *pages<P extends PageShape & { body: Buffer }>(
    endpoint: Endpoint,
    path: string,
    notFound: string,
    query: Query,
    opts: PagingOptions,
    parse: (body: Buffer) => Promise<P>,
  ): AsyncGenerator<P, void, undefined> {
    const guard = new CursorGuard(opts.maxCursorUses ?? 1);
    let cursor: string | null = null;
    for (;;) {
      let pageQuery: Query = cursor === null ? [...query, ...(opts.firstPageExtra ?? [])] : [...query, ["after", cursor]];
      if (opts.pageSize) {
        const size = Math.min(500, Math.max(1, Math.floor(opts.pageSize())));
        pageQuery = [...pageQuery.filter(([k]) => k !== "limit"), ["limit", String(size)]];
      }
      const page: P = await this.run({
        endpoint,
        url: this.url(path, pageQuery),
        notFound,
        auth: true,
        redirect: "follow",
        read: async (res, ctx) => this.asInvalidResponse(res, endpoint, async () => parse(await this.readBody(res, ctx))),
      });
      if (page.hasMore && page.lastId !== null) {
        const reason = guard.check(cursor, page.lastId);
        if (reason) {
          throw new ComplianceApiError({
            kind: "invalid_response",
            endpoint: endpoint.template,
            retryable: false,
            message: `The Compliance API returned a bad cursor on ${endpoint.template}: ${reason}. Paging stopped.`,
          });
        }
      }
      yield page;
      if (!page.hasMore) return;
      cursor = page.lastId;
    }
  }

  private async getObject<S extends z.ZodType>(
    endpoint: Endpoint,
    path: string,
    notFound: string,
    schema: S,
    query: Query,
  ): Promise<ParsedItem<z.output<S>>> {
    const raw = await this.run({
      endpoint,
      url: this.url(path, query),
      notFound,
      auth: true,
      redirect: "follow",
      read: async (res, ctx) => this.asInvalidResponse(res, endpoint, () => this.readBody(res, ctx).then(parseJson)),
    });
    return parseItem(schema, raw);
  }

  private async downloadViaRedirect(
    endpoint: Endpoint,
    path: string,
    query: Query,
    notFound: string,
    opts: DownloadOptions,
  ): Promise<FileDownload> {
    const url = this.url(path, query);
    return this.run({
      endpoint,
      url,
      notFound,
      auth: true,
      redirect: "manual",
      read: async (res, ctx) => {
        if (!isRedirect(res.status)) return this.consumeDownload(res, ctx.idle, opts.sink);
        const location = res.headers.get("location");
        await discardBody(res);
        ctx.idle.pause();
        if (!location) {
          throw new ComplianceApiError({
            kind: "invalid_response",
            endpoint: endpoint.template,
            status: res.status,
            message: `The Compliance API answered ${res.status} without a Location header on ${endpoint.template}.`,
          });
        }
        // The signed URL needs no key: this hop goes out without Authorization. Its failures surface
        // here, so a retry re-requests the endpoint and gets a fresh URL (they live 5 minutes).
        await this.limiter.acquire(ENDPOINTS.blob.template, null);
        return this.attemptOnce(
          {
            endpoint: ENDPOINTS.blob,
            url: new URL(location, url),
            notFound: BLOB_NOT_FOUND,
            auth: false,
            redirect: "follow",
            mapStatus: blobStatus,
            read: (blobRes, blobCtx) => this.consumeDownload(blobRes, blobCtx.idle, opts.sink),
          },
          ctx.attempt,
        );
      },
    });
  }

  // ---------- internals: bodies ----------

  private async readBody(res: HttpResponse, ctx: AttemptContext): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await readStream(res, ctx.idle, (chunk) => {
      chunks.push(chunk);
    });
    return Buffer.concat(chunks);
  }

  /** Runs `read`, turning an InvalidPageError into the (retryable) invalid-response error. */
  private async asInvalidResponse<R>(res: HttpResponse, endpoint: Endpoint, read: () => Promise<R>): Promise<R> {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof InvalidPageError)) throw err;
      throw new ComplianceApiError({
        kind: "invalid_response",
        endpoint: endpoint.template,
        status: res.status,
        message: `The Compliance API returned ${err.reason} on ${endpoint.template}.`,
      });
    }
  }

  private async consumeDownload(res: HttpResponse, idle: IdleTimer, sink: DownloadSink | undefined): Promise<FileDownload> {
    const hash = createHash("sha256");
    const chunks: Buffer[] | null = sink ? null : [];
    let sinkTouched = false;
    let size: number;
    try {
      size = await readStream(res, idle, async (chunk) => {
        hash.update(chunk);
        if (chunks) {
          chunks.push(chunk);
          return;
        }
        sinkTouched = true;
        try {
          await sink!(chunk);
        } catch (err) {
          throw new Fatal(err);
        }
      });
    } catch (err) {
      if (err instanceof Fatal) throw err;
      const wrapped = this.transportError(err, idle, ENDPOINTS.blob);
      throw sinkTouched ? new Fatal(wrapped) : wrapped;
    }
    // Without compression, a short body means the connection was cut cleanly mid-file.
    const length = res.headers.get("content-length");
    const encoding = res.headers.get("content-encoding");
    if (length !== null && (!encoding || encoding === "identity") && Number(length) !== size) {
      const err = new ComplianceApiError({
        kind: "network",
        endpoint: ENDPOINTS.blob.template,
        message: `The file download was cut short (${size} of ${length} bytes).`,
      });
      throw sinkTouched ? new Fatal(err) : err;
    }
    return {
      contentType: res.headers.get("content-type"),
      size,
      sha256: hash.digest("hex"),
      ...(chunks ? { bytes: Buffer.concat(chunks) } : {}),
    };
  }

  // ---------- internals: transport ----------

  /** Bounded attempts; pacing before each; backoff with full jitter, except after a Retry-After block. */
  private async run<R>(call: Call<R>): Promise<R> {
    const maxAttempts = call.maxAttempts ?? this.maxAttempts;
    let previous: ComplianceApiError | null = null;
    for (let attempt = 1; ; attempt++) {
      // A Retry-After block is already enforced by the limiter; other failures back off.
      if (previous && previous.retryAfterMs === undefined) await this.sleep(this.backoffMs(attempt - 1));
      await this.limiter.acquire(call.endpoint.template, this.perMinute(call.endpoint.kind));
      try {
        return await this.attemptOnce(call, attempt);
      } catch (err) {
        if (err instanceof Fatal) {
          throw err.error instanceof ComplianceApiError ? err.error.withAttempts(attempt) : err.error;
        }
        const e = err instanceof ComplianceApiError ? err : this.transportError(err, null, call.endpoint);
        if (!e.retryable) throw e.withAttempts(attempt);
        if (attempt >= maxAttempts || (e.kind === "rate_limited" && call.failFastOnRateLimit)) {
          throw e.withAttempts(attempt, `${e.message} Gave up after ${attempt} attempt${attempt === 1 ? "" : "s"}.`);
        }
        previous = e;
      }
    }
  }

  private backoffMs(retry: number): number {
    const ceiling = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (retry - 1));
    return Math.floor(this.random() * ceiling);
  }

  /** One HTTP request. Throws ComplianceApiError (or Fatal); reports to onRequest either way. */
  private async attemptOnce<R>(call: Call<R>, attempt: number): Promise<R> {
    const idle = new IdleTimer(this.timeoutMs);
    const started = performance.now();
    let status: number | undefined;
    let failure: string | undefined;
    let reported = false;
    const report = () => {
      if (reported) return;
      reported = true;
      this.onRequest?.({
        method: "GET",
        endpoint: call.endpoint.template,
        url: call.auth ? call.url.toString() : `${call.url.origin}${call.url.pathname}`,
        ...(status === undefined ? {} : { status }),
        attempt,
        durationMs: Math.round(performance.now() - started),
        ...(failure === undefined ? {} : { error: failure }),
      });
    };
    this.requests++;
    try {
      let res: HttpResponse;
      try {
        res = await this.transport(call.url, {
          method: "GET",
          headers: call.auth ? { Authorization: `Bearer ${this.apiKey}`, Accept: "application/json" } : {},
          redirect: call.redirect,
          signal: idle.signal,
        });
      } catch (err) {
        throw this.transportError(err, idle, call.endpoint);
      }
      idle.touch();
      status = res.status;
      if (call.redirect === "manual" && isRedirect(res.status)) {
        // This request is complete; report it before `read` follows the redirect.
        idle.pause();
        report();
      }
      if (res.ok || (call.redirect === "manual" && isRedirect(res.status))) {
        try {
          return await call.read(res, { attempt, idle });
        } catch (err) {
          if (err instanceof ComplianceApiError || err instanceof Fatal) throw err;
          throw this.transportError(err, idle, call.endpoint);
        }
      }
      throw await this.statusError(call, res, idle);
    } catch (err) {
      failure = err instanceof Fatal ? describeCause(err.error) : err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      idle.pause();
      report();
    }
  }

  private async statusError<R>(call: Call<R>, res: HttpResponse, idle: IdleTimer): Promise<ComplianceApiError> {
    const retryAfter = parseRetryAfter(res.headers.get("retry-after"), Date.now());
    if (res.status === 429 || (res.status === 503 && retryAfter !== null)) {
      await discardBody(res);
      const applied = this.limiter.block(call.endpoint.template, retryAfter);
      const base = errorForStatus(res.status, { endpoint: call.endpoint.template, notFound: call.notFound });
      return new ComplianceApiError({
        kind: base.kind,
        endpoint: base.endpoint,
        status: res.status,
        retryAfterMs: applied,
        message: `${base.message.replace(/\.$/, "")}; Retry-After ${Math.ceil(applied / 1000)} s.`,
      });
    }
    const mapped = call.mapStatus?.(res.status);
    if (mapped) {
      await discardBody(res);
      return mapped;
    }
    if (res.status >= 500) {
      await discardBody(res);
      return errorForStatus(res.status, { endpoint: call.endpoint.template, notFound: call.notFound });
    }
    const detail = extractErrorDetail(await readTextCapped(res, idle));
    return errorForStatus(res.status, {
      endpoint: call.endpoint.template,
      notFound: call.notFound,
      detail: detail ? this.redact(detail) : null,
    });
  }

  private transportError(err: unknown, idle: IdleTimer | null, endpoint: Endpoint): ComplianceApiError {
    if (err instanceof ComplianceApiError) return err;
    const where = endpoint.kind === "blob" ? "the file host" : `the Compliance API (${endpoint.template})`;
    if (idle?.timedOut) {
      return new ComplianceApiError({
        kind: "network",
        endpoint: endpoint.template,
        message: `No progress from ${where} for ${Math.round(this.timeoutMs / 1000)} s (timeout).`,
        cause: err,
      });
    }
    return new ComplianceApiError({
      kind: "network",
      endpoint: endpoint.template,
      message: `The connection to ${where} failed: ${this.redact(describeCause(err))}.`,
      cause: err,
    });
  }

  private redact(text: string): string {
    return this.apiKey.length >= 4 ? text.split(this.apiKey).join("[redacted]") : text;
  }
}

// ---------- module helpers ----------

const BLOB_NOT_FOUND = "The file was not found at its download URL (404).";

/** Blob hosts (Azure SAS URLs) answer 403 for an expired signature and 410 for expired content. */
function blobStatus(status: number): ComplianceApiError | null {
  if (status === 403 || status === 410) {
    return new ComplianceApiError({
      kind: "gone",
      endpoint: "blob",
      status,
      message: `The file's download link has expired or its content is gone (${status} from the file host).`,
    });
  }
  return null;
}

function seg(value: string): string {
  return encodeURIComponent(value);
}

function notFoundGpt(gptId: string): string {
  return `GPT ${gptId} was not found (404): it may have been deleted, be a third-party GPT, or belong to another workspace.`;
}

function notFoundProject(projectId: string): string {
  return `Project ${projectId} was not found (404): it may have been deleted or belong to another workspace.`;
}

function notFoundFile(fileId: string): string {
  return `File ${fileId} was not found (404).`;
}

function withLimit(query: Query, limit: number | undefined): Query {
  if (limit !== undefined) query.push(["limit", String(Math.max(1, Math.floor(limit)))]);
  return query;
}

function withFileFormat(query: Query, format: FileFormat | undefined): Query {
  if (format !== undefined) query.push(["file_format", format]);
  return query;
}

function withSince(query: Query, since: number | undefined): Query {
  if (since !== undefined) query.push(["since_timestamp", String(Math.max(0, Math.floor(since)))]);
  return query;
}

function conversationsQuery(opts: ListConversationsOptions): { query: Query; paging: PagingOptions } {
  const users = opts.users ?? [];
  if (users.length >= 100) throw new RangeError("listConversations: the users filter takes fewer than 100 ids");
  const since = Math.max(0, Math.floor(opts.sinceTimestamp ?? 0));
  const query: Query = withFileFormat(withLimit([], opts.limit), opts.fileFormat);
  for (const u of users) query.push(["users", u]);
  return {
    query,
    paging: {
      firstPageExtra: [["since_timestamp", String(since)]],
      // Ordered by update time: an updated conversation legitimately comes back as a cursor.
      maxCursorUses: 3,
      pageSize: opts.pageSize,
    },
  };
}
