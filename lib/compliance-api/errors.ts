// One error type for everything the Compliance API client can fail with. `kind` is what callers branch
// on (show "key revoked" in the admin UI, record a capture error, mark a file gone…); `retryable` says
// whether trying the same request again later could succeed. Messages are written for an admin reading
// the sources page and never contain the API key.

export type ComplianceApiErrorKind =
  /** 401: the key is wrong or revoked. */
  | "unauthorized"
  /** 403: the key lacks the compliance read scope. */
  | "forbidden"
  /** 404: unknown workspace, or the object does not exist (any more). */
  | "not_found"
  /** 410, or an expired blob URL: the content is gone. */
  | "gone"
  /** 400 / 422: the API rejected the parameters. */
  | "bad_request"
  /** 429 after all attempts. */
  | "rate_limited"
  /** 5xx after all attempts. */
  | "server"
  /** Timeouts, refused or dropped connections. */
  | "network"
  /** The body was not what the endpoint promises (truncated JSON, not a list envelope, bad cursor). */
  | "invalid_response";

export type ComplianceApiErrorInit = {
  kind: ComplianceApiErrorKind;
  message: string;
  /** Endpoint template, e.g. `/gpts/{gpt_id}/configs`, or `blob` for signed download URLs. */
  endpoint: string;
  status?: number;
  retryable?: boolean;
  /** Set on 429 (and 503 with Retry-After): how long the server asked us to wait. */
  retryAfterMs?: number;
  /** How many attempts were made before giving up. */
  attempts?: number;
  cause?: unknown;
};

const RETRYABLE_BY_DEFAULT: ReadonlySet<ComplianceApiErrorKind> = new Set([
  "rate_limited",
  "server",
  "network",
  "invalid_response",
]);

export class ComplianceApiError extends Error {
  readonly kind: ComplianceApiErrorKind;
  readonly status?: number;
  readonly endpoint: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly attempts?: number;

  constructor(init: ComplianceApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "ComplianceApiError";
    this.kind = init.kind;
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.retryable = init.retryable ?? RETRYABLE_BY_DEFAULT.has(init.kind);
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts;
  }

  /** A copy with a different message/attempt count (used when giving up after retries). */
  withAttempts(attempts: number, message = this.message): ComplianceApiError {
    return new ComplianceApiError({
      kind: this.kind,
      message,
      endpoint: this.endpoint,
      status: this.status,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      attempts,
      cause: this.cause,
    });
  }
}

export function isComplianceApiError(err: unknown): err is ComplianceApiError {
  return err instanceof ComplianceApiError;
}

/** What the caller was doing, so a 404 can say "unknown workspace" vs "GPT g-… not found". */
export type ErrorContext = {
  endpoint: string;
  /** The sentence to use for a 404. */
  notFound: string;
  /** Server-provided detail (already trimmed and redacted), appended to 4xx messages. */
  detail?: string | null;
};

/** Maps a non-success HTTP status from the Compliance API to a typed error with an admin-readable message. */
export function errorForStatus(status: number, ctx: ErrorContext): ComplianceApiError {
  const said = ctx.detail ? ` Server said: ${ctx.detail}` : "";
  const base = { endpoint: ctx.endpoint, status };
  if (status === 401) {
    return new ComplianceApiError({
      ...base,
      kind: "unauthorized",
      message: "The API key was rejected (401). Check the key, or whether it was revoked.",
    });
  }
  if (status === 403) {
    return new ComplianceApiError({
      ...base,
      kind: "forbidden",
      message:
        "The key lacks the compliance read scope (403). Ask OpenAI to grant the " +
        "chatgpt.enterprise.compliance_export read scope to this key, or use a key that has it.",
    });
  }
  if (status === 404) return new ComplianceApiError({ ...base, kind: "not_found", message: ctx.notFound });
  if (status === 410) {
    return new ComplianceApiError({
      ...base,
      kind: "gone",
      message: "The file has expired and its content is no longer available (410).",
    });
  }
  if (status === 429) {
    return new ComplianceApiError({
      ...base,
      kind: "rate_limited",
      message: `The Compliance API is rate limiting ${ctx.endpoint} (429).`,
    });
  }
  if (status >= 500) {
    return new ComplianceApiError({
      ...base,
      kind: "server",
      message: `The Compliance API failed with ${status} on ${ctx.endpoint}.`,
    });
  }
  return new ComplianceApiError({
    ...base,
    kind: "bad_request",
    retryable: false,
    message: `The Compliance API rejected the request to ${ctx.endpoint} (${status}).${said}`,
  });
}

/** Pulls a short human detail out of an error body: FastAPI `{detail}`, OpenAI `{error:{message}}`, or text. */
export function extractErrorDetail(body: string): string | null {
  const text = body.trim();
  if (!text) return null;
  let detail: string = text;
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === "object") {
      const o = json as { detail?: unknown; error?: unknown; message?: unknown };
      if (typeof o.detail === "string") detail = o.detail;
      else if (Array.isArray(o.detail)) {
        detail = o.detail
          .map((d: unknown) => (d && typeof d === "object" && "msg" in d ? String((d as { msg: unknown }).msg) : ""))
          .filter(Boolean)
          .join("; ");
      } else if (o.error && typeof o.error === "object" && "message" in o.error) {
        detail = String((o.error as { message: unknown }).message);
      } else if (typeof o.message === "string") detail = o.message;
    }
  } catch {
    // Not JSON: keep the text.
  }
  detail = detail.replace(/\s+/g, " ").trim();
  return detail ? (detail.length > 300 ? `${detail.slice(0, 300)}…` : detail) : null;
}
