// Under every injected fault the sync completes and nothing is lost: transient faults are retried,
// schema-violating records are quarantined (with their raw payload) and captured on the next run, and
// 429s are honoured (no request to that endpoint before Retry-After elapses).
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { LocalBlobStore } from "@/lib/storage/blob-store";
import { launchSimulator, type LaunchedSimulator } from "@/lib/simulator/launch";
import type { FaultSpec } from "@/lib/simulator/faults";
import { buildDataset } from "@/lib/simulator/dataset";
import { createAuthorization, createSource } from "@/lib/sources/sources";
import { blobDir, compareArchive, syncOnce } from "../factories/capture";

const SIZE = {
  users: 6, conversations: 24, messagesPerConversation: 8, branchRate: 0.3, gpts: 4, configsPerGpt: 2, projects: 2,
  configsPerProject: 2, memoriesPerUser: 3, fileRate: 0.2, gptFileRate: 0.7,
};

let sim: LaunchedSimulator | null = null;
afterEach(async () => {
  await sim?.simulator.close();
  sim = null;
});

async function setup(seed: number) {
  sim = await launchSimulator({ seed, size: SIZE, rateLimits: null, shortPageRate: 0.5 });
  const source = await createSource({ name: `faults ${seed}`, workspaceId: sim.workspaceId, apiBaseUrl: sim.apiBaseUrl }, null, {}, { unpaced: true });
  await createAuthorization(source.id, sim.apiKey, null);
  return { sourceId: source.id, store: new LocalBlobStore(blobDir()) };
}

const truth = () => buildDataset(sim!.simulator.workspace, { includeFileContent: true });

const transient: [string, FaultSpec[]][] = [
  ["500", [{ kind: "500", endpoint: "/conversations", count: 2 }, { kind: "500", endpoint: "/users", count: 1 }]],
  ["502", [{ kind: "502", rate: 0.15 }]],
  ["dropped connection", [{ kind: "drop", endpoint: "/conversations", count: 2 }, { kind: "drop", endpoint: "/gpts", count: 1 }]],
  ["truncated JSON", [{ kind: "truncated", endpoint: "/conversations", count: 2 }, { kind: "truncated", endpoint: "/memories", count: 1 }]],
  ["slow response past the timeout", [{ kind: "slow", endpoint: "/conversations", count: 1, delayMs: 1_500 }]],
  ["expired file URL", [{ kind: "expired-url", endpoint: "/conversations", count: 3 }, { kind: "expired-url", endpoint: "/gpts", count: 2 }]],
];

describe("capture under faults", () => {
  it.each(transient)("completes with nothing lost under %s", async (_name, faults) => {
    const { sourceId, store } = await setup(100 + transient.findIndex(([n]) => n === _name));
    for (const f of faults) sim!.simulator.faults.inject(f);
    const result = await syncOnce(sourceId, store, { clientOptions: { limits: null, retryBaseMs: 5, retryMaxMs: 40, timeoutMs: 700 } });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe("SUCCEEDED");
    // Every fault really happened (used-up faults leave the list; the rest must have fired at least once).
    for (const f of sim!.simulator.faults.list()) expect(f.applied, `${f.kind} on ${f.endpoint ?? "any endpoint"} fired`).toBeGreaterThan(0);
    expect(await compareArchive(sourceId, truth())).toEqual([]);
  });

  it("quarantines schema-violating records with their raw payload, then captures them on the next run", async () => {
    const { sourceId, store } = await setup(200);
    sim!.simulator.faults.inject({ kind: "invalid-record", endpoint: "/conversations", count: 1 });
    sim!.simulator.faults.inject({ kind: "invalid-record", endpoint: "/users", count: 1 });
    const first = await syncOnce(sourceId, store);
    expect(first.status).toBe("SUCCEEDED");
    const db = getDb();
    const quarantined = await db.captureError.findMany({ where: { sourceId, kind: "QUARANTINED" } });
    expect(quarantined.map((q) => q.objectType).sort()).toEqual(["conversation", "user"]);
    for (const q of quarantined) {
      expect(q.rawPayload).toBeTruthy();
      expect(q.message.length).toBeGreaterThan(0);
    }
    expect(first.streams.conversations.quarantined + first.streams.users.quarantined).toBe(2);

    const second = await syncOnce(sourceId, store);
    expect(second.status).toBe("SUCCEEDED");
    expect(await compareArchive(sourceId, truth())).toEqual([]);
    const open = await db.captureError.count({ where: { sourceId, kind: "QUARANTINED", objectType: "conversation", resolvedAt: null } });
    expect(open).toBe(0);
    // The quarantine is history: the records stay, marked resolved.
    expect(await db.captureError.count({ where: { sourceId, kind: "QUARANTINED" } })).toBe(2);
  });

  it("honours 429 Retry-After: no request to that endpoint before it elapses", async () => {
    const { sourceId, store } = await setup(300);
    sim!.simulator.faults.inject({ kind: "429", endpoint: "/users", count: 1, retryAfterSeconds: 1 });
    sim!.simulator.faults.inject({ kind: "429", endpoint: "/conversations", count: 2, retryAfterSeconds: 1 });
    const result = await syncOnce(sourceId, store);
    expect(result.status).toBe("SUCCEEDED");
    const log = sim!.simulator.stats.snapshot().log;
    let checked = 0;
    log.forEach((entry, i) => {
      if (entry.status !== 429) return;
      const next = log.slice(i + 1).find((e) => e.endpoint === entry.endpoint);
      expect(next, `a retry of ${entry.endpoint}`).toBeDefined();
      expect(next!.time - entry.time).toBeGreaterThanOrEqual(1000);
      checked += 1;
    });
    expect(checked).toBe(3);
    expect(await compareArchive(sourceId, truth())).toEqual([]);
  });
});
