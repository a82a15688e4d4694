// The zero-config database: data survives a restart, stop leaves no process behind, and a postmaster
// orphaned by a killed Node process is recovered at the next start.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureEmbeddedPgSymlinks, startEmbeddedPostgres } from "../../lib/db/embedded-postgres";

const modulePath = path.resolve(__dirname, "../../lib/db/embedded-postgres.ts");
let dataDir: string;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function postmasterPid(): number {
  return Number.parseInt(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0], 10);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "custodian-embedded-"));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("keeps the platform package's library links in place (idempotent)", async () => {
    await ensureEmbeddedPgSymlinks();
    await expect(ensureEmbeddedPgSymlinks()).resolves.toEqual({ created: [] });
  });

  it("persists data across a stop and a start, and stops cleanly", async () => {
    const first = await startEmbeddedPostgres({ dataDir });
    let pid: number;
    try {
      expect(first.url).toMatch(/^postgresql:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/custodian$/);
      expect(first.port).not.toBe(5432);
      pid = postmasterPid();
      await query(first.url, "CREATE TABLE kept (id int PRIMARY KEY, note text)");
      await query(first.url, "INSERT INTO kept VALUES (1, 'survives restarts')");
      const [{ encoding }] = await query<{ encoding: string }>(first.url, "SELECT current_setting('server_encoding') AS encoding");
      expect(encoding).toBe("UTF8");
    } finally {
      await first.stop();
    }
    expect(isAlive(pid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
    await expect(first.stop()).resolves.toBeUndefined(); // stopping twice is harmless

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await query(second.url, "SELECT id, note FROM kept")).toEqual([{ id: 1, note: "survives restarts" }]);
    } finally {
      await second.stop();
    }
  });

  it("refuses a second start of the same cluster in one process", async () => {
    const running = await startEmbeddedPostgres({ dataDir });
    try {
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/already running in this process/);
    } finally {
      await running.stop();
    }
  });

  it("refuses port 5432", async () => {
    await expect(startEmbeddedPostgres({ dataDir, port: 5432 })).rejects.toThrow(/5432/);
  });

  it("recovers a postmaster orphaned by a killed Node process", async () => {
    // A separate Node process starts the cluster and is SIGKILLed, so its exit hook never stops Postgres.
    const script = `import(${JSON.stringify(modulePath)}).then(async (mod) => {
      const m = mod.startEmbeddedPostgres ? mod : mod.default;
      const db = await m.startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
      process.stdout.write("READY " + db.port + "\\n");
      setInterval(() => {}, 1000);
    }, (err) => { console.error(err); process.exit(1); });`;
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        output += String(d);
        if (output.includes("READY")) resolve();
      });
      child.stderr.on("data", (d) => (output += String(d)));
      child.once("exit", (code) => reject(new Error(`child exited with ${code} before ready:\n${output}`)));
    });
    await ready;
    const orphan = postmasterPid();
    child.kill("SIGKILL");
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r)));
    expect(isAlive(orphan)).toBe(true);

    const lines: string[] = [];
    const db = await startEmbeddedPostgres({ dataDir, log: (l) => lines.push(l) });
    try {
      expect(lines.some((l) => l.includes(`stopping orphaned postmaster (pid ${orphan})`))).toBe(true);
      expect(await waitUntil(() => !isAlive(orphan), 10_000)).toBe(true);
      expect(await query(db.url, "SELECT count(*)::int AS n FROM kept")).toEqual([{ n: 1 }]);
    } finally {
      await db.stop();
    }
  });
});
