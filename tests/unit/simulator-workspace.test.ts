// The seeded generator: determinism, id formats, conversation trees (unordered, hidden system root,
// branches, active leaf), tools/content variety, GPT sharing shapes, and on-demand generation at scale.
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import {
  buildDataset,
  datasetDigest,
  generateWorkspace,
  ID_PATTERNS,
  SIZE_PRESETS,
  VISIBILITIES,
  type ApiConversation,
  type ApiMessage,
  type WorkspaceSize,
} from "@/lib/simulator";
import { renderGizmo } from "@/lib/simulator/gizmos";

const small = SIZE_PRESETS.small;

function allConversations(seed: number, size: WorkspaceSize = small): ApiConversation[] {
  return Array.from(generateWorkspace({ seed, size }).iterateConversations());
}

describe("simulator workspace generator", () => {
  it("is deterministic: same seed and size give identical payloads and dataset hashes", () => {
    const a = generateWorkspace({ seed: 42, size: small });
    const b = generateWorkspace({ seed: 42, size: small });
    expect(a.id).toBe(b.id);
    expect(JSON.stringify(Array.from(a.iterateConversations()))).toBe(JSON.stringify(Array.from(b.iterateConversations())));
    expect(datasetDigest(buildDataset(a))).toBe(datasetDigest(buildDataset(b)));
    const c = generateWorkspace({ seed: 43, size: small });
    expect(datasetDigest(buildDataset(c))).not.toBe(datasetDigest(buildDataset(a)));
  });

  it("regenerates any single conversation on demand, identical to bulk iteration", () => {
    const ws = generateWorkspace({ seed: 7, size: small });
    const bulk = Array.from(ws.iterateConversations());
    const fresh = generateWorkspace({ seed: 7, size: small });
    for (const c of [bulk[0], bulk[17], bulk[bulk.length - 1]]) {
      expect(JSON.stringify(fresh.getConversation(c.id))).toBe(JSON.stringify(c));
    }
  });

  it("has roughly the requested size", () => {
    const ws = generateWorkspace({ seed: 1, size: small });
    expect(ws.users).toHaveLength(10);
    expect(ws.liveConversationCount()).toBe(60);
    expect(ws.liveMessageCount()).toBeGreaterThan(450);
    expect(ws.liveMessageCount()).toBeLessThan(800);
    expect(ws.gpts).toHaveLength(6);
    expect(ws.projects).toHaveLength(3);
    const configs = ws.gpts.reduce((n, g) => n + g.configs.length, 0);
    expect(configs).toBeGreaterThan(6);
    expect(ws.memories.size).toBeGreaterThan(3);
  });

  it("uses the documented id formats", () => {
    const ws = generateWorkspace({ seed: 3, size: small });
    expect(ws.id).toMatch(ID_PATTERNS.workspace);
    for (const u of ws.users) expect(u.id).toMatch(ID_PATTERNS.user);
    for (const g of ws.gpts) {
      expect(g.id).toMatch(ID_PATTERNS.gpt);
      for (const c of g.configs) expect(c.id).toMatch(ID_PATTERNS.gptConfig);
    }
    for (const p of ws.projects) {
      expect(p.id).toMatch(ID_PATTERNS.project);
      for (const c of p.configs) expect(c.id).toMatch(ID_PATTERNS.projectConfig);
    }
    for (const c of ws.iterateConversations()) {
      expect(c.id).toMatch(ID_PATTERNS.conversation);
      expect(c.workspace_id).toBe(ws.id);
      for (const m of c.messages.data) {
        expect(m.id).toMatch(ID_PATTERNS.message);
        for (const f of m.files.data) expect(f.id).toMatch(ID_PATTERNS.file);
      }
    }
  });

  it("builds realistic conversation trees: flat, unordered, null system root, branches, newest leaf active", () => {
    const ws = generateWorkspace({ seed: 11, size: small });
    let nonTopological = 0;
    let branched = 0;
    let danglingRootParent = 0;
    for (const c of ws.iterateConversations()) {
      const msgs = c.messages.data;
      const byId = new Map(msgs.map((m) => [m.id, m]));
      expect(byId.size).toBe(msgs.length);
      const roots = msgs.filter((m) => m.parent_id === null || !byId.has(m.parent_id));
      expect(roots).toHaveLength(1);
      const root = roots[0];
      expect(root.author.role).toBe("system");
      expect(root.content).toBeNull();
      expect(root.created_at).toBeNull();
      if (root.parent_id !== null) danglingRootParent++;

      const position = new Map(msgs.map((m, i) => [m.id, i]));
      if (msgs.some((m) => m.parent_id !== null && byId.has(m.parent_id) && position.get(m.parent_id)! > position.get(m.id)!)) nonTopological++;

      const children = new Map<string, ApiMessage[]>();
      for (const m of msgs) if (m.parent_id && byId.has(m.parent_id)) children.set(m.parent_id, [...(children.get(m.parent_id) ?? []), m]);
      const branchPoints = [...children].filter(([, kids]) => kids.length > 1).map(([id]) => id);
      expect(new Set(ws.branchPoints(c.id))).toEqual(new Set(branchPoints));
      if (branchPoints.length) {
        branched++;
        // Siblings share a role: edited prompts are user siblings, regenerations assistant siblings.
        for (const p of branchPoints) expect(new Set(children.get(p)!.map((k) => k.author.role)).size).toBe(1);
      }

      const leaf = ws.expectedActiveLeaf(c.id)!;
      expect(children.has(leaf)).toBe(false);
      const maxCreated = Math.max(...msgs.map((m) => m.created_at ?? -Infinity));
      expect(byId.get(leaf)!.created_at).toBe(maxCreated);
      for (const m of msgs) if (m.created_at !== null) expect(Number.isFinite(m.created_at)).toBe(true);
      expect(c.last_active_at).toBeGreaterThanOrEqual(maxCreated);
    }
    expect(nonTopological).toBeGreaterThan(50);
    expect(branched).toBeGreaterThan(8);
    expect(danglingRootParent).toBeGreaterThanOrEqual(0);
  });

  it("produces tool messages, null content, unknown content types, citations, GPT/project ids and files", () => {
    const conversations = allConversations(5, { ...small, conversations: 150 });
    const messages = conversations.flatMap((c) => c.messages.data);
    const tools = new Set(messages.filter((m) => m.author.role === "tool").map((m) => m.author.tool_name));
    for (const t of ["python", "browser", "myfiles_browser", "dalle", "deep_research", null]) expect(tools).toContain(t);
    expect(messages.some((m) => m.author.role === "tool" && m.content === null)).toBe(true);
    const types = new Set(messages.filter((m) => m.content).map((m) => m.content!.type));
    expect(types).toContain("text");
    expect([...types].filter((t) => t !== "text").length).toBeGreaterThanOrEqual(3);
    const citations = messages.flatMap((m) => m.content?.annotations ?? []);
    expect(citations.length).toBeGreaterThan(5);
    for (const a of citations) {
      expect(a.type).toBe("url_citation");
      for (const u of a.urls) expect(u).toMatch(/^https:\/\//);
    }
    expect(messages.some((m) => m.gpt_id !== null)).toBe(true);
    expect(messages.some((m) => m.project_id !== null)).toBe(true);
    expect(messages.filter((m) => m.created_at !== null).every((m) => m.created_at! > 1e9)).toBe(true);
    expect(messages.some((m) => m.created_at !== null && !Number.isInteger(m.created_at))).toBe(true);
    const files = messages.flatMap((m) => m.files.data) as Array<{ created_at: number | null; download_url: string | null }>;
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((f) => f.created_at === null && f.download_url === null)).toBe(true);
    expect(files.some((f) => f.created_at !== null)).toBe(true);
    expect(conversations.some((c) => c.title === null) || conversations.every((c) => typeof c.title === "string")).toBe(true);
  });

  it("generates GPTs with every visibility, both recipient shapes, config histories and custom actions", () => {
    const ws = generateWorkspace({ seed: 9, size: SIZE_PRESETS.demo });
    const rendered = ws.gpts.map((g) => renderGizmo(g, ws.users));
    expect(new Set(rendered.map((g) => g.sharing!.visibility))).toEqual(new Set(VISIBILITIES));
    expect(rendered.some((g) => Array.isArray(g.sharing!.recipients))).toBe(true);
    expect(rendered.some((g) => !Array.isArray(g.sharing!.recipients) && g.sharing!.recipients.object === "list")).toBe(true);
    expect(ws.gpts.some((g) => g.configs.length >= 3)).toBe(true);
    const tools = ws.gpts.flatMap((g) => g.configs.flatMap((c) => c.tools));
    const action = tools.find((t) => t.type === "custom_action");
    expect(action?.action?.openapi).toMatch(/^openapi: 3\.1\.0/);
    for (const g of ws.gpts) {
      const times = g.configs.map((c) => c.createdAt);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
    const latest = rendered[0].latest_config;
    expect(latest.object).toBe("list");
    expect(latest.data).toHaveLength(1);
    expect(latest.last_id).toBe(latest.data[0].id);
  });

  it("iterates a 20,000-message workspace one conversation at a time with bounded memory", () => {
    // A real GC between samples, so the heap figure is what is retained, not garbage not yet collected.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const ws = generateWorkspace({ seed: 21, size: { ...SIZE_PRESETS.demo, conversations: 1_400, messagesPerConversation: 15 } });
    expect(ws.liveMessageCount()).toBeGreaterThan(19_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    let retainedPeak = 0;
    let messages = 0;
    let bytes = 0;
    let i = 0;
    for (const c of ws.iterateConversations()) {
      messages += c.messages.data.length;
      bytes += JSON.stringify(c).length;
      if (++i % 200 === 0) {
        gc();
        retainedPeak = Math.max(retainedPeak, process.memoryUsage().heapUsed - before);
      }
    }
    expect(messages).toBe(ws.liveMessageCount());
    // ~20 MB of payloads went through; what stays in the heap is a small constant (caches, JIT).
    expect(bytes).toBeGreaterThan(15_000_000);
    expect(retainedPeak).toBeLessThan(16_000_000);
  });

  it("indexes a workspace without generating text (index only: id, owner, update time, count)", () => {
    const ws = generateWorkspace({ seed: 2, size: { ...SIZE_PRESETS.large, conversations: 5_000 } });
    const e = ws.conversations[1234];
    expect(e.id).toMatch(ID_PATTERNS.conversation);
    expect(e.updatedAt).toBeGreaterThan(e.createdAt);
    expect(ws.getConversation(e.id)!.messages.data).toHaveLength(e.messageCount);
  });
});
