// The control API used by `npm run simulator` and the demo: bearer-token protected mutations, faults,
// stats and dataset summary; plus launchSimulator's derived credentials.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchSimulator, startTestSimulator, type ApiConversation, type ApiList, type DatasetSummary, type MutationResult, type StatsSnapshot, type TestHarness } from "@/lib/simulator";

describe("simulator control API", () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await startTestSimulator({ seed: 64, shortPageRate: 0 });
  });
  afterAll(() => h.close());

  it("requires the control token", async () => {
    expect((await h.control("/__control/stats", { token: null })).status).toBe(401);
    expect((await h.control("/__control/stats", { token: "wrong" })).status).toBe(401);
    expect((await h.control("/__control/mutate", { body: { op: "addConversations", n: 1 }, token: h.keys.full })).status).toBe(401);
    expect((await h.control("/__control/stats")).status).toBe(200);
  });

  it("applies mutations whose changes are visible via since_timestamp", async () => {
    const watermark = Math.floor(h.clock.now() / 1000);
    h.clock.advance(2_000);
    const res = await h.control("/__control/mutate", { body: { op: "addMessages", conversations: 2, messagesEach: 3, mode: "append" } });
    expect(res.status).toBe(200);
    const result = (await res.json()) as MutationResult;
    expect(result.op).toBe("addMessages");
    expect(result.messageIds).toHaveLength(6);
    const page = await h.getJson<ApiList<ApiConversation>>("/conversations", { query: { since_timestamp: watermark } });
    expect(new Set(page.data.map((c) => c.id))).toEqual(new Set(result.conversationIds));

    const bad = await h.control("/__control/mutate", { body: { op: "explode" } });
    expect(bad.status).toBe(400);
    const unknown = await h.control("/__control/mutate", { body: { op: "retitleConversation", id: "nope" } });
    expect(unknown.status).toBe(404);
  });

  it("injects and clears faults", async () => {
    const res = await h.control("/__control/faults", { body: { kind: "500", endpoint: "GET /users", count: 5 } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toMatch(/^fault_/);
    expect((await h.request("/users")).status).toBe(500);
    expect((await h.control("/__control/faults", { body: { kind: "boom" } })).status).toBe(400);
    const cleared = await h.control("/__control/faults", { method: "DELETE" });
    expect(await cleared.json()).toEqual({ cleared: 1 });
    expect((await h.request("/users")).status).toBe(200);
  });

  it("reports stats and the dataset summary", async () => {
    await h.control("/__control/stats", { method: "DELETE" });
    await h.request("/users");
    await h.request("/gpts");
    const stats = (await (await h.control("/__control/stats")).json()) as StatsSnapshot;
    expect(stats.total).toBe(2);
    expect(stats.byEndpoint).toEqual({ "GET /users": 1, "GET /gpts": 1 });
    const summary = (await (await h.control("/__control/dataset/summary")).json()) as DatasetSummary;
    expect(summary.workspaceId).toBe(h.workspace.id);
    expect(summary.conversations).toBe(h.workspace.liveConversationCount());
    expect(summary.messages).toBe(h.workspace.liveMessageCount());
    expect(summary.branchedConversations).toBeGreaterThan(0);
  });

  it("launchSimulator derives stable credentials from the seed", async () => {
    const a = await launchSimulator({ seed: 42, size: "small", rateLimits: null });
    try {
      const b = await launchSimulator({ seed: 42, size: "small", rateLimits: null });
      try {
        expect(b.apiKey).toBe(a.apiKey);
        expect(b.workspaceId).toBe(a.workspaceId);
        expect(b.controlToken).toBe(a.controlToken);
      } finally {
        await b.simulator.close();
      }
      const res = await fetch(`${a.apiBaseUrl}/compliance/workspaces/${a.workspaceId}/users`, { headers: { authorization: `Bearer ${a.apiKey}` } });
      expect(res.status).toBe(200);
      const info = await fetch(`${a.url}/__control/info`, { headers: { authorization: `Bearer ${a.controlToken}` } });
      expect(((await info.json()) as { workspaceId: string }).workspaceId).toBe(a.workspaceId);
      const del = await fetch(`${a.apiBaseUrl}/compliance/workspaces/${a.workspaceId}/conversations/${a.simulator.workspace.conversations[0].id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${a.readOnlyApiKey}` },
      });
      expect(del.status).toBe(403);
    } finally {
      await a.simulator.close();
    }
  });
});
