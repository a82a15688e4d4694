// Calling route handlers as the app does: a real NextRequest with the session cookie, the handler's own
// wrapper (auth, validation, errors, audit), and the JSON body back with the request id that audit events
// carry.
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import type { WrappedHandler } from "@/lib/http/handler";

export function apiRequest(method: string, url: string, cookie: string, body?: unknown) {
  return new NextRequest(`http://localhost:3000${url}`, {
    method,
    headers: { cookie, "content-type": "application/json", "x-forwarded-for": "192.0.2.44" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function callRoute(handler: WrappedHandler, method: string, url: string, cookie: string, body?: unknown, params: Record<string, string> = {}) {
  const res = await handler(apiRequest(method, url, cookie, body), { params: Promise.resolve(params) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  return { status: res.status, requestId: res.headers.get("x-request-id")!, body: (await res.json()) as any };
}

/** The audit events a request wrote (the handler's request id is on the response and in the event). */
export function auditOf(requestId: string) {
  return getDb().auditEvent.findMany({ where: { requestId } });
}
