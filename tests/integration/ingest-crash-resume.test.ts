// Crash-resume: one sync of a ~20,000-message workspace, its process SIGKILLed at ten points spread over
// the run (chosen by a seeded generator, reached by watching the archive grow), then one clean run. The
// archive must equal the simulator's dataset: no duplicates, no gaps, every interrupted run recorded.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { launchSimulator, type LaunchedSimulator } from "@/lib/simulator/launch";
import { buildDataset, datasetSummary } from "@/lib/simulator/dataset";
import { Rng } from "@/lib/simulator/random";
import { createAuthorization, createSource } from "@/lib/sources/sources";
import { blobDir, compareArchive } from "../factories/capture";
import { WORKER_NODE_FLAGS, workerProcessEnv } from "@/lib/runtime/node-flags";

const ROOT = path.resolve(__dirname, "../..");
const SIZE = {
  users: 30, conversations: 1_400, messagesPerConversation: 14, branchRate: 0.2, gpts: 12, configsPerGpt: 2, projects: 4,
  configsPerProject: 2, memoriesPerUser: 4, fileRate: 0.04, gptFileRate: 0.5,
};

let sim: LaunchedSimulator;
let sourceId = "";
const dataDir = blobDir();

beforeAll(async () => {
  sim = await launchSimulator({ seed: 4242, size: SIZE, rateLimits: null, shortPageRate: 0.3 });
  const source = await createSource({ name: "crash-resume", workspaceId: sim.workspaceId, apiBaseUrl: sim.apiBaseUrl }, null, {}, { unpaced: true });
  await createAuthorization(source.id, sim.apiKey, null);
  sourceId = source.id;
});
afterAll(async () => {
  await sim?.simulator.close();
});

function startSync(): ChildProcess {
  // One process (tsx as a loader, not the tsx CLI, which forks): SIGKILL must hit the process doing the work.
  return spawn(process.execPath, [...WORKER_NODE_FLAGS, path.join(ROOT, "scripts/sync.ts"), sourceId], {
    cwd: ROOT,
    env: { ...workerProcessEnv(process.env), DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const output = new WeakMap<ChildProcess, string>();
function collectOutput(child: ChildProcess) {
  let text = "";
  child.stdout?.on("data", (d) => (text += d));
  child.stderr?.on("data", (d) => (text += d));
  output.set(child, "");
  child.once("exit", () => output.set(child, text));
  return () => text;
}

async function waitUntil(check: () => Promise<boolean>, child: ChildProcess, what: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the sync exited (${child.exitCode}) before ${what}:\n${log()}`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("crash-resume", () => {
  it("survives ten SIGKILLs at random points and ends equal to the dataset", async () => {
    const db = getDb();
    const total = datasetSummary(sim.simulator.workspace).messages;
    expect(total).toBeGreaterThanOrEqual(19_000);
    const rng = new Rng(99);
    const messages = () => db.message.count({ where: { sourceId } });
    for (let i = 0; i < 10; i++) {
      // Kill points spread over the whole run: some before any message is written (users, GPTs…), the
      // rest at seeded fractions of the conversations stream.
      const target = i < 2 ? 0 : Math.floor(total * ((i - 1) / 10 + rng.next() / 12));
      const runsBefore = await db.syncRun.count({ where: { sourceId } });
      const child = startSync();
      const log = collectOutput(child);
      const exited = new Promise((r) => child.once("exit", r));
      // This child's own run has started (the previous, killed run is closed as interrupted by it).
      const ownRunStarted = async () =>
        (await db.syncRun.count({ where: { sourceId } })) > runsBefore && (await db.syncRun.count({ where: { sourceId, status: "RUNNING" } })) === 1;
      await waitUntil(async () => (await ownRunStarted()) && (await messages()) >= target, child, `kill point ${i}`, log);
      if (i === 1) await waitUntil(async () => (await db.gpt.count({ where: { sourceId } })) > 0, child, "GPTs being written", log);
      child.kill("SIGKILL");
      await exited;
    }
    const partial = await messages();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);

    const final = startSync();
    const finalLog = collectOutput(final);
    const code = await new Promise((r) => final.once("exit", r));
    expect(code, finalLog()).toBe(0);

    expect(await compareArchive(sourceId, buildDataset(sim.simulator.workspace, { includeFileContent: true }))).toEqual([]);
    // No duplicates: one row per message id, one version row per conversation state.
    const dupes = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT "conversationId", version FROM "ConversationVersion" GROUP BY 1, 2 HAVING count(*) > 1) d`;
    expect(Number(dupes[0].n)).toBe(0);
    expect(await db.message.count({ where: { sourceId } })).toBe(total);
    const interrupted = await db.syncRun.count({ where: { sourceId, status: "FAILED", error: { startsWith: "Interrupted" } } });
    const runs = await db.syncRun.findMany({ where: { sourceId }, select: { status: true, error: true } });
    expect(interrupted, JSON.stringify(runs)).toBe(10);
  });
});
