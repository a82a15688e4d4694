// One error class with a code table: every failure a handler reports is an AppError, and one function
// turns AppError, ZodError and Prisma "not found"/unique errors into `{ error: { code, message } }`.
import { ZodError } from "zod";

export const errorStatus = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

function formatZodError(err: ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

type PrismaLikeError = { code?: unknown; name?: unknown; meta?: unknown };

/** Maps any thrown value to a status and a safe body. Unknown errors become a generic 500. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return { status: err.status, body, unexpected: false };
  }
  if (err instanceof ZodError) {
    return {
      status: 400,
      body: { error: { code: "invalid", message: formatZodError(err), details: err.issues.map((i) => ({ path: i.path, message: i.message })) } },
      unexpected: false,
    };
  }
  const p = err as PrismaLikeError;
  if (p && typeof p === "object" && p.name === "PrismaClientKnownRequestError") {
    if (p.code === "P2025") return { status: 404, body: { error: { code: "not_found", message: "Not found" } }, unexpected: false };
    if (p.code === "P2002") return { status: 409, body: { error: { code: "conflict", message: "Already exists" } }, unexpected: false };
  }
  return { status: 500, body: { error: { code: "internal", message: "Internal error" } }, unexpected: true };
}
