// A simulator on a random local port with a controllable clock and three keys (read+delete, read-only,
// delete-only), for tests here and in the capture engine: integration tests drive it over real HTTP.
import { SIZE_PRESETS, type SizePresetName, type WorkspaceSize } from "./presets";
import { createSimulator, type RateLimits, type Simulator } from "./server";
import { generateWorkspace, type Workspace } from "./workspace";
import type { Seed } from "./random";

export interface TestHarnessOptions {
  seed?: Seed;
  size?: SizePresetName | WorkspaceSize;
  /** Default null (unlimited), unlike the server's documented default. */
  rateLimits?: RateLimits | null;
  /** Default 0.3, as the server. */
  shortPageRate?: number;
  conversationsMode?: "1.1.5" | "1.1.1";
  /** Initial fake clock (ms). Default 2026-11-01T00:00:00Z, a month after the default generation time. */
  startAt?: number;
  workspaceId?: string;
}

export interface FakeClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export type QueryValue = string | number | boolean | ReadonlyArray<string | number>;

export interface RequestOptions {
  query?: Record<string, QueryValue | undefined>;
  /** API key to send; null sends no Authorization header. Default: the read+delete key. */
  key?: string | null;
  method?: "GET" | "DELETE";
  redirect?: "manual" | "follow";
}

export interface TestHarness {
  simulator: Simulator;
  workspace: Workspace;
  url: string;
  apiBaseUrl: string;
  /** apiBaseUrl + /compliance/workspaces/{id} */
  workspaceUrl: string;
  keys: { full: string; readOnly: string; deleteOnly: string };
  controlToken: string;
  clock: FakeClock;
  /** Request `path` relative to workspaceUrl (e.g. "/users"), or an absolute URL. */
  request(path: string, options?: RequestOptions): Promise<Response>;
  /** As request(), asserting a 2xx JSON response. */
  getJson<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  control(path: string, init?: { method?: string; body?: unknown; token?: string | null }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestSimulator(options: TestHarnessOptions = {}): Promise<TestHarness> {
  const size = options.size === undefined ? SIZE_PRESETS.small : typeof options.size === "string" ? SIZE_PRESETS[options.size] : options.size;
  const workspace = generateWorkspace({ seed: options.seed ?? 1, size, workspaceId: options.workspaceId });
  let now = options.startAt ?? Date.UTC(2026, 10, 1);
  const clock: FakeClock = {
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
  const keys = { full: "sk-test-full-0001", readOnly: "sk-test-read-0002", deleteOnly: "sk-test-dele-0003" };
  const controlToken = "ctl-test-token";
  const simulator = createSimulator({
    workspace,
    apiKeys: [
      { key: keys.full, scopes: ["read", "delete"] },
      { key: keys.readOnly, scopes: ["read"] },
      { key: keys.deleteOnly, scopes: ["delete"] },
    ],
    rateLimits: options.rateLimits === undefined ? null : options.rateLimits,
    shortPageRate: options.shortPageRate,
    conversationsMode: options.conversationsMode,
    clock: clock.now,
    controlToken,
  });
  const { url, apiBaseUrl } = await simulator.listen();
  const workspaceUrl = `${apiBaseUrl}/compliance/workspaces/${workspace.id}`;

  const request = (path: string, o: RequestOptions = {}) => {
    const target = new URL(/^https?:/.test(path) ? path : `${workspaceUrl}${path}`);
    for (const [k, v] of Object.entries(o.query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) target.searchParams.append(k, String(x));
      else target.searchParams.set(k, String(v));
    }
    const key = o.key === undefined ? keys.full : o.key;
    return fetch(target, { method: o.method ?? "GET", headers: key ? { authorization: `Bearer ${key}` } : {}, redirect: o.redirect ?? "manual" });
  };

  return {
    simulator,
    workspace,
    url,
    apiBaseUrl,
    workspaceUrl,
    keys,
    controlToken,
    clock,
    request,
    async getJson<T>(path: string, o?: RequestOptions): Promise<T> {
      const res = await request(path, o);
      const text = await res.text();
      if (!res.ok) throw new Error(`${res.status} ${path}: ${text}`);
      return JSON.parse(text) as T;
    },
    control(path, init = {}) {
      const token = init.token === undefined ? controlToken : init.token;
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (init.body !== undefined) headers["content-type"] = "application/json";
      return fetch(`${url}${path}`, { method: init.method ?? (init.body === undefined ? "GET" : "POST"), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    },
    close: () => simulator.close(),
  };
}
