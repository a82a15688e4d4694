// Fault injection over HTTP: every kind, endpoint matching, count and rate semantics, and clearing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SIZE_PRESETS, startTestSimulator, type ApiConversation, type ApiConversationFile, type ApiList, type TestHarness } from "@/lib/simulator";

describe("simulator faults", () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await startTestSimulator({ seed: 55, size: { ...SIZE_PRESETS.small, fileRate: 0.4 }, shortPageRate: 0 });
  });
  afterEach(() => {
    h.simulator.faults.clear();
  });
  afterAll(() => h.close());

  it("429 with Retry-After, for the next N matching requests only", async () => {
    h.simulator.faults.inject({ kind: "429", endpoint: "GET /users", count: 2, retryAfterSeconds: 7 });
    expect((await h.request("/gpts")).status).toBe(200);
    const r1 = await h.request("/users");
    expect(r1.status).toBe(429);
    expect(r1.headers.get("retry-after")).toBe("7");
    expect((await h.request("/users")).status).toBe(429);
    expect((await h.request("/users")).status).toBe(200);
    expect(h.simulator.stats.log.at(-2)?.fault).toBe("429");
  });

  it("500 with a JSON detail and 502 with an HTML body", async () => {
    h.simulator.faults.inject({ kind: "500", endpoint: "conversations" });
    const r = await h.request("/conversations");
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({ detail: "Internal Server Error" });
    h.simulator.faults.inject({ kind: "502" });
    const g = await h.request("/gpts");
    expect(g.status).toBe(502);
    expect(g.headers.get("content-type")).toContain("text/html");
    expect((await h.request("/gpts")).status).toBe(200);
  });

  it("slow responses are delayed but complete", async () => {
    h.simulator.faults.inject({ kind: "slow", endpoint: "/users", delayMs: 300 });
    const t0 = performance.now();
    const r = await h.request("/users");
    expect(r.status).toBe(200);
    await r.json();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);
  });

  it("drop destroys the connection mid-response", async () => {
    h.simulator.faults.inject({ kind: "drop", endpoint: "GET /conversations" });
    await expect(
      (async () => {
        const r = await h.request("/conversations", { query: { since_timestamp: 0 } });
        await r.text();
      })(),
    ).rejects.toThrow();
    expect((await h.request("/conversations", { query: { since_timestamp: 0 } })).status).toBe(200);
    expect(h.simulator.stats.log.at(-2)).toMatchObject({ status: 0, fault: "drop" });
  });

  it("truncated cuts the JSON body", async () => {
    h.simulator.faults.inject({ kind: "truncated", endpoint: "GET /users" });
    const r = await h.request("/users");
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it("invalid-record breaks exactly one record of a list page and logs which", async () => {
    for (let i = 0; i < 6; i++) {
      h.simulator.faults.inject({ kind: "invalid-record", endpoint: "GET /conversations" });
      const page = (await (await h.request("/conversations", { query: { since_timestamp: 0 } })).json()) as ApiList<ApiConversation>;
      const label = h.simulator.stats.log.at(-1)!.fault!;
      expect(label).toMatch(/^invalid-record:/);
      const brokenId = label.slice("invalid-record:".length);
      const numeric = page.data.filter((c) => typeof c.id === "number");
      const roleless = page.data.filter((c) => c.messages.data.some((m) => !("role" in m.author)));
      expect(numeric.length + roleless.length).toBe(1);
      if (roleless.length) expect(roleless[0].id).toBe(brokenId);
    }
    h.simulator.faults.inject({ kind: "invalid-record", endpoint: "users" });
    // Not applicable to a single object: the next list request gets it.
    expect((await h.request(`/users/${h.workspace.users[0].id}/memories`)).status).toBe(200);
    const users = (await (await h.request("/users")).json()) as ApiList<{ id: unknown }>;
    expect(users.data.filter((u) => typeof u.id === "number")).toHaveLength(1);
  });

  it("expired-url: embedded links are already expired, content endpoints and blobs answer 410", async () => {
    h.simulator.faults.inject({ kind: "expired-url", endpoint: "GET /conversations" });
    const page = (await (await h.request("/conversations", { query: { since_timestamp: 0 } })).json()) as ApiList<ApiConversation>;
    const files = page.data.flatMap((c) => c.messages.data.flatMap((m) => (m.files.data as ApiConversationFile[]).filter((f) => f.download_url).map((f) => ({ f, c }))));
    expect(files.length).toBeGreaterThan(0);
    expect([403, 410]).toContain((await fetch(files[0].f.download_url!)).status);

    const { f, c } = files.find(({ f }) => !/\.(m4a|mp4)$/.test(f.name))!;
    h.simulator.faults.inject({ kind: "expired-url", endpoint: "files" });
    expect((await h.request(`/users/${c.user_id}/files/${f.id}`)).status).toBe(410);
    const ok = await h.request(`/users/${c.user_id}/files/${f.id}`);
    expect(ok.status).toBe(307);
    h.simulator.faults.inject({ kind: "expired-url", endpoint: "blobs" });
    expect((await fetch(ok.headers.get("location")!)).status).toBe(410);
    expect((await fetch(ok.headers.get("location")!)).status).toBe(200);
  });

  it("matches endpoints by regex, applies by rate, and clears", async () => {
    h.simulator.faults.inject({ kind: "500", endpoint: "^GET /gpts/\\{gpt_id\\}$", count: 1 });
    const gid = h.workspace.gpts[0].id;
    expect((await h.request(`/gpts/${gid}/configs`)).status).toBe(200);
    expect((await h.request(`/gpts/${gid}`)).status).toBe(500);

    h.simulator.faults.inject({ kind: "500", endpoint: "GET /users", rate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await h.request("/users")).status);
    const failures = statuses.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
    expect(h.simulator.faults.list()).toHaveLength(1);
    expect(h.simulator.faults.clear()).toBe(1);
    expect((await h.request("/users")).status).toBe(200);
  });
});
