// Route-handler wrappers. Every exported method of every app/api route is built with one of these:
// withAuth resolves the session (401), checks the role against the permissions table (403, audited),
// parses params/query/body with zod (400), runs the handler, maps errors to { error: { code, message } }
// and writes the audit event for audited actions. withCron accepts only `Bearer $CRON_SECRET`.
import "server-only";
import { randomUUID, timingSafeEqual } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { z, type ZodType } from "zod";
import { getEnv } from "@/lib/env";
import { AppError, toErrorResponse } from "@/lib/http/errors";
import { can, type Action } from "@/lib/auth/permissions";
import { loadActiveUser, type SessionUser } from "@/lib/auth/session-user";
import { recordAudit, type AuditInput } from "@/lib/audit/audit";
import { clientIp } from "@/lib/auth/options";

/** Marks wrapped handlers; tests fail any route export without it. */
export const WRAPPED = Symbol.for("custodian.wrapped-handler");

export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type WrappedHandler = ((req: NextRequest, ctx: RouteContext) => Promise<Response>) & {
  [WRAPPED]: { kind: "auth"; action: Action } | { kind: "cron" };
};

type Schema = ZodType | undefined;
type Infer<S extends Schema> = S extends ZodType ? z.infer<S> : undefined;

export type HandlerContext<P extends Schema, Q extends Schema, B extends Schema> = {
  req: NextRequest;
  user: SessionUser;
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  requestId: string;
  ip: string | null;
  /** Writes an audit event attributed to the caller (actor, ip, user agent, request id filled in). */
  audit: (event: Omit<AuditInput, "actor" | "ip" | "userAgent" | "requestId">) => Promise<void>;
};

type AuthOptions<P extends Schema, Q extends Schema, B extends Schema> = {
  action: Action;
  params?: P;
  query?: Q;
  body?: B;
  /** Largest accepted JSON body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
};

function json(status: number, body: unknown, requestId: string): Response {
  return NextResponse.json(body, { status, headers: { "x-request-id": requestId, "cache-control": "no-store" } });
}

function toResponse(result: unknown, requestId: string): Response {
  if (result instanceof Response) {
    result.headers.set("x-request-id", requestId);
    return result;
  }
  return json(200, result ?? { ok: true }, requestId);
}

function errorResponse(err: unknown, requestId: string): Response {
  const { status, body, unexpected } = toErrorResponse(err);
  if (unexpected) console.error(`[${requestId}] unhandled error in route handler`, err);
  return json(status, body, requestId);
}

async function readJsonBody(req: NextRequest, maxBytes: number): Promise<unknown> {
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("payload_too_large", `Request body exceeds ${maxBytes} bytes`);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid", "Request body is not valid JSON");
  }
}

function queryObject(req: NextRequest): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(req.nextUrl.searchParams.keys())) {
    const all = req.nextUrl.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/** Resolves the caller from the session cookie, re-checking role and disabled state in the database. */
export async function resolveRequestUser(req: NextRequest): Promise<SessionUser | null> {
  const secret = getEnv().NEXTAUTH_SECRET;
  if (!secret) return null;
  const token = await getToken({ req, secret });
  if (!token || token.revoked) return null;
  return loadActiveUser(token.sub, token.authAt);
}

export function withAuth<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(
  options: AuthOptions<P, Q, B>,
  handler: (ctx: HandlerContext<P, Q, B>) => Promise<unknown>,
): WrappedHandler {
  const wrapped = async (req: NextRequest, routeCtx: RouteContext): Promise<Response> => {
    const requestId = randomUUID();
    const ip = clientIp(req.headers);
    const userAgent = req.headers.get("user-agent");
    try {
      const user = await resolveRequestUser(req);
      if (!user) throw new AppError("unauthenticated", "Sign in to continue");
      if (!can(user.role, options.action)) {
        await recordAudit({
          action: "access.denied",
          actor: user,
          outcome: "DENIED",
          ip,
          userAgent,
          requestId,
          details: { permission: options.action, method: req.method, path: req.nextUrl.pathname },
        });
        throw new AppError("forbidden", "Your role does not allow this action");
      }
      const rawParams = (await routeCtx?.params) ?? {};
      const params = (options.params ? options.params.parse(rawParams) : undefined) as Infer<P>;
      const query = (options.query ? options.query.parse(queryObject(req)) : undefined) as Infer<Q>;
      const body = (options.body ? options.body.parse(await readJsonBody(req, options.maxBodyBytes ?? 1 << 20)) : undefined) as Infer<B>;
      const audit: HandlerContext<P, Q, B>["audit"] = async (event) => {
        await recordAudit({ ...event, actor: user, ip, userAgent, requestId });
      };
      return toResponse(await handler({ req, user, params, query, body, requestId, ip, audit }), requestId);
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
  return Object.assign(wrapped, { [WRAPPED]: { kind: "auth" as const, action: options.action } });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Cron endpoints: only `Authorization: Bearer $CRON_SECRET`; they enqueue work and return at once. */
export function withCron(handler: (ctx: { req: NextRequest; requestId: string }) => Promise<unknown>): WrappedHandler {
  const wrapped = async (req: NextRequest): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const secret = getEnv().CRON_SECRET;
      const presented = req.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
      if (!secret || !presented || !safeEqual(presented, secret)) {
        throw new AppError("unauthenticated", secret ? "A valid cron bearer token is required" : "Cron is disabled: CRON_SECRET is not set");
      }
      return toResponse(await handler({ req, requestId }), requestId);
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
  return Object.assign(wrapped, { [WRAPPED]: { kind: "cron" as const } });
}
