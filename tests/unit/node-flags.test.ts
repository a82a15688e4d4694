// package.json's "worker" and "sync" scripts start processes exactly as the app's spawners do
// (lib/runtime/node-flags.ts): same Node flags, same environment.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WORKER_ENV, WORKER_NODE_FLAGS, workerProcessEnv } from "@/lib/runtime/node-flags";

const scripts = (JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

describe("worker process flags", () => {
  it.each([
    ["worker", "scripts/worker.ts"],
    ["sync", "scripts/sync.ts"],
  ])("npm run %s uses WORKER_ENV and WORKER_NODE_FLAGS", (name, entry) => {
    const env = Object.entries(WORKER_ENV).map(([k, v]) => `${k}=${v}`);
    expect(scripts[name]).toBe([...env, "node", ...WORKER_NODE_FLAGS, entry].join(" "));
  });

  it("adds WORKER_ENV without overriding what the caller set", () => {
    const base = { NODE_ENV: "test", PATH: "/bin" } as const;
    expect(workerProcessEnv(base)).toEqual({ ...WORKER_ENV, ...base });
    expect(workerProcessEnv({ ...base, MALLOC_MMAP_THRESHOLD_: "65536" }).MALLOC_MMAP_THRESHOLD_).toBe("65536");
  });
});
