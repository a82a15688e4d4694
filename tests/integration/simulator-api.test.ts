// The simulator over real HTTP: envelopes and ids, pagination (short pages with has_more, since_timestamp
// inclusive, after+since conflict, reappearance of updated conversations), auth and scope errors, rate
// limits, GPT/project/memory endpoints, deletions, and mutations visible through since_timestamp.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDataset, ID_PATTERNS, startTestSimulator, type ApiConversation, type ApiGizmo, type ApiGizmoConfig, type ApiList, type ApiMemory, type ApiUser, type TestHarness } from "@/lib/simulator";

type Page<T> = ApiList<T>;

async function collect<T extends { id: string }>(h: TestHarness, path: string, query: Record<string, string | number | string[]> = {}, first?: Record<string, string | number>) {
  const pages: Page<T>[] = [];
  let q: Record<string, string | number | string[]> = { ...query, ...(first ?? {}) };
  for (let i = 0; i < 1_000; i++) {
    const page = await h.getJson<Page<T>>(path, { query: q });
    pages.push(page);
    if (!page.has_more) break;
    q = { ...query, after: page.last_id! };
  }
  return { pages, items: pages.flatMap((p) => p.data) };
}

describe("simulator HTTP API", () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await startTestSimulator({ seed: 101, shortPageRate: 0.5 });
  });
  afterAll(() => h.close());

  it("lists users in ascending id order with list envelopes and short pages", async () => {
    const { pages, items } = await collect<ApiUser>(h, "/users", { limit: 3 });
    expect(items.map((u) => u.id)).toEqual(h.workspace.usersInIdOrder().map((u) => u.id));
    for (const p of pages) {
      expect(p.object).toBe("list");
      expect(p.last_id).toBe(p.data.length ? p.data[p.data.length - 1].id : null);
    }
    const u = items[0];
    expect(u.object).toBe("compliance.workspace.user");
    expect(u.id).toMatch(ID_PATTERNS.user);
    expect(["account-owner", "account-admin", "standard-user"]).toContain(u.role);
    expect(["active", "inactive"]).toContain(u.status);
  });

  it("returns pages shorter than limit while has_more is true (shortPageRate 1)", async () => {
    const s = await startTestSimulator({ seed: 101, shortPageRate: 1 });
    try {
      const users = await collect<ApiUser>(s, "/users", { limit: 4 });
      expect(users.items).toHaveLength(10);
      for (const p of users.pages.slice(0, -1)) {
        expect(p.has_more).toBe(true);
        expect(p.data.length).toBeLessThan(4);
      }
      const convs = await collect<ApiConversation>(s, "/conversations", { limit: 50 }, { since_timestamp: 0 });
      expect(convs.items).toHaveLength(60);
      expect(convs.pages[0].data.length).toBeLessThan(50);
      expect(convs.pages[0].has_more).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("pages all conversations by hidden update time; short pages keep has_more true", async () => {
    const { pages, items } = await collect<ApiConversation>(h, "/conversations", { limit: 7 }, { since_timestamp: 0 });
    const truth = buildDataset(h.workspace, { includeMessages: false });
    expect(new Set(items.map((c) => c.id))).toEqual(new Set(Object.keys(truth.conversations)));
    expect(items).toHaveLength(Object.keys(truth.conversations).length);
    expect(pages.some((p) => p.has_more && p.data.length < 7)).toBe(true);
    const times = items.map((c) => h.workspace.conversationEntry(c.id)!.updatedAt);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const c = items[0];
    expect(c.object).toBe("compliance.workspace.conversation");
    expect(c.messages.object).toBe("list");
    expect(c.messages.has_more).toBe(false);
    expect(c.messages.data[0].author.object).toBe("compliance.workspace.conversation.message.author");
    expect(c.user_email).toContain("@");
  });

  it("defaults to 500 per page and rejects limits over 500 and non-integer since_timestamp", async () => {
    const r = await h.request("/conversations", { query: { limit: 501 } });
    expect(r.status).toBe(422);
    const body = (await r.json()) as { detail: Array<{ loc: string[] }> };
    expect(body.detail[0].loc).toEqual(["query", "limit"]);
    expect((await h.request("/conversations", { query: { since_timestamp: "1.5" } })).status).toBe(422);
    expect((await h.request("/conversations", { query: { file_format: "blob" } })).status).toBe(422);
  });

  it("rejects after + since_timestamp together (1.1.5) and lets after win in 1.1.1 mode", async () => {
    const first = await h.getJson<Page<ApiConversation>>("/conversations", { query: { since_timestamp: 0, limit: 2 } });
    const both = await h.request("/conversations", { query: { since_timestamp: 0, after: first.last_id! } });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { detail: string }).detail).toMatch(/after/);

    const old = await startTestSimulator({ seed: 101, conversationsMode: "1.1.1", shortPageRate: 0 });
    try {
      const p1 = await old.getJson<Page<ApiConversation>>("/conversations", { query: { since_timestamp: 0, limit: 2 } });
      const p2 = await old.getJson<Page<ApiConversation>>("/conversations", { query: { since_timestamp: 4_000_000_000, after: p1.last_id!, limit: 2 } });
      expect(p2.data).toHaveLength(2);
    } finally {
      await old.close();
    }
  });

  it("treats since_timestamp as an inclusive integer", async () => {
    const s = await startTestSimulator({ seed: 5, shortPageRate: 0, startAt: Date.UTC(2026, 10, 2, 12, 0, 0) });
    try {
      const r = s.simulator.mutate.retitleConversation();
      expect(r.at).toBe(Date.UTC(2026, 10, 2, 12, 0, 0) / 1000);
      const at = await s.getJson<Page<ApiConversation>>("/conversations", { query: { since_timestamp: r.at! } });
      expect(at.data.map((c) => c.id)).toEqual(r.conversationIds);
      const after = await s.getJson<Page<ApiConversation>>("/conversations", { query: { since_timestamp: r.at! + 1 } });
      expect(after.data).toHaveLength(0);
      expect(after.has_more).toBe(false);
      expect(after.last_id).toBeNull();
    } finally {
      await s.close();
    }
  });

  it("returns a conversation again later when it is updated between pages", async () => {
    const s = await startTestSimulator({ seed: 6, shortPageRate: 0 });
    try {
      const p1 = await s.getJson<Page<ApiConversation>>("/conversations", { query: { since_timestamp: 0, limit: 5 } });
      const moved = p1.data[1];
      s.clock.advance(1_000);
      const r = s.simulator.mutate.retitleConversation(moved.id);
      const rest = await collect<ApiConversation>(s, "/conversations", { limit: 5 }, { after: p1.last_id! });
      const again = rest.items.filter((c) => c.id === moved.id);
      expect(again).toHaveLength(1);
      expect(again[0].title).toBe(r.title);
      expect(rest.items[rest.items.length - 1].id).toBe(moved.id);
      // Everything is seen at least once: dedupe by id, as the spec tells clients to.
      const seen = new Set([...p1.data, ...rest.items].map((c) => c.id));
      expect(seen.size).toBe(s.workspace.liveConversationCount());
    } finally {
      await s.close();
    }
  });

  it("filters by repeated users and serves file_format=id", async () => {
    const users = h.workspace.users.slice(0, 2).map((u) => u.id);
    const { items } = await collect<ApiConversation>(h, "/conversations", { users, file_format: "id" }, { since_timestamp: 0 });
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) expect(users).toContain(c.user_id);
    const expected = Object.values(buildDataset(h.workspace, { includeMessages: false }).conversations).filter((c) => users.includes(c.userId));
    expect(items).toHaveLength(expected.length);
    const files = items.flatMap((c) => c.messages.data.flatMap((m) => m.files.data));
    for (const f of files) {
      expect(f.object).toBe("compliance.workspace.conversation.message.file_info");
      expect("download_url" in f).toBe(false);
    }
  });

  it("answers 401, 403 and 404 as documented", async () => {
    expect((await h.request("/users", { key: null })).status).toBe(401);
    const bad = await h.request("/users", { key: "sk-wrong" });
    expect(bad.status).toBe(401);
    expect(Object.keys((await bad.json()) as object)).toEqual(["detail"]);
    expect((await h.request("/users", { key: h.keys.deleteOnly })).status).toBe(403);
    const id = h.workspace.conversations[0].id;
    expect((await h.request(`/conversations/${id}`, { method: "DELETE", key: h.keys.readOnly })).status).toBe(403);
    const other = h.workspaceUrl.replace(h.workspace.id, "00000000-0000-4000-8000-000000000000");
    expect((await h.request(`${other}/users`)).status).toBe(404);
    expect((await h.request("/no-such-endpoint")).status).toBe(404);
    expect((await h.request(`/gpts/${h.workspace.gpts[0].id}/nothing`)).status).toBe(404);
    expect((await h.request("/gpts/not-a-gpt-id")).status).toBe(400);
    expect((await h.request("/gpts/g-00000000000000000000000000000000")).status).toBe(404);
  });

  it("serves GPTs: list, one, configs newest first, shared users, third-party public info", async () => {
    const { items } = await collect<ApiGizmo>(h, "/gpts", { limit: 2 });
    expect(items.map((g) => g.id)).toEqual(h.workspace.gizmosInIdOrder("gpt").map((g) => g.id));
    const g = h.workspace.gpts.find((x) => x.configs.length >= 2)!;
    const one = await h.getJson<ApiGizmo>(`/gpts/${g.id}`);
    expect(one.id).toBe(g.id);
    expect(one.latest_config.data[0].id).toBe(g.configs[g.configs.length - 1].id);
    const configs = await collect<ApiGizmoConfig>(h, `/gpts/${g.id}/configs`, { limit: 1 });
    expect(configs.items.map((c) => c.id)).toEqual(g.configs.map((c) => c.id).reverse());
    for (const c of configs.items) expect(c.id).toMatch(ID_PATTERNS.gptConfig);
    const shared = await h.getJson<Page<ApiUser>>(`/gpts/${g.id}/shared_users`);
    expect(shared.data.map((u) => u.id)).toEqual(g.recipients.map((r) => h.workspace.users[r.userIdx].id).sort());
    const third = h.workspace.thirdPartyGpts[0];
    const pub = await h.getJson<Record<string, unknown>>(`/gpts/${third.id}`);
    expect(pub.owner_id).toBeUndefined();
    expect(pub.sharing).toBeUndefined();
    const ids = await h.getJson<ApiGizmo>(`/gpts/${g.id}`, { query: { file_format: "id" } });
    for (const f of ids.latest_config.data[0].files.data) expect(f.object).toBe("compliance.workspace.gpt.file_info");
  });

  it("serves projects like GPTs", async () => {
    const { items } = await collect<ApiGizmo>(h, "/projects");
    expect(items).toHaveLength(h.workspace.projects.length);
    const p = items[0];
    expect(p.object).toBe("compliance.workspace.project");
    expect(p.id).toMatch(ID_PATTERNS.project);
    const configs = await h.getJson<Page<ApiGizmoConfig>>(`/projects/${p.id}/configs`);
    expect(configs.data[0].object).toBe("compliance.workspace.project.configuration");
    expect(configs.data[0].version_author).toBeUndefined();
    expect((await h.request(`/projects/${p.id}/shared_users`)).status).toBe(200);
  });

  it("serves memories per workspace (paged by user id, since_timestamp) and per user", async () => {
    const { items } = await collect<ApiMemory>(h, "/memories", { limit: 2 });
    expect(items.map((m) => m.id)).toEqual(h.workspace.memoriesInIdOrder().map((m) => m.userId));
    const m = items[0];
    expect(m.object).toBe("compliance.workspace.user.memory");
    expect(m.memory_contexts[0].memory_entries[0].object).toBe("compliance.workspace.user.memory.context.entry");
    const one = await h.getJson<Page<ApiMemory>>(`/users/${m.id}/memories`);
    expect(one.data).toEqual([m]);
    expect((await h.request("/users/user-000000000000000000000000/memories")).status).toBe(404);
    const none = await h.getJson<Page<ApiMemory>>("/memories", { query: { since_timestamp: 4_000_000_000 } });
    expect(none.data).toHaveLength(0);
    expect((await h.request("/memories", { query: { limit: 201 } })).status).toBe(422);
  });

  it("rate-limits per key and endpoint with 429 and an integer Retry-After", async () => {
    const s = await startTestSimulator({ seed: 3, rateLimits: { list: 3, object: 5 } });
    try {
      for (let i = 0; i < 3; i++) expect((await s.request("/users")).status).toBe(200);
      const limited = await s.request("/users");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      expect((await s.request("/users", { key: s.keys.readOnly })).status).toBe(200);
      expect((await s.request("/gpts")).status).toBe(200);
      s.clock.advance(61_000);
      expect((await s.request("/users")).status).toBe(200);
      const g = s.workspace.gpts[0].id;
      for (let i = 0; i < 5; i++) expect((await s.request(`/gpts/${g}`)).status).toBe(200);
      expect((await s.request(`/gpts/${g}`)).status).toBe(429);
      expect(s.simulator.stats.byStatus["429"]).toBe(2);
    } finally {
      await s.close();
    }
  });

  it("deletes conversations, GPTs and memories with DeletionResponse", async () => {
    const s = await startTestSimulator({ seed: 12 });
    try {
      const cid = s.workspace.conversations[3].id;
      const del = await s.request(`/conversations/${cid}`, { method: "DELETE" });
      expect(del.status).toBe(200);
      expect(await del.json()).toEqual({ object: "compliance.workspace.conversation.deleted", id: cid, deleted: true });
      expect((await s.request(`/conversations/${cid}`, { method: "DELETE" })).status).toBe(404);
      const all = await collect<ApiConversation>(s, "/conversations", {}, { since_timestamp: 0 });
      expect(all.items.some((c) => c.id === cid)).toBe(false);

      const gid = s.workspace.gpts[0].id;
      const gdel = await s.request(`/gpts/${gid}`, { method: "DELETE" });
      expect(((await gdel.json()) as { deleted: boolean }).deleted).toBe(true);
      expect((await s.request(`/gpts/${gid}`)).status).toBe(404);
      expect((await s.request(`/gpts/${gid}/configs`)).status).toBe(404);

      const m = s.workspace.memoriesInIdOrder()[0];
      const ctx = m.contexts.find((c) => c.entries.length)!;
      const entry = ctx.entries[0];
      const mdel = await s.request(`/users/${m.userId}/memory_contexts/${ctx.id}/memories/${entry.id}`, { method: "DELETE" });
      expect(mdel.status).toBe(200);
      const after = await s.getJson<Page<ApiMemory>>(`/users/${m.userId}/memories`);
      expect(after.data[0].memory_contexts.flatMap((c) => c.memory_entries.map((e) => e.id))).not.toContain(entry.id);
    } finally {
      await s.close();
    }
  });

  it("makes mutations visible through since_timestamp", async () => {
    const s = await startTestSimulator({ seed: 31 });
    try {
      const watermark = Math.floor(s.clock.now() / 1000);
      s.clock.advance(5_000);
      const added = s.simulator.mutate.addMessages({ conversations: 3, messagesEach: 2 });
      const created = s.simulator.mutate.addConversations(2);
      const retitled = s.simulator.mutate.retitleConversation();
      const { items } = await collect<ApiConversation>(s, "/conversations", {}, { since_timestamp: watermark });
      const ids = new Set(items.map((c) => c.id));
      for (const id of [...added.conversationIds, ...created.conversationIds, ...retitled.conversationIds]) expect(ids).toContain(id);
      expect(items.length).toBe(new Set([...added.conversationIds, ...created.conversationIds, ...retitled.conversationIds]).size);
      for (const id of added.messageIds) expect(items.some((c) => c.messages.data.some((m) => m.id === id))).toBe(true);

      const memWatermark = Math.floor(s.clock.now() / 1000);
      s.clock.advance(1_000);
      const mem = s.simulator.mutate.changeMemories(1);
      const mems = await s.getJson<Page<ApiMemory>>("/memories", { query: { since_timestamp: memWatermark } });
      expect(mems.data.map((m) => m.id)).toEqual(mem.userIds);
    } finally {
      await s.close();
    }
  });

  it("counts requests per endpoint template and keeps a bounded log", async () => {
    const s = await startTestSimulator({ seed: 2 });
    try {
      await s.request("/users", { query: { limit: 2 } });
      await s.request(`/gpts/${s.workspace.gpts[0].id}/configs`);
      await s.request("/users", { key: null });
      const st = s.simulator.stats;
      expect(st.total).toBe(3);
      expect(st.count("GET /users")).toBe(2);
      expect(st.count("GET /gpts/{gpt_id}/configs")).toBe(1);
      expect(st.log[0]).toMatchObject({ method: "GET", query: "limit=2", status: 200, endpoint: "GET /users" });
      expect(st.log[2].status).toBe(401);
      s.simulator.resetStats();
      expect(s.simulator.stats.total).toBe(0);
    } finally {
      await s.close();
    }
  });
});
