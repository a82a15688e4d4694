// The Compliance API client against the simulator over real HTTP: every read endpoint parses what the
// simulator serves, paging survives short pages, cursors follow the since/after rule, typed errors,
// retries under injected faults, Retry-After measured on the server's own request log, and downloads
// that follow the 307 without the key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ComplianceClient, type ComplianceClientOptions, type Page } from "@/lib/compliance-api/client";
import { ComplianceApiError } from "@/lib/compliance-api/errors";
import { getFileDownloadUrl, type Conversation } from "@/lib/compliance-api/schemas";
import {
  buildDataset,
  createSimulator,
  generateWorkspace,
  SIZE_PRESETS,
  type Dataset,
  type Simulator,
  type Workspace,
} from "@/lib/simulator";

const KEYS = { full: "sk-itest-full-KEY-0001", deleteOnly: "sk-itest-dele-KEY-0002", revoked: "sk-itest-gone-KEY-0003" };

let simulator: Simulator;
let workspace: Workspace;
let dataset: Dataset;
let apiBaseUrl: string;

beforeAll(async () => {
  workspace = generateWorkspace({ seed: 4242, size: SIZE_PRESETS.small });
  dataset = buildDataset(workspace, { includeFileContent: true });
  // Real clock: the 429 test compares the server's arrival times.
  simulator = createSimulator({
    workspace,
    apiKeys: [
      { key: KEYS.full, scopes: ["read", "delete"] },
      { key: KEYS.deleteOnly, scopes: ["delete"] },
    ],
    rateLimits: null,
    shortPageRate: 0.5,
  });
  ({ apiBaseUrl } = await simulator.listen());
});

afterAll(async () => {
  await simulator?.close();
});

beforeEach(() => {
  simulator.faults.clear();
  simulator.resetStats();
});

function client(extra: Partial<ComplianceClientOptions> = {}) {
  return new ComplianceClient({
    baseUrl: apiBaseUrl,
    workspaceId: workspace.id,
    apiKey: KEYS.full,
    limits: null,
    retryBaseMs: 1,
    retryMaxMs: 10,
    maxAttempts: 4,
    ...extra,
  });
}

async function collect<T>(pages: AsyncGenerator<Page<T>, void, undefined>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

function values<T>(pages: Page<T>[]): T[] {
  return pages.flatMap((p) =>
    p.items.map((i) => {
      if (!i.ok) throw new Error(`unexpected invalid record: ${i.error}`);
      return i.value;
    }),
  );
}

async function failure(promise: Promise<unknown>): Promise<ComplianceApiError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ComplianceApiError);
    const e = err as ComplianceApiError;
    for (const key of Object.values(KEYS)) expect(e.message).not.toContain(key);
    return e;
  }
  throw new Error("expected a ComplianceApiError");
}

const log = () => simulator.stats.snapshot().log;

describe("reading the whole simulated workspace", () => {
  it("parses every endpoint's payloads and pages through short pages", async () => {
    const c = client();
    expect((await c.testConnection()).ok).toBe(true);

    const users = values(await collect(c.listUsers({ limit: 3 })));
    expect(users.map((u) => u.id).sort()).toEqual(Object.keys(dataset.users).sort());

    const conversationPages = await collect(c.listConversations({ limit: 7 }));
    expect(conversationPages.some((p) => p.hasMore && p.items.length < 7)).toBe(true);
    const conversations = new Map<string, Conversation>();
    for (const conv of values(conversationPages)) conversations.set(conv.id, conv);
    expect([...conversations.keys()].sort()).toEqual(Object.keys(dataset.conversations).sort());
    for (const conv of conversations.values()) {
      expect(conv.messages.data).toHaveLength(dataset.conversations[conv.id].messageCount);
    }

    const gpts = values(await collect(c.listGpts({ limit: 2 })));
    expect(gpts.map((g) => g.id).sort()).toEqual(Object.keys(dataset.gpts).sort());
    for (const gpt of gpts) {
      const configs = values(await collect(c.listGptConfigs(gpt.id, { limit: 1 })));
      expect(configs.map((x) => x.id).sort()).toEqual(dataset.gpts[gpt.id].configs.map((x) => x.id).sort());
      const shared = values(await collect(c.listGptSharedUsers(gpt.id)));
      expect(shared.map((u) => u.id).sort()).toEqual([...dataset.gpts[gpt.id].sharedUserIds].sort());
      const single = await c.getGpt(gpt.id);
      expect(single.ok && single.value.id).toBe(gpt.id);
    }

    const projects = values(await collect(c.listProjects()));
    expect(projects.map((p) => p.id).sort()).toEqual(Object.keys(dataset.projects).sort());
    for (const project of projects) {
      expect(values(await collect(c.listProjectConfigs(project.id))).length).toBe(dataset.projects[project.id].configs.length);
      values(await collect(c.listProjectSharedUsers(project.id)));
      expect((await c.getProject(project.id)).ok).toBe(true);
    }

    const memories = values(await collect(c.listMemories({ limit: 2 })));
    expect(memories.map((m) => m.id).sort()).toEqual(Object.keys(dataset.memories).sort());
    const someone = memories[0];
    expect(values(await collect(c.listUserMemories(someone.id))).map((m) => m.id)).toEqual([someone.id]);

    // Every request the client made reached the simulator, and nothing else did.
    expect(simulator.stats.total).toBe(c.requestCount);
  });

  it("sends since_timestamp only on the first conversations page and after= on the others", async () => {
    const c = client();
    await collect(c.listConversations({ sinceTimestamp: 1_600_000_000, limit: 5 }));
    const requests = log().filter((e) => e.endpoint === "GET /conversations");
    expect(requests.length).toBeGreaterThan(2);
    const queries = requests.map((e) => new URLSearchParams(e.query));
    expect(queries[0].get("since_timestamp")).toBe("1600000000");
    expect(queries[0].has("after")).toBe(false);
    for (const q of queries.slice(1)) {
      expect(q.has("since_timestamp")).toBe(false);
      expect(q.get("after")).toBeTruthy();
      expect(q.get("limit")).toBe("5");
    }
    expect(requests.every((e) => e.status === 200)).toBe(true);
  });
});

describe("typed errors", () => {
  it("401 for a bad key, 403 for a key without read scope, 404 for an unknown workspace", async () => {
    const unauthorized = await failure(client({ apiKey: KEYS.revoked }).testConnection());
    expect(unauthorized).toMatchObject({ kind: "unauthorized", status: 401, retryable: false });
    expect(unauthorized.message).toMatch(/API key was rejected \(401\)/);

    const forbidden = await failure(collect(client({ apiKey: KEYS.deleteOnly }).listConversations()));
    expect(forbidden).toMatchObject({ kind: "forbidden", status: 403 });
    expect(forbidden.message).toMatch(/lacks the compliance read scope \(403\)/);

    const otherWorkspace = "00000000-0000-4000-8000-000000000000";
    const notFound = await failure(collect(client({ workspaceId: otherWorkspace }).listUsers()));
    expect(notFound).toMatchObject({ kind: "not_found", status: 404 });
    expect(notFound.message).toContain(`Unknown workspace id "${otherWorkspace}"`);

    const gpt = await failure(client().getGpt("g-00000000000000000000000000000000"));
    expect(gpt.kind).toBe("not_found");
    expect(simulator.stats.total).toBe(4);
  });
});

describe("faults", () => {
  const transient = [
    { kind: "500", expected: "server" },
    { kind: "502", expected: "server" },
    { kind: "drop", expected: "network" },
    { kind: "truncated", expected: "invalid_response" },
    { kind: "slow", expected: "network" },
  ] as const;

  // "slow" answers after 600 ms; the client gives up on an attempt after 250 ms without progress.
  const SLOW_MS = 600;
  /** The simulator logs a slow request only once it answers: let those answers land inside the test. */
  const settle = (kind: string) => (kind === "slow" ? new Promise((r) => setTimeout(r, SLOW_MS + 200)) : Promise.resolve());

  it.each(transient)("recovers from $kind within maxAttempts", async ({ kind }) => {
    simulator.faults.inject({ kind, endpoint: "GET /users", count: 3, delayMs: SLOW_MS });
    const c = client({ timeoutMs: 250 });
    const pages = await collect(c.listUsers());
    expect(values(pages)).toHaveLength(Object.keys(dataset.users).length);
    expect(c.requestCount).toBe(pages.length + 3);
    await settle(kind);
    expect(log().filter((e) => e.endpoint === "GET /users" && e.fault === kind)).toHaveLength(3);
  });

  it.each(transient)("gives up on persistent $kind after maxAttempts", async ({ kind, expected }) => {
    simulator.faults.inject({ kind, endpoint: "GET /gpts", count: 50, delayMs: SLOW_MS });
    const c = client({ timeoutMs: 250, maxAttempts: 3 });
    const e = await failure(collect(c.listGpts()));
    expect(e).toMatchObject({ kind: expected, attempts: 3, retryable: true });
    expect(c.requestCount).toBe(3);
    await settle(kind);
    expect(log().filter((x) => x.endpoint === "GET /gpts")).toHaveLength(3);
  });

  it("quarantines an invalid record without losing the rest of its page", async () => {
    simulator.faults.inject({ kind: "invalid-record", endpoint: "GET /conversations", count: 1 });
    const pages = await collect(client().listConversations({ limit: 10 }));
    const items = pages.flatMap((p) => p.items);
    const broken = items.filter((i) => !i.ok);
    expect(broken).toHaveLength(1);
    expect(items.filter((i) => i.ok).length).toBe(Object.keys(dataset.conversations).length - 1);
    const label = log().find((e) => e.fault?.startsWith("invalid-record"))?.fault;
    expect(label).toBeDefined();
    const brokenItem = broken[0];
    if (!brokenItem.ok) expect(brokenItem.error).toMatch(/role|id/);
  });

  it("waits out Retry-After before the next request to that endpoint (server-side timestamps)", async () => {
    simulator.faults.inject({ kind: "429", endpoint: "GET /users", count: 1, retryAfterSeconds: 1 });
    const c = client();
    const [users, gpts] = await Promise.all([collect(c.listUsers()), collect(c.listGpts())]);
    expect(values(users).length).toBe(Object.keys(dataset.users).length);
    expect(values(gpts).length).toBe(Object.keys(dataset.gpts).length);
    const userRequests = log().filter((e) => e.endpoint === "GET /users");
    expect(userRequests[0].status).toBe(429);
    for (const later of userRequests.slice(1)) expect(later.time - userRequests[0].time).toBeGreaterThanOrEqual(1_000);
    // Other endpoints are not held back.
    const gptRequests = log().filter((e) => e.endpoint === "GET /gpts");
    expect(gptRequests[0].time - userRequests[0].time).toBeLessThan(1_000);
  });
});

describe("file downloads", () => {
  const firstGptFile = () => Object.values(dataset.files).find((f) => f.scope === "gpt" && f.contentSha256)!;

  it("follows the 307 to the blob host without the API key and hashes the bytes", async () => {
    const file = firstGptFile();
    const c = client();
    const got = await c.downloadGptFile(file.id);
    expect(got.sha256).toBe(file.contentSha256);
    expect(got.size).toBe(file.size);
    expect(got.bytes?.length).toBe(file.size);
    const [redirect, blob] = log();
    expect(redirect).toMatchObject({ endpoint: "GET /gpt_files/{file_id}", status: 307, keyLast4: KEYS.full.slice(-4) });
    expect(blob).toMatchObject({ endpoint: "GET /blobs/{file_id}", status: 200, keyLast4: null });

    const chunks: Buffer[] = [];
    const streamed = await c.downloadGptFile(file.id, { sink: (chunk) => void chunks.push(Buffer.from(chunk)) });
    expect(streamed.bytes).toBeUndefined();
    expect(streamed.sha256).toBe(file.contentSha256);
    expect(Buffer.concat(chunks).length).toBe(file.size);
  });

  it("downloads live user files (conversation_id for audio/video) and maps expired ones to gone", async () => {
    const c = client();
    const live = Object.values(dataset.files).find((f) => f.scope === "user" && !f.expired && f.contentSha256);
    expect(live).toBeDefined();
    const got = await c.downloadUserFile(live!.ownerId!, live!.id, { conversationId: live!.conversationId });
    expect(got.sha256).toBe(live!.contentSha256);

    const expired = Object.values(dataset.files).find((f) => f.scope === "user" && f.expired);
    if (expired) {
      const e = await failure(c.downloadUserFile(expired.ownerId!, expired.id, { conversationId: expired.conversationId }));
      expect(e).toMatchObject({ kind: "gone", status: 410 });
    }

    simulator.faults.inject({ kind: "expired-url", endpoint: "GET /project_files", count: 1 });
    const projectFile = Object.values(dataset.files).find((f) => f.scope === "project");
    if (projectFile) expect(await failure(c.downloadProjectFile(projectFile.id))).toMatchObject({ kind: "gone" });

    expect(await failure(c.downloadGptFile("file-DoesNotExist000000000"))).toMatchObject({ kind: "not_found", status: 404 });
  });

  it("downloads an embedded download_url without the key; an expired blob is gone", async () => {
    const c = client();
    let url: string | null = null;
    let fileId = "";
    for await (const page of c.listConversations()) {
      for (const item of page.items) {
        if (!item.ok) continue;
        for (const m of item.value.messages.data) {
          for (const f of m.files.data) {
            const u = getFileDownloadUrl(f);
            if (u && !url) {
              url = u;
              fileId = f.id;
            }
          }
        }
      }
    }
    expect(url).not.toBeNull();
    simulator.resetStats();
    const got = await c.downloadUrl(url!);
    expect(got.sha256).toBe(dataset.files[fileId].contentSha256);
    expect(log()[0]).toMatchObject({ endpoint: "GET /blobs/{file_id}", keyLast4: null });

    simulator.faults.inject({ kind: "expired-url", endpoint: "GET /blobs", count: 1 });
    expect(await failure(c.downloadUrl(url!))).toMatchObject({ kind: "gone", endpoint: "blob" });
  });
});
