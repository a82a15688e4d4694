// verifyExportZip against hand-made ZIPs: intact, an entry missing, an entry not in the manifest, a
// wrong size/hash, no manifest, not a ZIP at all, and the ZIP's own hash.
import { mkdtempSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ZipWriter, type ZipEntryRecord } from "@/lib/exports/zip-writer";
import { formatVerifyReport, verifyExportZip } from "@/lib/exports/verify";

const dir = mkdtempSync(path.join(os.tmpdir(), "custodian-verify-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

let n = 0;
async function makeZip(files: Record<string, string>, manifest: (entries: ZipEntryRecord[]) => unknown): Promise<{ file: string; sha256: string }> {
  const file = path.join(dir, `z${++n}.zip`);
  const w = new ZipWriter(`${file}.part`);
  for (const [name, content] of Object.entries(files)) await w.add(name, content);
  const m = manifest([...w.entries]);
  if (m !== undefined) await w.add("manifest.json", JSON.stringify(m));
  return { file, ...(await w.finish(file)) };
}

describe("verifyExportZip", () => {
  it("passes an intact export and checks the ZIP's own hash", async () => {
    const { file, sha256 } = await makeZip({ "a.txt": "alpha", "b/c.txt": "gamma" }, (entries) => ({ export: { id: "e1" }, entries }));
    const ok = await verifyExportZip(file, { expectedSha256: sha256.toUpperCase() });
    expect(ok).toMatchObject({ ok: true, verified: 2, listed: 2, issues: [], export: { id: "e1" } });
    expect(formatVerifyReport(ok)).toContain("OK: the export matches its manifest.");
    const wrong = await verifyExportZip(file, { expectedSha256: "f".repeat(64) });
    expect(wrong.ok).toBe(false);
    expect(wrong.issues.map((i) => i.kind)).toEqual(["zip_hash_mismatch"]);
  });

  it("reports missing, extra and mismatched entries by path", async () => {
    // A manifest that is not an object with an entries list is itself the problem.
    const malformed = await makeZip({ "kept.txt": "same" }, (entries) => entries);
    expect((await verifyExportZip(malformed.file)).issues).toEqual([expect.objectContaining({ kind: "manifest", path: "manifest.json" })]);

    const proper = await makeZip({ "kept.txt": "same", "extra.txt": "surprise", "changed.txt": "new content", "short.txt": "abc" }, (entries) => ({
      entries: [
        ...entries.filter((e) => e.path === "kept.txt"),
        { path: "changed.txt", size: 11, sha256: "0".repeat(64) },
        { path: "short.txt", size: 4, sha256: entries.find((e) => e.path === "short.txt")!.sha256 },
        { path: "gone.txt", size: 1, sha256: "1".repeat(64) },
      ],
    }));
    const report = await verifyExportZip(proper.file);
    expect(report.ok).toBe(false);
    expect(report.verified).toBe(1);
    const byPath = Object.fromEntries(report.issues.map((i) => [i.path, i.kind]));
    expect(byPath).toEqual({ "changed.txt": "hash_mismatch", "short.txt": "size_mismatch", "gone.txt": "missing", "extra.txt": "extra" });
    expect(formatVerifyReport(report)).toContain("FAILED: 4 problem(s).");
  });

  it("fails without a manifest, and on a file that is not a ZIP", async () => {
    const { file } = await makeZip({ "a.txt": "alpha" }, () => undefined);
    expect((await verifyExportZip(file)).issues).toEqual([expect.objectContaining({ kind: "manifest", message: "manifest.json is missing" })]);
    const junk = path.join(dir, "junk.zip");
    await writeFile(junk, "this is not a zip");
    const report = await verifyExportZip(junk);
    expect(report.ok).toBe(false);
    expect(report.issues[0].kind).toBe("zip_unreadable");
  });
});
