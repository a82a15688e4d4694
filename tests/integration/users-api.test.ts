// Admin user management through the real route handlers and a real session cookie.
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import * as usersRoute from "@/app/api/v1/users/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as passwordRoute from "@/app/api/v1/users/[id]/password/route";
import { authenticateWithPassword } from "@/lib/auth/login";
import { createTestUser, sessionCookie } from "../factories/users";

let adminCookie = "";
let adminId = "";

function req(method: string, url: string, body?: unknown) {
  return new NextRequest(`http://localhost:3000${url}`, {
    method,
    headers: { cookie: adminCookie, "content-type": "application/json", "x-forwarded-for": "192.0.2.10" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

beforeAll(async () => {
  const admin = await createTestUser({ role: "ADMIN" });
  adminId = admin.id;
  adminCookie = await sessionCookie(admin);
});

describe("user administration API", () => {
  it("creates a user who can then sign in, and audits it without the password", async () => {
    const res = await usersRoute.POST(req("POST", "/api/v1/users", { email: "New.Person@Example.test", name: "New Person", role: "REVIEWER", password: "initial password 1" }), ctx());
    expect(res.status).toBe(200);
    const { user } = await res.json();
    expect(user).toMatchObject({ email: "new.person@example.test", role: "REVIEWER", disabledAt: null, hasPassword: true });
    expect(user).not.toHaveProperty("passwordHash");
    expect((await authenticateWithPassword("new.person@example.test", "initial password 1", { ip: "192.0.2.99" })).ok).toBe(true);

    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: "user.create", targetId: user.id } });
    expect(event).toMatchObject({ actorId: adminId, ip: "192.0.2.10", outcome: "SUCCESS" });
    expect(JSON.stringify(event.details)).not.toContain("initial password 1");

    const dup = await usersRoute.POST(req("POST", "/api/v1/users", { email: "new.person@example.test", name: "Again", role: "ADMIN", password: "another password 1" }), ctx());
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.code).toBe("conflict");
  });

  it("rejects bad input with a clear 400 and stores nothing", async () => {
    const before = await getDb().user.count();
    const res = await usersRoute.POST(req("POST", "/api/v1/users", { email: "not-an-email", name: "", role: "GOD", password: "short" }), ctx());
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid");
    expect(body.error.message).toMatch(/email/i);
    expect(await getDb().user.count()).toBe(before);

    const notJson = await usersRoute.POST(new NextRequest("http://localhost:3000/api/v1/users", { method: "POST", headers: { cookie: adminCookie }, body: "{oops" }), ctx());
    expect(notJson.status).toBe(400);
  });

  it("changes roles, disables and re-enables users, and resets passwords", async () => {
    const target = await createTestUser({ role: "REVIEWER" });
    const patch = (body: unknown) => userRoute.PATCH(req("PATCH", `/api/v1/users/${target.id}`, body), ctx({ id: target.id }));

    expect((await (await patch({ role: "OFFICER" })).json()).user.role).toBe("OFFICER");
    const disabled = await (await patch({ disabled: true })).json();
    expect(disabled.user.disabledAt).not.toBeNull();
    expect((await authenticateWithPassword(target.email, "correct horse battery staple", { ip: "192.0.2.50" })).ok).toBe(false);
    expect((await (await patch({ disabled: false })).json()).user.disabledAt).toBeNull();

    const reset = await passwordRoute.POST(req("POST", `/api/v1/users/${target.id}/password`, { password: "reset password 123" }), ctx({ id: target.id }));
    expect(reset.status).toBe(200);
    expect((await authenticateWithPassword(target.email, "reset password 123", { ip: "192.0.2.51" })).ok).toBe(true);

    const actions = (await getDb().auditEvent.findMany({ where: { targetId: target.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.role_change", "user.disable", "user.enable", "user.password_reset"]);
  });

  it("refuses to let admins lock themselves out, and 404s unknown users", async () => {
    const self = await userRoute.PATCH(req("PATCH", `/api/v1/users/${adminId}`, { role: "REVIEWER" }), ctx({ id: adminId }));
    expect(self.status).toBe(409);
    const selfDisable = await userRoute.PATCH(req("PATCH", `/api/v1/users/${adminId}`, { disabled: true }), ctx({ id: adminId }));
    expect(selfDisable.status).toBe(409);
    const missing = await userRoute.PATCH(req("PATCH", "/api/v1/users/nope", { name: "X" }), ctx({ id: "nope" }));
    expect(missing.status).toBe(404);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: adminId } })).role).toBe("ADMIN");
  });
});
