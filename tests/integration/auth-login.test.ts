import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { authenticateWithPassword, LOGIN_ACTION } from "@/lib/auth/login";
import { loadActiveUser } from "@/lib/auth/session-user";
import { resetPassword } from "@/lib/users/users";
import { createTestUser, TEST_PASSWORD } from "../factories/users";

const client = (n: number) => ({ ip: `198.51.100.${n}`, userAgent: "vitest" });
let ipCounter = 0;
const freshIp = () => client(++ipCounter);

async function loginEvents(email: string) {
  return getDb().auditEvent.findMany({ where: { action: LOGIN_ACTION, actorEmail: email }, orderBy: { seq: "asc" } });
}

describe("password login", () => {
  beforeEach(() => {
    ipCounter += 1;
  });

  it("signs in with the right password and audits the success", async () => {
    const user = await createTestUser({ role: "OFFICER" });
    const result = await authenticateWithPassword(user.email.toUpperCase(), TEST_PASSWORD, freshIp());
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: "OFFICER" } });
    const events = await loginEvents(user.email);
    expect(events.map((e) => [e.outcome, e.actorId])).toEqual([["SUCCESS", user.id]]);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).lastLoginAt).not.toBeNull();
  });

  it("rejects a wrong password and an unknown user alike, auditing both", async () => {
    const user = await createTestUser();
    expect(await authenticateWithPassword(user.email, "wrong password!!", freshIp())).toEqual({ ok: false, error: "CredentialsSignin" });
    expect(await authenticateWithPassword("nobody@example.test", TEST_PASSWORD, freshIp())).toEqual({ ok: false, error: "CredentialsSignin" });
    expect((await loginEvents(user.email)).map((e) => e.outcome)).toEqual(["FAILURE"]);
    expect((await loginEvents("nobody@example.test")).map((e) => e.outcome)).toEqual(["FAILURE"]);
    // The audit record never holds the password that was tried.
    const all = JSON.stringify(await getDb().auditEvent.findMany({ where: { action: LOGIN_ACTION } }), (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(all).not.toContain("wrong password!!");
    expect(all).not.toContain(TEST_PASSWORD);
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await createTestUser({ disabled: true });
    expect(await authenticateWithPassword(user.email, TEST_PASSWORD, freshIp())).toEqual({ ok: false, error: "Disabled" });
    expect((await loginEvents(user.email)).map((e) => e.outcome)).toEqual(["DENIED"]);
  });

  it("rate limits an account after repeated failures, even for the right password", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 5; i++) {
      expect((await authenticateWithPassword(user.email, `wrong-${i}-password`, client(200 + i))).ok).toBe(false);
    }
    expect(await authenticateWithPassword(user.email, TEST_PASSWORD, client(210))).toEqual({ ok: false, error: "RateLimited" });
    const outcomes = (await loginEvents(user.email)).map((e) => e.outcome);
    expect(outcomes).toEqual(["FAILURE", "FAILURE", "FAILURE", "FAILURE", "FAILURE", "DENIED"]);
  });

  it("rate limits one address trying many accounts", async () => {
    const ip = { ip: "203.0.113.77", userAgent: "vitest" };
    for (let i = 0; i < 20; i++) await authenticateWithPassword(`spray-${i}@example.test`, "guess-password-1", ip);
    const user = await createTestUser();
    expect(await authenticateWithPassword(user.email, TEST_PASSWORD, ip)).toEqual({ ok: false, error: "RateLimited" });
    expect((await authenticateWithPassword(user.email, TEST_PASSWORD, freshIp())).ok).toBe(true);
  });
});

describe("session re-check against the database", () => {
  it("follows role changes, and ends for disabled users and after a password reset", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const user = await createTestUser({ role: "REVIEWER" });
    const authAt = Date.now() - 1000;
    expect((await loadActiveUser(user.id, authAt))?.role).toBe("REVIEWER");

    await getDb().user.update({ where: { id: user.id }, data: { role: "AUDITOR" } });
    expect((await loadActiveUser(user.id, authAt))?.role).toBe("AUDITOR");

    await resetPassword(user.id, "a brand new password", { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" });
    expect(await loadActiveUser(user.id, authAt)).toBeNull();
    expect(await loadActiveUser(user.id, Date.now() + 1000)).not.toBeNull();

    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await loadActiveUser(user.id, Date.now() + 1000)).toBeNull();
    expect(await loadActiveUser("no-such-user", authAt)).toBeNull();
  });
});
