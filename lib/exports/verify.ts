// Verifies an export ZIP against its own manifest.json: every entry the manifest lists must be present
// with the recorded size and SHA-256, nothing else may be in the archive (besides the manifest), entries
// must be readable (a corrupted deflate stream is reported against its entry), and, when the expected
// SHA-256 of the ZIP itself is given (from the export's record in Custodian), the whole file must match.
// Works on any copy of the ZIP, with no database: this is what a recipient runs.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import yauzl from "yauzl";

export const MANIFEST_PATH = "manifest.json";
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

export type VerifyIssue = {
  kind: "missing" | "extra" | "size_mismatch" | "hash_mismatch" | "unreadable" | "duplicate" | "manifest" | "zip_hash_mismatch" | "zip_unreadable";
  path: string | null;
  message: string;
};

export type ManifestEntry = { path: string; size: number; sha256: string };

export type VerifyReport = {
  ok: boolean;
  zip: { path: string; size: number; sha256: string };
  /** The manifest's export block (id, name, kind, parameters, creator…), when it could be read. */
  export: Record<string, unknown> | null;
  /** Entries listed by the manifest that were found intact. */
  verified: number;
  listed: number;
  issues: VerifyIssue[];
};

async function hashStream(stream: Readable, limit?: number): Promise<{ size: number; sha256: string; data: Buffer | null }> {
  const hash = createHash("sha256");
  let size = 0;
  const chunks: Buffer[] | null = limit !== undefined ? [] : null;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (chunks) {
      if (size > limit!) throw new Error(`larger than ${limit} bytes`);
      chunks.push(chunk);
    }
  }
  return { size, sha256: hash.digest("hex"), data: chunks ? Buffer.concat(chunks) : null };
}

function parseManifest(data: Buffer, issues: VerifyIssue[]): { entries: ManifestEntry[]; exportInfo: Record<string, unknown> | null } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString("utf8"));
  } catch {
    issues.push({ kind: "manifest", path: MANIFEST_PATH, message: "manifest.json is not valid JSON" });
    return null;
  }
  const m = parsed as { entries?: unknown; export?: unknown };
  if (!Array.isArray(m.entries)) {
    issues.push({ kind: "manifest", path: MANIFEST_PATH, message: "manifest.json has no entries list" });
    return null;
  }
  const entries: ManifestEntry[] = [];
  for (const e of m.entries as unknown[]) {
    const r = e as Partial<ManifestEntry>;
    if (typeof r?.path !== "string" || typeof r.size !== "number" || typeof r.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(r.sha256)) {
      issues.push({ kind: "manifest", path: MANIFEST_PATH, message: `manifest.json has a malformed entry: ${JSON.stringify(e).slice(0, 200)}` });
      continue;
    }
    entries.push({ path: r.path, size: r.size, sha256: r.sha256 });
  }
  return { entries, exportInfo: m.export && typeof m.export === "object" ? (m.export as Record<string, unknown>) : null };
}

export async function verifyExportZip(zipPath: string, options: { expectedSha256?: string | null } = {}): Promise<VerifyReport> {
  const issues: VerifyIssue[] = [];
  const whole = await hashStream(createReadStream(zipPath));
  const report: VerifyReport = { ok: false, zip: { path: zipPath, size: whole.size, sha256: whole.sha256 }, export: null, verified: 0, listed: 0, issues };
  const expected = options.expectedSha256?.trim().toLowerCase();
  if (expected && expected !== whole.sha256) {
    issues.push({ kind: "zip_hash_mismatch", path: null, message: `The ZIP's SHA-256 is ${whole.sha256}, expected ${expected}` });
  }

  const actual = new Map<string, { size: number; sha256: string } | { error: string }>();
  let manifestData: Buffer | null = null;
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: true, strictFileNames: true, validateEntrySizes: true });
  } catch (err) {
    issues.push({ kind: "zip_unreadable", path: null, message: `Not a readable ZIP: ${(err as Error).message}` });
    return report;
  }
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue;
      if (actual.has(entry.fileName)) {
        issues.push({ kind: "duplicate", path: entry.fileName, message: `${entry.fileName} appears more than once in the ZIP` });
        continue;
      }
      try {
        const stream = await zip.openReadStreamPromise(entry);
        const isManifest = entry.fileName === MANIFEST_PATH;
        const result = await hashStream(stream, isManifest ? MAX_MANIFEST_BYTES : undefined);
        if (isManifest) manifestData = result.data;
        actual.set(entry.fileName, { size: result.size, sha256: result.sha256 });
      } catch (err) {
        actual.set(entry.fileName, { error: (err as Error).message });
      }
    }
  } catch (err) {
    issues.push({ kind: "zip_unreadable", path: null, message: `The ZIP's directory could not be read: ${(err as Error).message}` });
  } finally {
    zip.close();
  }

  if (!manifestData) {
    const m = actual.get(MANIFEST_PATH);
    issues.push({ kind: "manifest", path: MANIFEST_PATH, message: m && "error" in m ? `manifest.json is unreadable: ${m.error}` : "manifest.json is missing" });
    report.ok = false;
    return report;
  }
  const manifest = parseManifest(manifestData, issues);
  if (!manifest) return report;
  report.export = manifest.exportInfo;
  report.listed = manifest.entries.length;

  const listed = new Set<string>();
  for (const e of manifest.entries) {
    listed.add(e.path);
    const a = actual.get(e.path);
    if (!a) {
      issues.push({ kind: "missing", path: e.path, message: `${e.path} is listed in the manifest but not in the ZIP` });
    } else if ("error" in a) {
      issues.push({ kind: "unreadable", path: e.path, message: `${e.path} could not be read: ${a.error}` });
    } else if (a.size !== e.size) {
      issues.push({ kind: "size_mismatch", path: e.path, message: `${e.path} is ${a.size} bytes, the manifest says ${e.size}` });
    } else if (a.sha256 !== e.sha256) {
      issues.push({ kind: "hash_mismatch", path: e.path, message: `${e.path} has SHA-256 ${a.sha256}, the manifest says ${e.sha256}` });
    } else {
      report.verified++;
    }
  }
  for (const [path, a] of actual) {
    if (path === MANIFEST_PATH || listed.has(path)) continue;
    issues.push({ kind: "extra", path, message: "error" in a ? `${path} is not in the manifest (and unreadable)` : `${path} is in the ZIP but not in the manifest` });
  }
  report.ok = issues.length === 0;
  return report;
}

/** Human-readable lines for a report (the verify script prints these). */
export function formatVerifyReport(report: VerifyReport): string {
  const lines: string[] = [];
  const exp = report.export;
  lines.push(`ZIP       ${report.zip.path}`);
  lines.push(`Size      ${report.zip.size.toLocaleString("en-US")} bytes`);
  lines.push(`SHA-256   ${report.zip.sha256}`);
  if (exp) lines.push(`Export    ${String(exp.name ?? "")} (${String(exp.id ?? "")}), ${String(exp.kind ?? "")}, created ${String(exp.created_at ?? exp.createdAt ?? "")}`);
  lines.push(`Entries   ${report.verified} of ${report.listed} verified`);
  for (const issue of report.issues) lines.push(`  ✗ [${issue.kind}] ${issue.message}`);
  lines.push(report.ok ? "OK: the export matches its manifest." : `FAILED: ${report.issues.length} problem(s).`);
  return lines.join("\n");
}
