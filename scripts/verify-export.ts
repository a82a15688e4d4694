// `npm run export:verify -- <export.zip> [--sha256 <hex>] [--json]`: checks an export ZIP against its
// manifest.json (every entry's size and SHA-256, nothing missing or extra) and, with --sha256, the ZIP's
// own hash as Custodian recorded it. Needs no database. Exit code 0 when everything matches, 1 otherwise.
import { existsSync } from "node:fs";
import { formatVerifyReport, verifyExportZip } from "../lib/exports/verify";

function usage(): never {
  console.error("Usage: npm run export:verify -- <export.zip> [--sha256 <expected SHA-256 of the ZIP>] [--json]");
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2);
  let file: string | null = null;
  let expected: string | null = null;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") json = true;
    else if (a === "--sha256") expected = args[++i] ?? usage();
    else if (a.startsWith("--sha256=")) expected = a.slice("--sha256=".length);
    else if (a === "-h" || a === "--help") usage();
    else if (!file) file = a;
    else usage();
  }
  if (!file) usage();
  if (expected !== null && !/^[0-9a-fA-F]{64}$/.test(expected)) {
    console.error("--sha256 must be 64 hexadecimal characters");
    process.exit(1);
  }
  if (!existsSync(file)) {
    console.error(`No such file: ${file}`);
    process.exit(1);
  }
  const report = await verifyExportZip(file, { expectedSha256: expected });
  console.log(json ? JSON.stringify(report, null, 2) : formatVerifyReport(report));
  process.exit(report.ok ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
