// Content-addressed blob storage. Bytes are stored once per SHA-256 and referenced by hash; the local
// backend keeps them under DATA_DIR/blobs/ab/cd/<sha256>. Another backend (S3-compatible) implements the
// same interface.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { resolveDataDir } from "@/lib/env";

export type StoredBlob = { sha256: string; size: number; storageKey: string; existed: boolean };

export interface BlobStore {
  /**
   * Streams bytes in, hashing as they arrive; stores them only if that content is new. `sha256`: the
   * bytes' hash when the caller computed it already (a download hashes while it streams).
   */
  put(source: AsyncIterable<Uint8Array> | Readable | Buffer, known?: { sha256: string }): Promise<StoredBlob>;
  open(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<boolean>;
}

const SHA256 = /^[0-9a-f]{64}$/;
/**
 * Bytes already in memory up to this size are written with synchronous calls: a file takes a few
 * system calls either way, and capture stores thousands of small attachments, where going through the
 * thread pool cost more than twice the CPU. The event loop waits at most about a millisecond.
 */
const SYNC_WRITE_MAX_BYTES = 1024 * 1024;

export class LocalBlobStore implements BlobStore {
  /** Directories known to exist: creating them once, not per file, matters when capture stores thousands. */
  private readonly madeDirs = new Set<string>();

  constructor(private readonly root: string) {}

  private async ensureDir(dir: string): Promise<void> {
    if (this.madeDirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.madeDirs.add(dir);
  }

  private pathFor(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error("Invalid blob hash");
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: AsyncIterable<Uint8Array> | Readable | Buffer, known?: { sha256: string }): Promise<StoredBlob> {
    if (Buffer.isBuffer(source) && source.length <= SYNC_WRITE_MAX_BYTES) return this.putSmall(source, known?.sha256);
    const tmpDir = path.join(this.root, "tmp");
    await this.ensureDir(tmpDir);
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash("sha256");
    let size = 0;
    const out = createWriteStream(tmp, { flags: "wx" });
    try {
      const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = Buffer.isBuffer(source) ? [source] : source;
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.length;
        if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      const sha256 = hash.digest("hex");
      const final = this.pathFor(sha256);
      if (await this.has(sha256)) {
        await unlink(tmp);
        return { sha256, size, storageKey: path.relative(this.root, final), existed: true };
      }
      await this.ensureDir(path.dirname(final));
      await rename(tmp, final); // atomic: readers never see a partial blob
      return { sha256, size, storageKey: path.relative(this.root, final), existed: false };
    } catch (err) {
      // The stream opens its file asynchronously: wait until it is closed, or the file could be created
      // after we removed it and be left behind.
      if (!out.closed) {
        const closed = new Promise<void>((resolve) => out.once("close", () => resolve()));
        out.destroy();
        await closed;
      }
      await rm(tmp, { force: true });
      throw err;
    }
  }

  /** put() for small in-memory bytes: hashed first, so content already stored is not written again. */
  private putSmall(bytes: Buffer, knownSha256?: string): StoredBlob {
    const sha256 = knownSha256 ?? createHash("sha256").update(bytes).digest("hex");
    const final = this.pathFor(sha256);
    const storageKey = path.relative(this.root, final);
    if (statSync(final, { throwIfNoEntry: false })?.isFile()) return { sha256, size: bytes.length, storageKey, existed: true };
    const tmpDir = path.join(this.root, "tmp");
    this.ensureDirSync(tmpDir);
    const tmp = path.join(tmpDir, randomUUID());
    try {
      writeFileSync(tmp, bytes, { flag: "wx" });
      this.ensureDirSync(path.dirname(final));
      renameSync(tmp, final); // atomic: readers never see a partial blob
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    return { sha256, size: bytes.length, storageKey, existed: false };
  }

  private ensureDirSync(dir: string): void {
    if (this.madeDirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.madeDirs.add(dir);
  }

  async open(sha256: string): Promise<Readable> {
    const p = this.pathFor(sha256);
    await stat(p);
    return createReadStream(p);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathFor(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<boolean> {
    try {
      await unlink(this.pathFor(sha256));
      return true;
    } catch {
      return false;
    }
  }
}

let defaultStore: BlobStore | null = null;

export function getBlobStore(): BlobStore {
  defaultStore ??= new LocalBlobStore(path.join(resolveDataDir(), "blobs"));
  return defaultStore;
}
