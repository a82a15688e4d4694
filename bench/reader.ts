// `npm run bench:reader` — server time to render the conversation reader (a benchmark, not a test).
// Target: p95 ≤ 200 ms for a 2,000-message conversation with branches.
//
// What is timed: real HTTP GETs of /conversations/<id> against the production build (`next start`, which
// must have been built: `next build`, or pass --build), signed in with a real next-auth session cookie, one
// request at a time, from sending the request to the last byte of the streamed HTML. That is the whole
// server path a reviewer waits for: session check, page queries (light tree over all messages, one window
// of full rows), Markdown rendering, the audit write of conversation.view.
// Views of the 2,000-message conversation: the default (first window of the active branch), a deep link
// into the last window, and an alternate branch deep in the tree; each is reported with p50/p95/p99/max and
// as a ratio to the same view of a 20-message conversation measured in the same run (the baseline: the
// fixed cost of any page in this app on this machine).
//
// Data: a fresh throwaway database (DATABASE_URL's server when set, else an embedded PostgreSQL), migrated,
// with seeded, deterministic conversations: realistic Markdown (paragraphs, lists, code blocks, tables,
// links) of 200–2,000 characters, 60 branch points (edited prompts, regenerated answers, some with long
// continuations), files on a few messages. Dropped at the end.
//
// Options: --messages 2000  --baseline 20  --iterations 200  --warmup 20  --port 3190  --build
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import { getEnv, setProcessEnv } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { createTestDatabase, dropTestDatabase } from "../scripts/test-database";
import { fmt, log, percentile } from "./search/format";
import { seed, type ConversationPlan } from "./reader/data";

const ROOT = path.resolve(__dirname, "..");
const TARGET_P95_MS = 200;
const SECRET = "bench-reader-secret-not-for-production-0123456789";

function readOptions() {
  const { values } = parseArgs({
    options: {
      messages: { type: "string", default: "2000" },
      baseline: { type: "string", default: "20" },
      iterations: { type: "string", default: "200" },
      warmup: { type: "string", default: "20" },
      port: { type: "string", default: "3190" },
      build: { type: "boolean", default: false },
    },
    strict: true,
  });
  const int = (name: string, v: string, min: number) => {
    const n = Number(v.replace(/[_,]/g, ""));
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} expects an integer ≥ ${min}, got ${v}`);
    return n;
  };
  return {
    messages: int("messages", values.messages, 100),
    baseline: int("baseline", values.baseline, 4),
    iterations: int("iterations", values.iterations, 10),
    warmup: int("warmup", values.warmup, 0),
    port: int("port", values.port, 1),
    build: values.build,
  };
}

// -- the server ------------------------------------------------------------------------------------------

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("next start did not answer within 60 s");
}

async function timeGet(url: string, cookie: string, expect: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  const ms = performance.now() - start;
  if (res.status !== 200 || !body.includes(expect)) throw new Error(`GET ${url}: ${res.status}, expected content missing`);
  return ms;
}

type View = { name: string; path: string; expect: string };
type Result = { view: string; conversation: "large" | "baseline"; times: number[] };

async function main() {
  const opts = readOptions();
  if (opts.build) {
    const b = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (b.status !== 0) throw new Error("next build failed");
  }
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("No production build: run `node_modules/.bin/next build` first (or pass --build)");

  let serverUrl = getEnv().DATABASE_URL;
  let stopDb: (() => Promise<void>) | null = null;
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `custodian-bench-reader-${process.getuid?.() ?? 0}`) });
    serverUrl = pg.url;
    stopDb = pg.stop;
  }
  const dbUrl = await createTestDatabase(serverUrl, "custodian_bench_reader");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "custodian-bench-reader-data-"));
  setProcessEnv({ DATABASE_URL: dbUrl, NEXTAUTH_SECRET: SECRET, DATA_DIR: dataDir });
  let next: ChildProcess | null = null;
  try {
    const t = performance.now();
    const data = await seed({ messages: opts.messages, baseline: opts.baseline });
    log(`[bench:reader] seeded ${data.large.nodes.length} + ${data.small.nodes.length} messages in ${fmt((performance.now() - t) / 1000, 1)} s`);

    const base = `http://127.0.0.1:${opts.port}`;
    next = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(opts.port)], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: dbUrl, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: base, DATA_DIR: dataDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DEMO: "false" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitForServer(`${base}/login`, next);
    const cookie = `next-auth.session-token=${await encode({ token: { sub: data.user.id, authAt: Date.now() }, secret: SECRET })}`;

    const views = (prefix: string, p: ConversationPlan): View[] => {
      const last = `${prefix}-m${p.mainLength - 2}`;
      return [
        { name: "active branch, first window", path: `/conversations/${prefix}`, expect: `m-${prefix}-m1"` },
        { name: "deep link, last window", path: `/conversations/${prefix}?m=${last}#m-${last}`, expect: `m-${last}"` },
        { name: "alternate branch", path: `/conversations/${prefix}?m=${p.deepAlternate.id}`, expect: `m-${p.deepAlternate.id}"` },
      ];
    };
    const large = views("conv-bench-large", data.large);
    const small = views("conv-bench-small", data.small);

    for (let i = 0; i < opts.warmup; i++) for (const v of [...large, ...small]) await timeGet(base + v.path, cookie, v.expect);
    const results: Result[] = [...large.map((v) => ({ view: v.name, conversation: "large" as const, times: [] as number[] })), ...small.map((v) => ({ view: v.name, conversation: "baseline" as const, times: [] as number[] }))];
    // Interleaved, so drift on a shared machine hits every view alike.
    for (let i = 0; i < opts.iterations; i++) {
      for (const [k, v] of [...large, ...small].entries()) results[k].times.push(await timeGet(base + v.path, cookie, v.expect));
    }

    const stats = (times: number[]) => {
      const s = [...times].sort((a, b) => a - b);
      return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), p99: percentile(s, 0.99), max: s[s.length - 1] };
    };
    const rows = [["view", "messages", "p50 ms", "p95 ms", "p99 ms", "max ms", "p95 × baseline"]];
    const allLarge: number[] = [];
    const allSmall: number[] = [];
    for (let k = 0; k < large.length; k++) {
      const l = stats(results[k].times);
      const s = stats(results[k + large.length].times);
      allLarge.push(...results[k].times);
      allSmall.push(...results[k + large.length].times);
      rows.push([large[k].name, fmt(data.large.nodes.length), fmt(l.p50, 1), fmt(l.p95, 1), fmt(l.p99, 1), fmt(l.max, 1), `${fmt(l.p95 / s.p95, 2)}×`]);
      rows.push([`  baseline`, fmt(data.small.nodes.length), fmt(s.p50, 1), fmt(s.p95, 1), fmt(s.p99, 1), fmt(s.max, 1), "1.00×"]);
    }
    const L = stats(allLarge);
    const S = stats(allSmall);
    rows.push(["all views", fmt(data.large.nodes.length), fmt(L.p50, 1), fmt(L.p95, 1), fmt(L.p99, 1), fmt(L.max, 1), `${fmt(L.p95 / S.p95, 2)}×`]);
    rows.push(["  baseline", fmt(data.small.nodes.length), fmt(S.p50, 1), fmt(S.p95, 1), fmt(S.p99, 1), fmt(S.max, 1), "1.00×"]);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    console.log(`\nConversation reader: server render time over HTTP (next start), ${opts.iterations} requests per view, sequential, after ${opts.warmup} warm-up rounds`);
    console.log(rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")).join("\n"));
    const ok = L.p95 <= TARGET_P95_MS;
    console.log(`\nTarget: p95 ≤ ${TARGET_P95_MS} ms for ${fmt(data.large.nodes.length)} messages (all views): ${fmt(L.p95, 1)} ms — ${ok ? "MET" : "MISSED"}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (next && next.exitCode === null) {
      next.kill("SIGTERM");
      await new Promise((r) => next!.once("exit", r));
    }
    await dropTestDatabase(serverUrl, dbUrl).catch((err) => log(`[bench:reader] could not drop ${dbUrl}: ${String(err)}`));
    if (stopDb) await stopDb();
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((err) => {
    console.error("[bench:reader]", err);
    process.exit(1);
  });
