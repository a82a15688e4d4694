// The client's node:http transport against a real local server: bodies (plain and compressed), headers,
// redirects (the Authorization header never follows a redirect to another origin), aborts and cut bodies.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeHttpTransport, type HttpResponse } from "@/lib/compliance-api/http-transport";

type Seen = { path: string; authorization: string | undefined; host: string | undefined };

function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? "", authorization: req.headers.authorization, host: req.headers.host });
    handler(req, res);
  });
  return {
    seen,
    server,
    async start() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function readAll(res: HttpResponse): Promise<string> {
  const reader = res.body!.getReader();
  const chunks: Buffer[] = [];
  for (;;) {
    const next = await reader.read();
    if (next.done) return Buffer.concat(chunks).toString("utf8");
    chunks.push(Buffer.from(next.value));
  }
}

const init = (headers: Record<string, string> = {}, redirect: RequestRedirect = "follow", signal = new AbortController().signal) => ({
  method: "GET" as const,
  headers,
  redirect,
  signal,
});

const BODY = JSON.stringify({ object: "list", data: Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, text: "é".repeat(50) })) });

describe("nodeHttpTransport", () => {
  const other = serve((req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("other origin");
  });
  const main = serve((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/plain") {
      res.writeHead(200, { "content-type": "application/json", "x-multi": ["a", "b"] });
      res.end(BODY);
    } else if (url.pathname === "/gzip" || url.pathname === "/br" || url.pathname === "/deflate") {
      const enc = url.pathname.slice(1);
      const data = enc === "gzip" ? zlib.gzipSync(BODY) : enc === "br" ? zlib.brotliCompressSync(BODY) : zlib.deflateSync(BODY);
      res.writeHead(200, { "content-encoding": enc, "content-length": data.length });
      res.end(data);
    } else if (url.pathname === "/same-origin-redirect") {
      res.writeHead(307, { location: "/plain" });
      res.end();
    } else if (url.pathname === "/cross-origin-redirect") {
      res.writeHead(307, { location: `${url.searchParams.get("to")}/file` });
      res.end();
    } else if (url.pathname === "/loop") {
      res.writeHead(302, { location: "/loop" });
      res.end();
    } else if (url.pathname === "/cut") {
      res.writeHead(200, { "content-length": 1000 });
      res.write("x".repeat(100));
      setImmediate(() => res.socket?.destroy());
    } else if (url.pathname === "/hang") {
      res.writeHead(200, { "content-length": 1000 });
      res.write("x".repeat(10));
    } else {
      res.writeHead(404);
      res.end("missing");
    }
  });
  let base = "";
  let otherBase = "";
  beforeAll(async () => {
    base = await main.start();
    otherBase = await other.start();
  });
  afterAll(async () => {
    main.server.closeAllConnections();
    other.server.closeAllConnections();
    await main.stop();
    await other.stop();
  });

  it("answers status, headers and the body", async () => {
    const res = await nodeHttpTransport(new URL(`${base}/plain`), init({ Authorization: "Bearer k" }));
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get("Content-Type")).toBe("application/json");
    expect(res.headers.get("x-multi")).toBe("a, b");
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await readAll(res)).toBe(BODY);
    const missing = await nodeHttpTransport(new URL(`${base}/nothing`), init());
    expect([missing.status, missing.ok]).toEqual([404, false]);
    expect(await readAll(missing)).toBe("missing");
  });

  it.each(["gzip", "br", "deflate"])("decodes a %s body", async (enc) => {
    const res = await nodeHttpTransport(new URL(`${base}/${enc}`), init());
    expect(await readAll(res)).toBe(BODY);
  });

  it("follows same-origin redirects with the Authorization header, and drops it on another origin", async () => {
    const before = main.seen.length;
    const same = await nodeHttpTransport(new URL(`${base}/same-origin-redirect`), init({ Authorization: "Bearer secret" }));
    expect(await readAll(same)).toBe(BODY);
    expect(main.seen.slice(before).map((s) => [s.path, s.authorization])).toEqual([
      ["/same-origin-redirect", "Bearer secret"],
      ["/plain", "Bearer secret"],
    ]);

    const cross = await nodeHttpTransport(new URL(`${base}/cross-origin-redirect?to=${encodeURIComponent(otherBase)}`), init({ Authorization: "Bearer secret" }));
    expect(await readAll(cross)).toBe("other origin");
    expect(other.seen.at(-1)).toMatchObject({ path: "/file", authorization: undefined });
  });

  it("hands the redirect back with redirect: manual, and stops an endless redirect loop", async () => {
    const res = await nodeHttpTransport(new URL(`${base}/same-origin-redirect`), init({}, "manual"));
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("/plain");
    await res.body!.cancel();
    await expect(nodeHttpTransport(new URL(`${base}/loop`), init())).rejects.toThrow(/too many redirects/);
  });

  it("fails the body read when the connection is cut mid-body, and when the signal aborts", async () => {
    const cut = await nodeHttpTransport(new URL(`${base}/cut`), init());
    await expect(readAll(cut)).rejects.toThrow();

    const controller = new AbortController();
    const hang = await nodeHttpTransport(new URL(`${base}/hang`), init({}, "follow", controller.signal));
    const reading = readAll(hang);
    controller.abort(new Error("idle timeout"));
    await expect(reading).rejects.toThrow();

    const aborted = new AbortController();
    aborted.abort(new Error("already aborted"));
    await expect(nodeHttpTransport(new URL(`${base}/plain`), init({}, "follow", aborted.signal))).rejects.toThrow("already aborted");
    await expect(nodeHttpTransport(new URL("ftp://example.test/x"), init())).rejects.toThrow(/unsupported URL scheme/);
  });
});
