// A streaming ZIP writer over yazl that records the size and SHA-256 of every entry as its bytes go by and
// the SHA-256 of the ZIP itself. `add` resolves once yazl has consumed the entry, so callers that await it
// keep at most one entry in memory however large the export. Output goes to a temporary file that
// `finish` renames into place, so a half-written ZIP never appears under its final name.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { PassThrough, Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";

export type ZipEntryRecord = { path: string; size: number; sha256: string };

export class ZipWriter {
  private readonly zip = new ZipFile();
  private readonly zipHash = createHash("sha256");
  private zipSize = 0;
  private readonly done: Promise<void>;
  private failure: unknown = null;
  readonly entries: ZipEntryRecord[] = [];
  private readonly paths = new Set<string>();

  constructor(
    private readonly tmpPath: string,
    private readonly mtime: Date = new Date(),
  ) {
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, cb) => {
        this.zipHash.update(chunk);
        this.zipSize += chunk.length;
        cb(null, chunk);
      },
    });
    this.zip.on("error", (err: unknown) => {
      this.failure ??= err;
      (this.zip.outputStream as PassThrough).destroy(err instanceof Error ? err : new Error(String(err)));
    });
    this.done = pipeline(this.zip.outputStream, counter, createWriteStream(this.tmpPath, { flags: "w" }));
    this.done.catch((err: unknown) => {
      this.failure ??= err;
    });
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  /** Adds one entry and waits until it is written; its size and SHA-256 are recorded. */
  async add(path: string, source: Buffer | string | Readable): Promise<ZipEntryRecord> {
    if (this.failure) throw this.failure;
    if (this.paths.has(path)) throw new Error(`Duplicate ZIP entry ${path}`);
    this.paths.add(path);
    const input = typeof source === "string" ? Readable.from([Buffer.from(source, "utf8")]) : Buffer.isBuffer(source) ? Readable.from([source]) : source;
    const hash = createHash("sha256");
    let size = 0;
    const meter = new PassThrough();
    meter.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    const consumed = new Promise<void>((resolve, reject) => {
      meter.once("end", () => resolve());
      meter.once("error", reject);
      input.once("error", (err) => {
        meter.destroy(err);
        reject(err);
      });
      this.done.then(
        () => resolve(),
        (err: unknown) => reject(err),
      );
    });
    this.zip.addReadStreamLazy(path, { mtime: this.mtime, mode: 0o100644 }, (cb) => {
      input.pipe(meter);
      cb(null, meter);
    });
    await consumed;
    if (this.failure) throw this.failure;
    const record = { path, size, sha256: hash.digest("hex") };
    this.entries.push(record);
    return record;
  }

  /** Writes the central directory, then moves the file to `finalPath`. */
  async finish(finalPath: string): Promise<{ size: number; sha256: string }> {
    this.zip.end();
    await this.done;
    if (this.failure) throw this.failure;
    await rename(this.tmpPath, finalPath);
    return { size: this.zipSize, sha256: this.zipHash.digest("hex") };
  }

  /** Stops writing and removes the temporary file. */
  async abort(): Promise<void> {
    this.failure ??= new Error("aborted");
    (this.zip.outputStream as PassThrough).destroy();
    await this.done.catch(() => undefined);
    await rm(this.tmpPath, { force: true });
  }
}
