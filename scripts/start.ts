// `npm start` / `npm run dev`: one command from a fresh clone to a running app.
// 1. secrets: configured ones, else generated once into DATA_DIR;
// 2. database: DATABASE_URL, else an embedded PostgreSQL in DATA_DIR (persistent, free local port);
// 3. migrations; 4. the first admin (ADMIN_EMAIL/ADMIN_PASSWORD, or a printed demo admin);
// 5. build when needed; 6. the web server and a worker, stopped together (and the database last).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv, isDemoMode, resolveDataDir, setProcessEnv } from "@/lib/env";
import { loadOrCreateLocalSecrets } from "@/lib/runtime/local-secrets";
import { WORKER_NODE_FLAGS, workerProcessEnv } from "@/lib/runtime/node-flags";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";

const dev = process.argv.includes("--dev");
const forceBuild = process.argv.includes("--rebuild");
const root = path.resolve(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

const children: ChildProcess[] = [];
let stopDatabase: (() => Promise<void>) | null = null;
const cleanups: (() => Promise<void>)[] = [];
let shuttingDown = false;

function log(message: string) {
  console.log(`[custodian] ${message}`);
}

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            const timer = setTimeout(() => {
              child.kill("SIGKILL");
              resolve();
            }, 25_000);
            child.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
    for (const cleanup of cleanups) await cleanup().catch((err) => console.error(err));
    if (stopDatabase) {
      log("stopping the embedded database");
      await stopDatabase().catch((err) => console.error(err));
    }
  }
  // embedded-postgres installs an exit hook that swallows exit codes: exit explicitly.
  process.exit(code);
}

function run(command: string, args: string[], name: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", env });
  children.push(child);
  child.once("exit", (code, signal) => {
    if (!shuttingDown) {
      console.error(`[custodian] ${name} exited (${signal ?? code}); stopping`);
      void shutdown(typeof code === "number" && code !== 0 ? code : 1);
    }
  });
  return child;
}

function runToCompletion(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: process.env });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}`))));
  });
}

function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (forceBuild || !existsSync(buildId)) return true;
  // Rebuild when the checked-out commit differs from the one the build was made from.
  const stamp = path.join(root, ".next", "custodian-build-stamp");
  return !existsSync(stamp) || readFileSync(stamp, "utf8") !== currentRevision();
}

function currentRevision(): string {
  try {
    const head = readFileSync(path.join(root, ".git", "HEAD"), "utf8").trim();
    const ref = head.startsWith("ref: ") ? readFileSync(path.join(root, ".git", head.slice(5)), "utf8").trim() : head;
    return ref;
  } catch {
    return "unknown";
  }
}

/** The first admin: from ADMIN_EMAIL/ADMIN_PASSWORD, or a demo admin whose credentials are printed. */
async function bootstrapAdmin(dataDir: string): Promise<string[]> {
  const { ensureAdmin } = await import("@/lib/users/users");
  const { getDb } = await import("@/lib/db");
  const { generatePassword } = await import("@/lib/crypto/password");
  const env = getEnv();
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    const { created } = await ensureAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    return [created ? `admin ${env.ADMIN_EMAIL} created from ADMIN_EMAIL/ADMIN_PASSWORD` : `admin ${env.ADMIN_EMAIL} exists`];
  }
  const credentialsFile = path.join(dataDir, "demo-admin.txt");
  if ((await getDb().user.count()) === 0) {
    const email = "admin@custodian.local";
    const password = generatePassword();
    await ensureAdmin(email, password, "Demo Admin");
    writeFileSync(credentialsFile, `email: ${email}\npassword: ${password}\n`, { mode: 0o600 });
  }
  if (existsSync(credentialsFile)) {
    const [emailLine, passwordLine] = readFileSync(credentialsFile, "utf8").trim().split("\n");
    return ["demo admin (change the password in Admin → Users):", `  ${emailLine}`, `  ${passwordLine}`];
  }
  return ["users exist; sign in with your account"];
}

async function main() {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const env = getEnv();
  // Decided from what the user configured, before the embedded database's URL is set below.
  const demo = isDemoMode(env);
  const dataDir = resolveDataDir(env);
  mkdirSync(dataDir, { recursive: true });

  const secrets = loadOrCreateLocalSecrets(dataDir);
  setProcessEnv({
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? secrets.NEXTAUTH_SECRET,
    CRON_SECRET: env.CRON_SECRET ?? secrets.CRON_SECRET,
    ENCRYPTION_KEYS: env.ENCRYPTION_KEYS ?? secrets.ENCRYPTION_KEYS,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    NEXT_TELEMETRY_DISABLED: "1",
  });

  if (env.DATABASE_URL) {
    log("using DATABASE_URL");
  } else {
    log(`starting the embedded PostgreSQL in ${path.join(dataDir, "postgres")}`);
    const pg = await startEmbeddedPostgres({ dataDir });
    stopDatabase = pg.stop;
    setProcessEnv({ DATABASE_URL: pg.url });
    log(`embedded PostgreSQL listening on 127.0.0.1:${pg.port}`);
  }

  const { applied } = await migrate(getEnv().DATABASE_URL!);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  const adminLines = await bootstrapAdmin(dataDir);

  if (demo) {
    const { startDemo } = await import("@/lib/runtime/demo");
    const sim = await startDemo(env.SIMULATOR_PORT, log);
    cleanups.push(() => sim.simulator.close());
    const { stopBoss } = await import("@/lib/jobs/boss");
    cleanups.unshift(stopBoss);
  }

  if (!dev && needsBuild()) {
    log("building the app (first start or new revision)…");
    await runToCompletion(bin("next"), ["build"]);
    writeFileSync(path.join(root, ".next", "custodian-build-stamp"), currentRevision());
  }

  run(bin("next"), [dev ? "dev" : "start", "-p", String(env.PORT)], "web server");
  run(process.execPath, [...WORKER_NODE_FLAGS, path.join(root, "scripts", "worker.ts")], "worker", workerProcessEnv(process.env));

  const banner = [
    "",
    `Custodian is starting on http://localhost:${env.PORT}`,
    ...adminLines,
    "Press Ctrl+C to stop.",
    "",
  ];
  console.log(banner.map((l) => (l ? `  ${l}` : l)).join("\n"));
}

main().catch(async (err) => {
  console.error("[custodian] failed to start:", err instanceof Error ? err.message : err);
  await shutdown(1);
});
