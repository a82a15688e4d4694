// The zero-configuration demo: a Compliance API simulator with a seeded demo workspace (about 50 users,
// 2,000 conversations, 30,000 messages, 40 GPTs…), a demo source and authorization pointing at it, and a
// first sync queued so the archive fills while the user watches. Idempotent across restarts: the seed
// (hence workspace id and key) is fixed, and the source is re-pointed if the simulator's port changed.
import { getDb } from "@/lib/db";
import { launchSimulator, type LaunchedSimulator } from "@/lib/simulator/launch";
import { createAuthorization, createSource } from "@/lib/sources/sources";
import { enqueueSync } from "@/lib/ingest/enqueue";

export const DEMO_SEED = 20261125;

export async function startDemo(port: number, log: (m: string) => void): Promise<LaunchedSimulator> {
  const sim = await launchSimulator({ seed: DEMO_SEED, size: "demo", port, rateLimits: null }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") throw new Error(`The demo simulator's port ${port} is in use: set SIMULATOR_PORT to a free port`);
    throw err;
  });
  log(`demo Compliance API simulator on ${sim.apiBaseUrl} (workspace ${sim.workspaceId})`);
  const db = getDb();
  let source = await db.source.findFirst({ where: { isDemo: true } });
  if (source && (source.apiBaseUrl !== sim.apiBaseUrl || source.workspaceId !== sim.workspaceId)) {
    source = await db.source.update({ where: { id: source.id }, data: { apiBaseUrl: sim.apiBaseUrl, workspaceId: sim.workspaceId } });
  }
  if (!source) {
    const created = await createSource(
      { name: "Demo workspace (simulator)", description: "Synthetic ChatGPT Enterprise workspace served by the bundled Compliance API simulator", workspaceId: sim.workspaceId, apiBaseUrl: sim.apiBaseUrl },
      null,
      {},
      { isDemo: true, unpaced: true },
    );
    source = await db.source.findUniqueOrThrow({ where: { id: created.id } });
    log("created the demo source");
  }
  const activeAuth = await db.sourceAuthorization.findFirst({ where: { sourceId: source.id, revokedAt: null } });
  if (!activeAuth) {
    await createAuthorization(source.id, sim.apiKey, null);
    log("created the demo authorization (key tested against the simulator)");
  }
  if ((await db.syncRun.count({ where: { sourceId: source.id } })) === 0 && source.captureEnabled) {
    await enqueueSync(source.id, "DEMO");
    log("first sync queued: the archive fills in the background (Admin → Sources shows progress)");
  }
  return sim;
}
