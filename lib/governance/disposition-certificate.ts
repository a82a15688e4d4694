// Certificates of destruction. Each finished disposition run gets a JSON certificate (run, trigger, who
// requested or scheduled it, when, the policy versions in force, counts, held-and-skipped counts and a
// digest over its tombstones) and a readable HTML rendering of the same content. The run stores the
// certificate and the SHA-256 of its canonical JSON; verifyDispositionRun() recomputes both digests.
//
// Tombstone digest ("custodian-tombstones-v1"), reproducible from the DispositionRecord table alone:
//   lines  = the run's tombstones ordered by itemType then itemId, both compared as bytes (UTF-8), each
//            written as  itemType TAB itemId TAB sha256 TAB policyId TAB policyVersion TAB runId TAB
//            disposedBy TAB disposedAt LF   (disposedAt as ISO-8601 UTC with milliseconds, e.g.
//            2026-11-26T01:02:03.456Z; policyVersion in decimal)
//   digest = lowercase hex SHA-256 of the concatenated lines (of the empty string when there are none).
// Certificate digest: SHA-256 (hex) of canonicalJson(certificate) (lib/crypto/hash.ts: keys sorted).
import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import { getDb } from "@/lib/db";
import { getIngestPool } from "@/lib/ingest/pg";
import { AppError } from "@/lib/http/errors";
import { canonicalJson, sha256Hex } from "@/lib/crypto/hash";
import type { PolicySnapshot } from "@/lib/governance/retention";
import type { DispositionCounts, HeldSkippedCounts } from "@/lib/governance/retention-types";
import { countLabels } from "@/lib/governance/retention-types";

export const DIGEST_ALGORITHM = "custodian-tombstones-v1";
const FETCH_SIZE = 10_000;

type TombstoneRow = { itemType: string; itemId: string; sha256: string; policyId: string; policyVersion: number; runId: string; disposedBy: string; disposedAt: Date };

export function tombstoneLine(t: TombstoneRow): string {
  return `${t.itemType}\t${t.itemId}\t${t.sha256}\t${t.policyId}\t${t.policyVersion}\t${t.runId}\t${t.disposedBy}\t${t.disposedAt.toISOString()}\n`;
}

/** Streams the run's tombstones in canonical order (a server-side cursor: constant memory at any size). */
export async function computeTombstoneDigest(client: pg.PoolClient, runId: string): Promise<{ digest: string; count: number }> {
  const hash = createHash("sha256");
  let count = 0;
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    // The canonical order is a sort of up to millions of rows: in memory rather than spilled to disk.
    await client.query("SET LOCAL work_mem = '256MB'");
    await client.query(
      `DECLARE tombstones NO SCROLL CURSOR FOR
       SELECT "itemType"::text AS "itemType", "itemId", sha256, "policyId", "policyVersion", "runId", "disposedBy", "disposedAt"
       FROM "DispositionRecord" WHERE "runId" = $1 ORDER BY "itemType"::text COLLATE "C", "itemId" COLLATE "C"`,
      [runId],
    );
    for (;;) {
      const { rows } = await client.query<TombstoneRow>(`FETCH ${FETCH_SIZE} FROM tombstones`);
      let chunk = "";
      for (const r of rows) chunk += tombstoneLine(r);
      hash.update(chunk);
      count += rows.length;
      if (rows.length < FETCH_SIZE) break;
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
  return { digest: hash.digest("hex"), count };
}

export type Certificate = {
  type: "custodian.certificate-of-destruction";
  formatVersion: 1;
  runId: string;
  trigger: "SCHEDULE" | "MANUAL";
  requestedBy: { id: string; email: string | null; name: string | null } | null;
  scheduledBy: string | null;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  asOf: string;
  policyVersions: (Omit<PolicySnapshot, "enabled">)[];
  disposed: DispositionCounts;
  heldSkipped: HeldSkippedCounts;
  blobsDeleted: number;
  tombstones: { count: number; digestAlgorithm: string; digest: string };
  generatedAt: string;
};

export function certificateSha256(cert: Certificate): string {
  return sha256Hex(canonicalJson(cert));
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ESC[c]);
}

/** A self-contained, printable HTML page of the certificate; every value is escaped. */
export function renderCertificateHtml(cert: Certificate, sha: string): string {
  const e = escapeHtml;
  const row = (k: string, v: unknown) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`;
  const counts = (Object.keys(countLabels) as (keyof DispositionCounts)[]).map((k) => row(countLabels[k], cert.disposed[k])).join("");
  const held = (Object.keys(cert.heldSkipped) as (keyof HeldSkippedCounts)[])
    .map((k) => row(countLabels[k as keyof DispositionCounts] ?? k, cert.heldSkipped[k]))
    .join("");
  const policies = cert.policyVersions
    .map(
      (p) =>
        `<tr><td>${e(p.name)}<br><code>${e(p.policyId)}</code></td><td>${e(p.version)}</td><td>${e(p.itemTypes.join(", "))}</td><td>${e(p.sourceId ?? "All sources")}</td><td>${e(p.custodianIds.length ? p.custodianIds.join(", ") : "All custodians")}</td><td>${e(p.periodDays)} days from ${e(p.dateBasis === "CAPTURED" ? "capture" : "source date")}</td><td>${e(p.versionsKept ?? "—")}</td></tr>`,
    )
    .join("");
  const who = cert.requestedBy ? `${cert.requestedBy.name ?? ""} <${cert.requestedBy.email ?? cert.requestedBy.id}>` : (cert.scheduledBy ?? "—");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Certificate of destruction ${e(cert.runId)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#111}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f5f5f5;width:16rem}code{font-size:.85em;word-break:break-all}</style>
</head><body>
<h1>Certificate of destruction</h1>
<p>This certifies that the archive items recorded below were permanently disposed of by Custodian disposition run <code>${e(cert.runId)}</code> under the retention policies listed, and that no item under an active legal hold was disposed of.</p>
<table>${row("Run", cert.runId)}${row("Trigger", cert.trigger === "MANUAL" ? "Run by hand" : "Scheduled")}${row(cert.trigger === "MANUAL" ? "Requested by" : "Scheduled by", who)}${row("Status", cert.status)}${row("Items due as of", cert.asOf)}${row("Started", cert.startedAt)}${row("Finished", cert.finishedAt)}${row("Duration (ms)", cert.durationMs)}</table>
<h2>Disposed</h2><table>${counts}${row("Stored blobs deleted (no longer referenced)", cert.blobsDeleted)}</table>
<h2>Due but kept under legal hold</h2><table>${held}</table>
<h2>Policy versions in force</h2>
<table><tr><th>Policy</th><th>Version</th><th>Object types</th><th>Source</th><th>Custodians</th><th>Period</th><th>Versions kept</th></tr>${policies}</table>
<h2>Tombstones</h2>
<table>${row("Count", cert.tombstones.count)}${row("Digest algorithm", cert.tombstones.digestAlgorithm)}${row("Digest (SHA-256)", cert.tombstones.digest)}</table>
<p>Digest: SHA-256 over one line per tombstone — itemType, itemId, sha256, policyId, policyVersion, runId, disposedBy, disposedAt (ISO-8601 UTC), tab-separated, newline-terminated — ordered by itemType then itemId (byte order).</p>
<p>Certificate generated ${e(cert.generatedAt)}. SHA-256 of this certificate's canonical JSON: <code>${e(sha)}</code></p>
</body></html>`;
}

export type VerifyResult = {
  ok: boolean;
  runId: string;
  tombstones: number;
  recordedDigest: string | null;
  computedDigest: string;
  certificateOk: boolean;
  problems: string[];
};

/** Recomputes the tombstone digest and the certificate hash and compares them with what the run recorded. */
export async function verifyDispositionRun(runId: string, options: { pool?: pg.Pool } = {}): Promise<VerifyResult> {
  const run = await getDb().dispositionRun.findUnique({ where: { id: runId } });
  if (!run) throw new AppError("not_found", "Disposition run not found");
  const client = await (options.pool ?? getIngestPool()).connect();
  let computed: { digest: string; count: number };
  try {
    computed = await computeTombstoneDigest(client, runId);
  } finally {
    client.release();
  }
  const problems: string[] = [];
  const cert = run.certificate as Certificate | null;
  if (!run.tombstoneDigest || !cert) problems.push("The run has no certificate (it has not finished)");
  if (run.tombstoneDigest && run.tombstoneDigest !== computed.digest) problems.push("The tombstones no longer match the digest recorded by the run");
  if (cert && cert.tombstones.digest !== computed.digest) problems.push("The tombstones no longer match the certificate's digest");
  if (cert && cert.tombstones.count !== computed.count) problems.push(`The certificate lists ${cert.tombstones.count} tombstones; ${computed.count} exist`);
  const certificateOk = Boolean(cert && run.certificateSha256 && certificateSha256(cert) === run.certificateSha256);
  if (cert && !certificateOk) problems.push("The certificate does not match its recorded SHA-256");
  return { ok: problems.length === 0, runId, tombstones: computed.count, recordedDigest: run.tombstoneDigest, computedDigest: computed.digest, certificateOk, problems };
}
