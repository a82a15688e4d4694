// The app as Playwright tests it: the production build (`next start`) on a fresh, migrated database
// seeded with the accounts in tests/e2e/accounts.ts. Uses DATABASE_URL's server when set, otherwise an
// embedded PostgreSQL in the OS temp dir. Stops everything on SIGTERM/SIGINT.
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { setProcessEnv, getEnv } from "@/lib/env";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { createTestDatabase } from "./test-database";
import fs from "node:fs";
import { accounts, E2E_GOVERNANCE_SIMULATOR, E2E_PASSWORD, E2E_PORT, E2E_SEARCH_SIMULATOR, E2E_SIMULATOR } from "../tests/e2e/accounts";
import { fixturesPath, MARKDOWN_TEXT, XSS_TEXT, type E2EFixtures } from "../tests/e2e/fixtures";
import { launchSimulator } from "@/lib/simulator/launch";
import { WORKER_NODE_FLAGS, workerProcessEnv } from "@/lib/runtime/node-flags";

async function main() {
  let serverUrl: string | undefined = getEnv().DATABASE_URL;
  let stopDb: (() => Promise<void>) | null = null;
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `custodian-e2e-${process.getuid?.() ?? 0}`) });
    serverUrl = pg.url;
    stopDb = pg.stop;
  }
  const url = await createTestDatabase(serverUrl as string, "custodian_e2e", "custodian_e2e");
  setProcessEnv({
    DATABASE_URL: url,
    NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
    NEXTAUTH_URL: `http://127.0.0.1:${E2E_PORT}`,
    CRON_SECRET: "e2e-cron-secret",
    ENCRYPTION_KEYS: "e2e:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    DATA_DIR: path.join(os.tmpdir(), `custodian-e2e-data-${process.getuid?.() ?? 0}`),
    NEXT_TELEMETRY_DISABLED: "1",
  });

  // The Compliance API the specs connect a source to, with real (documented) rate limits off for speed.
  const sim = await launchSimulator({
    seed: E2E_SIMULATOR.seed,
    size: { ...E2E_SIMULATOR.size },
    port: E2E_SIMULATOR.port,
    workspaceId: E2E_SIMULATOR.workspaceId,
    apiKey: E2E_SIMULATOR.apiKey,
    rateLimits: null,
  });

  const { getDb } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/crypto/password");
  const passwordHash = await hashPassword(E2E_PASSWORD);
  for (const [key, a] of Object.entries(accounts)) {
    await getDb().user.create({
      data: { email: a.email, name: a.name, role: a.role, passwordHash, disabledAt: key === "disabled" ? new Date() : null },
    });
  }
  // The search specs' workspace: captured and indexed before the app starts.
  const searchSim = await launchSimulator({
    seed: E2E_SEARCH_SIMULATOR.seed,
    size: { ...E2E_SEARCH_SIMULATOR.size },
    port: E2E_SEARCH_SIMULATOR.port,
    workspaceId: E2E_SEARCH_SIMULATOR.workspaceId,
    apiKey: E2E_SEARCH_SIMULATOR.apiKey,
    rateLimits: null,
  });
  // The governance spec's workspace (holds, retention, disposition, exports act on it alone).
  const governanceSim = await launchSimulator({
    seed: E2E_GOVERNANCE_SIMULATOR.seed,
    size: { ...E2E_GOVERNANCE_SIMULATOR.size },
    port: E2E_GOVERNANCE_SIMULATOR.port,
    workspaceId: E2E_GOVERNANCE_SIMULATOR.workspaceId,
    apiKey: E2E_GOVERNANCE_SIMULATOR.apiKey,
    now: E2E_GOVERNANCE_SIMULATOR.now,
    rateLimits: null,
  });
  {
    const { createAuthorization, createSource } = await import("@/lib/sources/sources");
    const { runSync } = await import("@/lib/ingest/run-sync");
    const { closeIngestPool } = await import("@/lib/ingest/pg");
    const { closeSearchEngine, getSearchEngine } = await import("@/lib/search/engine");
    const { drainOutbox } = await import("@/lib/search/indexer");
    /** Creates a source and authorization for a simulator workspace and syncs it once. */
    const capture = async (name: string, workspaceId: string, apiBaseUrl: string, apiKey: string) => {
      const created = await createSource({ name, workspaceId, apiBaseUrl }, null, {}, { unpaced: true });
      await createAuthorization(created.id, apiKey, null);
      const first = await runSync({ sourceId: created.id, trigger: "MANUAL" });
      if (first.status !== "SUCCEEDED") throw new Error(`${name} sync ${first.status}: ${first.error ?? ""}`);
      return created;
    };
    const governanceSource = await capture(E2E_GOVERNANCE_SIMULATOR.sourceName, E2E_GOVERNANCE_SIMULATOR.workspaceId, governanceSim.apiBaseUrl, E2E_GOVERNANCE_SIMULATOR.apiKey);
    const governanceUser = [...governanceSim.simulator.workspace.memories.values()]
      .map((m) => governanceSim.simulator.workspace.users.find((u) => u.id === m.userId)!)
      .find((u) => governanceSim.simulator.workspace.conversations.some((c) => c && !c.deleted && governanceSim.simulator.workspace.users[c.ownerIdx]?.id === u.id));
    if (!governanceUser) throw new Error("governance workspace: no custodian with memories and conversations");
    const source = await capture(E2E_SEARCH_SIMULATOR.sourceName, E2E_SEARCH_SIMULATOR.workspaceId, searchSim.apiBaseUrl, E2E_SEARCH_SIMULATOR.apiKey);
    // Changes between two syncs the review specs look for (tests/e2e/fixtures.ts).
    const mutate = searchSim.simulator.mutate;
    const xss = mutate.postMessage({ text: XSS_TEXT, role: "user" });
    const conversationId = xss.conversationIds[0];
    const md = mutate.postMessage({ conversationId, text: MARKDOWN_TEXT, role: "assistant" });
    const memoryUser = [...searchSim.simulator.workspace.memories.values()].find((m) => m.contexts.flatMap((c) => c.entries).length >= 3);
    if (!conversationId || !memoryUser) throw new Error("search workspace: nothing to plant the review fixtures in");
    const changed = mutate.changeMemories(1, memoryUser.userId);
    const deleted = mutate.deleteMemories(1, memoryUser.userId);
    const fixtures: E2EFixtures = {
      conversationId,
      xssMessageId: xss.messageIds[0],
      xssText: XSS_TEXT,
      markdownMessageId: md.messageIds[0],
      markdownText: MARKDOWN_TEXT,
      memoryUserId: memoryUser.userId,
      changedMemoryEntryIds: changed.memoryIds.filter((id) => !deleted.memoryIds.includes(id)),
      deletedMemoryEntryIds: deleted.memoryIds,
      governance: {
        sourceId: governanceSource.id,
        userId: governanceUser.id,
        userEmail: governanceUser.email,
        userName: governanceUser.name,
        otherUserEmails: governanceSim.simulator.workspace.users.filter((u) => u.id !== governanceUser.id).map((u) => u.email),
      },
    };
    const second = await runSync({ sourceId: source.id, trigger: "MANUAL" });
    if (second.status !== "SUCCEEDED") throw new Error(`search workspace second sync ${second.status}: ${second.error ?? ""}`);
    fs.writeFileSync(fixturesPath(), JSON.stringify(fixtures, null, 2));
    const indexed = await drainOutbox(await getSearchEngine());
    console.log(`[e2e-server] search workspace: ${indexed.documents} documents indexed`);
    await closeSearchEngine();
    await closeIngestPool();
  }
  await getDb().$disconnect();

  const next = spawn(path.resolve(__dirname, "../node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(E2E_PORT)], { stdio: "inherit", env: process.env });
  const worker = spawn(process.execPath, [...WORKER_NODE_FLAGS, path.resolve(__dirname, "worker.ts")], { stdio: "inherit", env: workerProcessEnv(process.env) });
  const stop = async (code: number) => {
    for (const child of [next, worker]) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    }
    await sim.simulator.close();
    await searchSim.simulator.close();
    await governanceSim.simulator.close();
    if (stopDb) await stopDb();
    process.exit(code);
  };
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
  next.once("exit", (code) => void stop(code ?? 1));
  worker.once("exit", (code) => void stop(code ?? 1));
}

main().catch((err) => {
  console.error("[e2e-server]", err);
  process.exit(1);
});
