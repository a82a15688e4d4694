// Every app/api/**/route.ts: each exported method is built with withAuth/withCron; anonymous callers get
// 401; callers whose role lacks the route's permission get 403 (audited); disabled users get 401.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { WRAPPED, type WrappedHandler } from "@/lib/http/handler";
import { can, roles, type Role } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { createTestUser, sessionCookie } from "../factories/users";

const API_DIR = path.resolve(__dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** next-auth's own endpoints are public by design. */
const UNWRAPPED_ALLOWED = new Set(["auth/[...nextauth]/route.ts"]);

function findRoutes(dir: string, base = ""): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = base ? `${base}/${name}` : name;
    if (statSync(full).isDirectory()) return findRoutes(full, rel);
    return name === "route.ts" ? [rel] : [];
  });
}

function urlFor(rel: string): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segments = rel.replace(/\/?route\.ts$/, "").split("/").filter(Boolean).map((seg) => {
    const m = seg.match(/^\[(\.\.\.)?(.+)\]$/);
    if (!m) return seg;
    params[m[2]] = m[1] ? ["x"] : "test-id";
    return m[1] ? "x" : "test-id";
  });
  return { url: `http://localhost:3000/api/${segments.join("/")}`, params };
}

type RouteModule = Partial<Record<(typeof METHODS)[number], WrappedHandler>>;

const routes = findRoutes(API_DIR).filter((r) => !UNWRAPPED_ALLOWED.has(r));
const cookies = {} as Record<Role | "DISABLED", string>;

function call(handler: WrappedHandler, rel: string, method: string, headers: Record<string, string> = {}) {
  const { url, params } = urlFor(rel);
  const init: { method: string; headers: Record<string, string>; body?: string } = { method, headers: { ...headers, "content-type": "application/json" } };
  if (method !== "GET" && method !== "DELETE") init.body = "{}";
  return handler(new NextRequest(url, init), { params: Promise.resolve(params) });
}

beforeAll(async () => {
  for (const role of roles) cookies[role] = await sessionCookie(await createTestUser({ role }));
  cookies.DISABLED = await sessionCookie(await createTestUser({ role: "ADMIN", disabled: true }));
});

afterAll(async () => {
  const { getBoss } = await import("@/lib/jobs/boss");
  const g = globalThis as unknown as { custodianBoss?: Promise<unknown> };
  if (g.custodianBoss) await (await getBoss()).stop({ graceful: false, wait: true });
});

describe("API route protection", () => {
  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThan(3);
    expect(routes).toContain("v1/users/route.ts");
  });

  for (const rel of routes) {
    describe(rel, () => {
      it("builds every exported method with a wrapper", async () => {
        const mod = (await import(path.join(API_DIR, rel))) as Record<string, unknown>;
        const exported = Object.keys(mod).filter((k) => typeof mod[k] === "function");
        expect(exported.length).toBeGreaterThan(0);
        for (const name of exported) {
          expect(METHODS as readonly string[], `${rel} exports unexpected function ${name}`).toContain(name);
          expect((mod[name] as WrappedHandler)[WRAPPED], `${rel} ${name} is not wrapped`).toBeDefined();
        }
      });

      it("rejects anonymous callers, disabled users and roles without permission", async () => {
        const mod = (await import(path.join(API_DIR, rel))) as RouteModule;
        for (const method of METHODS) {
          const handler = mod[method];
          if (!handler) continue;
          const meta = handler[WRAPPED];
          const anon = await call(handler, rel, method);
          expect(anon.status, `${method} ${rel} anonymous`).toBe(401);
          expect((await anon.json()).error.code).toBe("unauthenticated");
          if (meta.kind === "cron") {
            expect((await call(handler, rel, method, { authorization: "Bearer wrong" })).status).toBe(401);
            expect((await call(handler, rel, method, { cookie: cookies.ADMIN })).status, "a session is not a cron token").toBe(401);
            continue;
          }
          expect((await call(handler, rel, method, { cookie: cookies.DISABLED })).status, `${method} ${rel} disabled`).toBe(401);
          for (const role of roles) {
            const res = await call(handler, rel, method, { cookie: cookies[role] });
            if (can(role, meta.action)) {
              expect([401, 403], `${method} ${rel} as ${role} (allowed: ${meta.action})`).not.toContain(res.status);
            } else {
              expect(res.status, `${method} ${rel} as ${role} (needs ${meta.action})`).toBe(403);
              expect((await res.json()).error).toMatchObject({ code: "forbidden" });
            }
          }
        }
      });
    });
  }

  it("audits denied attempts", async () => {
    const denied = await getDb().auditEvent.count({ where: { action: "access.denied", outcome: "DENIED" } });
    expect(denied).toBeGreaterThan(0);
  });
});
