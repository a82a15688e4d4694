import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalBlobStore } from "@/lib/storage/blob-store";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "blobs-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(r: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe("local content-addressed blob store", () => {
  it("stores bytes under their SHA-256 once and reads them back", async () => {
    const store = new LocalBlobStore(dir);
    const bytes = Buffer.from("quarterly vendor list\n".repeat(1000));
    const sha = createHash("sha256").update(bytes).digest("hex");
    const first = await store.put(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]));
    expect(first).toMatchObject({ sha256: sha, size: bytes.length, existed: false });
    const again = await store.put(bytes);
    expect(again).toMatchObject({ sha256: sha, existed: true });
    expect(await readAll(await store.open(sha))).toEqual(bytes);
    expect(await readdir(path.join(dir, "tmp"))).toEqual([]);
  });

  it("deletes blobs and rejects malformed hashes", async () => {
    const store = new LocalBlobStore(dir);
    const { sha256 } = await store.put(Buffer.from("x"));
    expect(await store.delete(sha256)).toBe(true);
    expect(await store.has(sha256)).toBe(false);
    expect(await store.delete(sha256)).toBe(false);
    await expect(store.open("../../etc/passwd")).rejects.toThrow(/Invalid blob hash/);
  });

  it("leaves nothing behind when the source stream fails", async () => {
    const store = new LocalBlobStore(dir);
    async function* broken() {
      yield Buffer.from("partial");
      throw new Error("connection dropped");
    }
    await expect(store.put(broken())).rejects.toThrow(/connection dropped/);
    expect(await readdir(path.join(dir, "tmp"))).toEqual([]);
  });
});
