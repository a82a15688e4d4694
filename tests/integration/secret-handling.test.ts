// The API key of an authorization never appears in any API response, log line, audit event or other
// stored row (only its AES-256-GCM ciphertext, and only until it is revoked).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { startTestSimulator, type TestHarness } from "@/lib/simulator/test-harness";
import { LocalBlobStore } from "@/lib/storage/blob-store";
import * as sourcesRoute from "@/app/api/v1/sources/route";
import * as sourceRoute from "@/app/api/v1/sources/[id]/route";
import * as authRoute from "@/app/api/v1/sources/[id]/authorizations/route";
import * as revokeRoute from "@/app/api/v1/sources/[id]/authorizations/[authorizationId]/route";
import * as runsRoute from "@/app/api/v1/sources/[id]/runs/route";
import * as errorsRoute from "@/app/api/v1/sources/[id]/capture-errors/route";
import * as auditRoute from "@/app/api/v1/audit/route";
import { blobDir, syncOnce } from "../factories/capture";
import { createTestUser, sessionCookie } from "../factories/users";

let h: TestHarness;
let cookie = "";
const logged: string[] = [];

beforeAll(async () => {
  h = await startTestSimulator({ seed: 31, size: "small", startAt: Date.now() });
  cookie = await sessionCookie(await createTestUser({ role: "ADMIN" }));
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await h?.close();
});

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const req = (method: string, url: string, body?: unknown) =>
  new NextRequest(`http://localhost:3000${url}`, { method, headers: { cookie, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

describe("API key handling", () => {
  it("never returns, logs, audits or stores the key in clear", async () => {
    const key = h.keys.full;
    const bodies: string[] = [];
    const keep = async (res: Response) => {
      const text = await res.text();
      bodies.push(text);
      return { status: res.status, json: JSON.parse(text) };
    };

    const created = await keep(await sourcesRoute.POST(req("POST", "/api/v1/sources", { name: "Secret test", workspaceId: h.workspace.id, apiBaseUrl: h.apiBaseUrl }), ctx()));
    expect(created.status).toBe(200);
    const id = created.json.source.id as string;

    // A wrong key is refused with the API's reason, and is not stored either.
    const wrong = await keep(await authRoute.POST(req("POST", `/api/v1/sources/${id}/authorizations`, { secret: "sk-wrong-key-123456789" }), ctx({ id })));
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toMatch(/401/);
    expect(await getDb().sourceAuthorization.count({ where: { sourceId: id } })).toBe(0);

    const auth = await keep(await authRoute.POST(req("POST", `/api/v1/sources/${id}/authorizations`, { secret: key }), ctx({ id })));
    expect(auth.status).toBe(200);
    expect(auth.json.authorization).toMatchObject({ last4: key.slice(-4), status: "VALID" });

    await getDb().source.update({ where: { id }, data: { listRateLimit: 0 } });
    const run = await syncOnce(id, new LocalBlobStore(blobDir()));
    expect(run.status).toBe("SUCCEEDED");

    await keep(await sourcesRoute.GET(req("GET", "/api/v1/sources"), ctx()));
    await keep(await sourceRoute.GET(req("GET", `/api/v1/sources/${id}`), ctx({ id })));
    await keep(await runsRoute.GET(req("GET", `/api/v1/sources/${id}/runs`), ctx({ id })));
    await keep(await errorsRoute.GET(req("GET", `/api/v1/sources/${id}/capture-errors`), ctx({ id })));
    await keep(await auditRoute.GET(req("GET", "/api/v1/audit?limit=500"), ctx()));
    const authorizationId = auth.json.authorization.id as string;
    await keep(await revokeRoute.DELETE(req("DELETE", `/api/v1/sources/${id}/authorizations/${authorizationId}`), ctx({ id, authorizationId })));

    for (const body of bodies) expect(body).not.toContain(key);
    for (const line of logged) expect(line).not.toContain(key);
    const audit = JSON.stringify(await getDb().auditEvent.findMany(), (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(audit).not.toContain(key);
    expect(audit).toContain(key.slice(-4));

    // Nowhere in the database, in any table or column, as text (the ciphertext is wiped on revoke too).
    const tables = await getDb().$queryRaw<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    for (const { table_name } of tables) {
      const rows = await getDb().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table_name}" t WHERE t::text LIKE $1`, `%${key}%`);
      expect(Number(rows[0].n), `table ${table_name}`).toBe(0);
    }
    const revoked = await getDb().sourceAuthorization.findUniqueOrThrow({ where: { id: authorizationId } });
    expect(revoked.encryptedSecret).toBeNull();
    expect(revoked.status).toBe("REVOKED");
  });
});
