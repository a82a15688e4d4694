// The client over real HTTP against small node:http servers started here (no mocked fetch): paging,
// cursor rules, typed errors, retries, Retry-After, redirects without the key, downloads.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ComplianceClient, type ComplianceClientOptions, type ComplianceRequestInfo, type Page } from "@/lib/compliance-api/client";
import { ComplianceApiError } from "@/lib/compliance-api/errors";

const API_KEY = "sk-test-SECRET-0123456789abcdef";
const WS = "11bf645e-d5e8-4478-a70e-e5742ded2436";
const PREFIX = `/v1/compliance/workspaces/${WS}`;

type Recorded = { path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; at: number };
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, rec: Recorded) => unknown;

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

async function startServer(handler: Handler) {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const rec: Recorded = { path: url.pathname, query: url.searchParams, headers: req.headers, at: Date.now() };
    requests.push(rec);
    Promise.resolve(handler(req, res, rec)).catch((err: unknown) => {
      res.statusCode = 599;
      res.end(String(err));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, apiBaseUrl: `${url}/v1`, hits: (suffix: string) => requests.filter((r) => r.path === PREFIX + suffix) };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function client(baseUrl: string, extra: Partial<ComplianceClientOptions> = {}) {
  return new ComplianceClient({
    baseUrl,
    workspaceId: WS,
    apiKey: API_KEY,
    limits: null,
    retryBaseMs: 1,
    retryMaxMs: 5,
    maxAttempts: 4,
    ...extra,
  });
}

async function collect<T>(pages: AsyncGenerator<Page<T>, void, undefined>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<ComplianceApiError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ComplianceApiError);
    const e = err as ComplianceApiError;
    expect(e.message).not.toContain(API_KEY);
    expect(JSON.stringify(e)).not.toContain(API_KEY);
    return e;
  }
  throw new Error("expected a ComplianceApiError");
}

const user = (i: number) => ({ object: "compliance.workspace.user", id: `user-${String(i).padStart(3, "0")}`, email: `u${i}@example.com`, name: `U ${i}`, created_at: 1700000000.5 + i, role: "standard-user", status: "active" });

/** Users paged by id with deliberately short pages (1–3 items whatever the limit). */
function usersHandler(total: number): Handler {
  const all = Array.from({ length: total }, (_, i) => user(i + 1));
  let page = 0;
  return (_req, res, rec) => {
    const after = rec.query.get("after");
    const start = after ? all.findIndex((u) => u.id === after) + 1 : 0;
    const size = (page++ % 3) + 1;
    const data = all.slice(start, start + size);
    const hasMore = start + size < all.length;
    sendJson(res, 200, { object: "list", data, has_more: hasMore, last_id: data.at(-1)?.id ?? null });
  };
}

const conversation = (id: string, extra: Record<string, unknown> = {}) => ({
  object: "compliance.workspace.conversation",
  id,
  user_id: "user-001",
  created_at: 1758511530.2,
  last_active_at: 1758511655.8,
  title: `Conversation ${id}`,
  messages: { object: "list", has_more: false, last_id: null, data: [{ id: `${id}-m1`, parent_id: null, created_at: null, author: { role: "system", tool_name: null }, content: null, files: { object: "list", data: [], has_more: false, last_id: null } }] },
  ...extra,
});

describe("paging", () => {
  it("follows short pages until has_more is false", async () => {
    const api = await startServer(usersHandler(10));
    const c = client(api.apiBaseUrl);
    const pages = await collect(c.listUsers({ limit: 5 }));
    const ids = pages.flatMap((p) => p.items.map((i) => (i.ok ? i.value.id : null)));
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => user(i + 1).id));
    expect(pages.some((p) => p.hasMore && p.items.length < 5)).toBe(true);
    expect(pages.at(-1)?.hasMore).toBe(false);
    expect(c.requestCount).toBe(pages.length);
    expect(api.requests.every((r) => r.query.get("limit") === "5")).toBe(true);
    expect(api.requests.every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
  });

  it("sends since_timestamp on the first conversations page and only after= on later ones", async () => {
    const ids = ["c1", "c2", "c3", "c4", "c5"];
    const api = await startServer((_req, res, rec) => {
      if (rec.query.has("after") && rec.query.has("since_timestamp")) {
        return sendJson(res, 400, { detail: "after and since_timestamp cannot be combined" });
      }
      const after = rec.query.get("after");
      const start = after ? ids.indexOf(after) + 1 : 0;
      const data = ids.slice(start, start + 2).map((id) => conversation(id));
      sendJson(res, 200, { object: "list", data, has_more: start + 2 < ids.length, last_id: data.at(-1)?.id });
    });
    const c = client(api.apiBaseUrl);

    const pages = await collect(c.listConversations({ sinceTimestamp: 1700000000.9, users: ["user-001", "user-002"], limit: 2, fileFormat: "id" }));
    expect(pages.flatMap((p) => p.items.map((i) => i.ok && i.value.id))).toEqual(ids);
    expect(api.requests.map((r) => [r.query.get("since_timestamp"), r.query.get("after")])).toEqual([
      ["1700000000", null],
      [null, "c2"],
      [null, "c4"],
    ]);
    for (const r of api.requests) {
      expect(r.query.getAll("users")).toEqual(["user-001", "user-002"]);
      expect(r.query.get("limit")).toBe("2");
      expect(r.query.get("file_format")).toBe("id");
    }

    await collect(c.listConversations());
    expect(api.requests[3].query.get("since_timestamp")).toBe("0");
    expect(() => c.listConversations({ users: Array.from({ length: 100 }, (_, i) => `user-${i}`) })).toThrow(RangeError);
  });

  it("yields a broken record as ok:false and keeps paging", async () => {
    const api = await startServer((_req, res, rec) => {
      if (!rec.query.get("after")) {
        return sendJson(res, 200, { object: "list", data: [conversation("c1"), conversation("c2", { messages: "oops" }), { id: 7 }], has_more: true, last_id: "c2" });
      }
      sendJson(res, 200, { object: "list", data: [conversation("c3")], has_more: false, last_id: "c3" });
    });
    const pages = await collect(client(api.apiBaseUrl).listConversations());
    const items = pages.flatMap((p) => p.items);
    expect(items.map((i) => i.ok)).toEqual([true, false, false, true]);
    const broken = items[1];
    if (broken.ok) throw new Error("expected a failure");
    expect(broken.id).toBe("c2");
    expect(broken.error).toContain("messages");
    expect((broken.raw as { messages: unknown }).messages).toBe("oops");
  });

  it("refuses has_more without a cursor (after retries) and a cursor that does not advance", async () => {
    const noCursor = await startServer((_req, res) => sendJson(res, 200, { object: "list", data: [user(1)], has_more: true, last_id: null }));
    const e1 = await failure(collect(client(noCursor.apiBaseUrl).listUsers()));
    expect(e1.kind).toBe("invalid_response");
    expect(e1.message).toMatch(/last_id is missing/);
    expect(noCursor.requests).toHaveLength(4);

    const stuck = await startServer((_req, res) => sendJson(res, 200, { object: "list", data: [user(1)], has_more: true, last_id: user(1).id }));
    const c = client(stuck.apiBaseUrl);
    const seen: Page<unknown>[] = [];
    const e2 = await failure(
      (async () => {
        for await (const page of c.listGpts()) seen.push(page);
      })(),
    );
    expect(e2.kind).toBe("invalid_response");
    expect(e2.retryable).toBe(false);
    expect(e2.message).toMatch(/did not advance/);
    expect(stuck.requests).toHaveLength(2);
    expect(seen).toHaveLength(1);
  });
});

describe("typed errors", () => {
  it("maps 401, 403 and 404 to clear messages without the key, and never retries them", async () => {
    const statuses: Record<string, number> = { "/users": 401, "/gpts": 403, "/projects": 404, "/gpts/g-gone": 404 };
    const api = await startServer((_req, res, rec) => sendJson(res, statuses[rec.path.slice(PREFIX.length)] ?? 500, { detail: `bad key ${API_KEY}` }));
    const c = client(api.apiBaseUrl);

    const unauthorized = await failure(collect(c.listUsers()));
    expect(unauthorized).toMatchObject({ kind: "unauthorized", status: 401, retryable: false, endpoint: "/users" });
    expect(unauthorized.message).toBe("The API key was rejected (401). Check the key, or whether it was revoked.");

    const forbidden = await failure(collect(c.listGpts()));
    expect(forbidden.kind).toBe("forbidden");
    expect(forbidden.message).toMatch(/^The key lacks the compliance read scope \(403\)/);

    const unknownWorkspace = await failure(collect(c.listProjects()));
    expect(unknownWorkspace.kind).toBe("not_found");
    expect(unknownWorkspace.message).toContain(`Unknown workspace id "${WS}" (404)`);

    const gone = await failure(c.getGpt("g-gone"));
    expect(gone.kind).toBe("not_found");
    expect(gone.message).toMatch(/^GPT g-gone was not found \(404\)/);

    expect(c.requestCount).toBe(4);

    const test = await failure(c.testConnection());
    expect(test.kind).toBe("unauthorized");
  });

  it("maps 400/422 to bad_request with the server's detail, redacted", async () => {
    const api = await startServer((_req, res) =>
      sendJson(res, 422, { detail: [{ loc: ["query", "limit"], msg: `limit too large for key ${API_KEY}`, type: "value_error" }] }),
    );
    const c = client(api.apiBaseUrl);
    const e = await failure(collect(c.listConversations({ limit: 9000 })));
    expect(e).toMatchObject({ kind: "bad_request", status: 422, retryable: false });
    expect(e.message).toContain("limit too large for key [redacted]");
    expect(c.requestCount).toBe(1);
  });

  it("testConnection resolves for a readable workspace", async () => {
    const api = await startServer(usersHandler(3));
    const c = client(api.apiBaseUrl);
    await expect(c.testConnection()).resolves.toEqual({ ok: true, sampleUserId: "user-001" });
    expect(api.requests[0].query.get("limit")).toBe("1");
  });
});

type Fault = "500" | "502" | "drop" | "truncated" | "cut" | "slow";

function flaky(failures: number, fault: Fault): Handler {
  let n = 0;
  return async (req, res) => {
    if (n++ >= failures) return sendJson(res, 200, { object: "list", data: [user(1)], has_more: false, last_id: user(1).id });
    switch (fault) {
      case "500":
      case "502":
        return sendJson(res, Number(fault), { detail: "upstream trouble" });
      case "drop":
        return req.socket.destroy();
      case "truncated": {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end('{"object":"list","data":[{"id":"us');
      }
      case "cut": {
        res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
        res.write('{"object":"list","data":[');
        return setTimeout(() => req.socket.destroy(), 10);
      }
      case "slow":
        return new Promise<void>((resolve) => setTimeout(resolve, 2_000));
    }
  };
}

describe("retries", () => {
  const cases: Array<[Fault, string]> = [
    ["500", "server"],
    ["502", "server"],
    ["drop", "network"],
    ["truncated", "invalid_response"],
    ["cut", "network"],
    ["slow", "network"],
  ];

  it.each(cases)("recovers from %s within maxAttempts", async (fault) => {
    const api = await startServer(flaky(3, fault));
    const infos: ComplianceRequestInfo[] = [];
    const c = client(api.apiBaseUrl, { timeoutMs: 300, onRequest: (i) => infos.push(i) });
    const pages = await collect(c.listUsers());
    expect(pages[0].items[0].ok).toBe(true);
    expect(c.requestCount).toBe(4);
    expect(infos.map((i) => i.attempt)).toEqual([1, 2, 3, 4]);
    expect(infos.at(-1)?.status).toBe(200);
  });

  it.each(cases)("gives up on %s after maxAttempts with a typed error", async (fault, kind) => {
    const api = await startServer(flaky(100, fault));
    const c = client(api.apiBaseUrl, { timeoutMs: 300, maxAttempts: 3 });
    const e = await failure(collect(c.listUsers()));
    expect(e.kind).toBe(kind);
    expect(e.retryable).toBe(true);
    expect(e.attempts).toBe(3);
    expect(e.message).toMatch(/Gave up after 3 attempts/);
    expect(c.requestCount).toBe(3);
    expect(api.requests).toHaveLength(3);
  });

  it("paces requests under the configured limit (injected clock)", async () => {
    let fakeNow = 5_000_000;
    const arrivals: number[] = [];
    const api = await startServer((req, res, rec) => {
      arrivals.push(fakeNow);
      return usersHandler(12)(req, res, rec);
    });
    const c = client(api.apiBaseUrl, {
      limits: { listPerMinute: 2, objectPerMinute: 2 },
      now: () => fakeNow,
      sleep: async (ms) => {
        fakeNow += ms;
      },
    });
    await collect(c.listUsers());
    expect(arrivals.length).toBeGreaterThan(4);
    for (let i = 2; i < arrivals.length; i++) expect(arrivals[i] - arrivals[i - 2]).toBeGreaterThanOrEqual(60_000);
  });
});

describe("429 and Retry-After", () => {
  it("sends nothing to the endpoint until Retry-After elapsed, and does not block other endpoints", async () => {
    let limited = false;
    let sentAt = 0;
    const api = await startServer((_req, res, rec) => {
      if (rec.path === `${PREFIX}/users` && !limited) {
        limited = true;
        sentAt = Date.now();
        return sendJson(res, 429, { detail: "slow down" }, { "retry-after": "1" });
      }
      sendJson(res, 200, { object: "list", data: [], has_more: false, last_id: null });
    });
    const c = client(api.apiBaseUrl);
    const first = collect(c.listUsers());
    // Let the 429 land, then start a second call to the same endpoint and one to another endpoint.
    await new Promise((r) => setTimeout(r, 100));
    const second = collect(c.listUsers());
    const other = collect(c.listGpts());
    await other;
    expect(api.hits("/gpts")[0].at - sentAt).toBeLessThan(900);
    await Promise.all([first, second]);
    const after429 = api.hits("/users").slice(1);
    expect(after429).toHaveLength(2);
    for (const r of after429) expect(r.at - sentAt).toBeGreaterThanOrEqual(1_000);
  });

  it("waits 60 s by default (capped here) and gives up with rate_limited after maxAttempts", async () => {
    const api = await startServer((_req, res) => sendJson(res, 429, { detail: "slow down" }));
    const c = client(api.apiBaseUrl, { maxAttempts: 3, maxRetryAfterMs: 150 });
    const started = Date.now();
    const e = await failure(collect(c.listUsers()));
    expect(e.kind).toBe("rate_limited");
    expect(e.retryAfterMs).toBe(150);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(api.requests).toHaveLength(3);
  });

  it("testConnection does not wait out a 429", async () => {
    const api = await startServer((_req, res) => sendJson(res, 429, {}, { "retry-after": "30" }));
    const e = await failure(client(api.apiBaseUrl).testConnection());
    expect(e.kind).toBe("rate_limited");
    expect(api.requests).toHaveLength(1);
  });
});

describe("file downloads", () => {
  const content = Buffer.from("%PDF-1.7 hello compliance ".repeat(5_000));
  const sha = createHash("sha256").update(content).digest("hex");

  async function blobHost(status = 200) {
    return startServer((_req, res) => {
      if (status !== 200) return sendJson(res, status, { error: "AuthenticationFailed" });
      res.writeHead(200, { "content-type": "application/pdf", "content-length": content.length });
      res.end(content);
    });
  }

  it("follows the 307 itself, without the Authorization header on the redirect hop", async () => {
    const blob = await blobHost();
    const api = await startServer((_req, res, rec) => {
      res.writeHead(307, { location: `${blob.url}/blob${rec.path.slice(PREFIX.length)}?sig=SIGNATURE` });
      res.end();
    });
    const infos: ComplianceRequestInfo[] = [];
    const c = client(api.apiBaseUrl, { onRequest: (i) => infos.push(i) });

    const got = await c.downloadGptFile("file-abc");
    expect(got.bytes?.equals(content)).toBe(true);
    expect(got).toMatchObject({ size: content.length, sha256: sha, contentType: "application/pdf" });
    expect(api.requests[0].path).toBe(`${PREFIX}/gpt_files/file-abc`);
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(blob.requests[0].headers.authorization).toBeUndefined();
    expect(blob.requests[0].query.get("sig")).toBe("SIGNATURE");
    expect(infos.map((i) => [i.endpoint, i.status])).toEqual([
      ["/gpt_files/{file_id}", 307],
      ["blob", 200],
    ]);
    expect(infos.some((i) => i.url.includes("SIGNATURE"))).toBe(false);

    const chunks: Buffer[] = [];
    const streamed = await c.downloadUserFile("user-001", "file-xyz", {
      conversationId: "conv-1",
      sink: async (chunk) => {
        chunks.push(Buffer.from(chunk));
      },
    });
    expect(streamed.bytes).toBeUndefined();
    expect(streamed.sha256).toBe(sha);
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
    expect(api.requests[1].path).toBe(`${PREFIX}/users/user-001/files/file-xyz`);
    expect(api.requests[1].query.get("conversation_id")).toBe("conv-1");
    expect(blob.requests[1].headers.authorization).toBeUndefined();
  });

  it("maps 410 and 404 from the API and 403/410 from the blob host", async () => {
    const expiredBlob = await blobHost(403);
    const api = await startServer((_req, res, rec) => {
      const path = rec.path.slice(PREFIX.length);
      if (path === "/project_files/file-expired") return sendJson(res, 410, { detail: "expired" });
      if (path === "/project_files/file-missing") return sendJson(res, 404, { detail: "nope" });
      res.writeHead(307, { location: `${expiredBlob.url}/blob/x?sig=S` });
      res.end();
    });
    const c = client(api.apiBaseUrl);
    expect(await failure(c.downloadProjectFile("file-expired"))).toMatchObject({ kind: "gone", status: 410, retryable: false });
    const missing = await failure(c.downloadProjectFile("file-missing"));
    expect(missing.kind).toBe("not_found");
    expect(missing.message).toBe("File file-missing was not found (404).");
    expect(await failure(c.downloadProjectFile("file-stale-url"))).toMatchObject({ kind: "gone", status: 403 });
    expect(await failure(c.downloadUrl(`${expiredBlob.url}/blob/y?sig=S`))).toMatchObject({ kind: "gone", endpoint: "blob" });
    expect(expiredBlob.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(c.requestCount).toBe(5);
  });

  it("retries a failed blob hop by asking the API for a fresh URL", async () => {
    let blobCalls = 0;
    const blob = await startServer((_req, res) => {
      if (blobCalls++ === 0) return sendJson(res, 503, {});
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(content);
    });
    const api = await startServer((_req, res) => {
      res.writeHead(307, { location: `${blob.url}/blob/z?sig=S` });
      res.end();
    });
    const c = client(api.apiBaseUrl);
    const got = await c.downloadGptFile("file-1");
    expect(got.sha256).toBe(sha);
    expect(api.requests).toHaveLength(2);
    expect(blob.requests).toHaveLength(2);
  });

  it("downloads an embedded download_url without the key", async () => {
    const blob = await blobHost();
    const c = client("http://127.0.0.1:1/v1");
    const got = await c.downloadUrl(`${blob.url}/file-1?se=2025&sig=S`);
    expect(got.sha256).toBe(sha);
    expect(blob.requests[0].headers.authorization).toBeUndefined();
  });
});
