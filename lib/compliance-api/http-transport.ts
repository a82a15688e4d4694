// The client's HTTP transport: node:http/https with keep-alive agents, answering the small part of the
// fetch API the client uses (status, headers.get, a body reader, cancel). A sync moves hundreds of
// megabytes of pages and files; fetch (undici with web streams) spent about half again as much CPU per
// byte and per request as node:http here, on cores the sync shares with the database. Compressed bodies
// are decoded as fetch decodes them (gzip, deflate, br); redirects are followed as fetch follows them
// (the Authorization header is dropped when the origin changes), or handed back with redirect "manual".
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";

/** The part of a fetch Response the client reads; a real Response satisfies it too. */
export type HttpResponse = {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  body: HttpBody | null;
};

export type HttpBody = {
  getReader(): { read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>; cancel(): Promise<void> };
  cancel(): Promise<void>;
};

export type HttpRequestInit = { method: "GET"; headers: Record<string, string>; redirect: RequestRedirect; signal: AbortSignal };

export type HttpTransport = (url: URL, init: HttpRequestInit) => Promise<HttpResponse>;

const MAX_REDIRECTS = 20;
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 32 });

export const nodeHttpTransport: HttpTransport = async (url, init) => {
  let target = url;
  let headers: Record<string, string> = { "accept-encoding": "gzip, deflate, br", ...init.headers };
  for (let hop = 0; ; hop++) {
    const res = await request(target, headers, init.signal);
    const location = res.headers.location;
    if (init.redirect !== "follow" || !location || !REDIRECTS.has(res.statusCode ?? 0)) return respond(res);
    res.destroy();
    if (hop >= MAX_REDIRECTS) throw new TypeError(`too many redirects (${MAX_REDIRECTS})`);
    const next = new URL(location, target);
    if (next.origin !== target.origin) headers = withoutAuthorization(headers);
    target = next;
  }
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== "authorization"));
}

function request(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<http.IncomingMessage> {
  if (url.protocol !== "http:" && url.protocol !== "https:") return Promise.reject(new TypeError(`unsupported URL scheme ${url.protocol}`));
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const req =
      url.protocol === "https:"
        ? https.request(url, { method: "GET", headers, agent: httpsAgent }, resolve)
        : http.request(url, { method: "GET", headers, agent: httpAgent }, resolve);
    const onAbort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    req.once("close", () => signal.removeEventListener("abort", onAbort));
    req.once("error", reject);
    req.end();
  });
}

function respond(res: http.IncomingMessage): HttpResponse {
  const status = res.statusCode ?? 0;
  const encoding = String(res.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder = encoding === "gzip" || encoding === "x-gzip" ? zlib.createGunzip() : encoding === "deflate" ? zlib.createInflate() : encoding === "br" ? zlib.createBrotliDecompress() : null;
  let stream: Readable = res;
  if (decoder) {
    res.once("error", (err) => decoder.destroy(err));
    stream = res.pipe(decoder);
  }
  const cancel = async () => {
    stream.destroy();
    res.destroy();
  };
  const body: HttpBody = {
    getReader() {
      const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      return {
        read: async () => {
          const next = await it.next();
          return next.done ? { done: true as const } : { done: false as const, value: next.value };
        },
        cancel,
      };
    },
    cancel,
  };
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get(name) {
        const v = res.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(", ") : String(v);
      },
    },
    body,
  };
}
