// An export's ZIP, for its creator or an admin, as an attachment that never renders in the app's origin.
// 409 while it is being built (or after it failed), 410 once it expired or was discarded. Every download
// and every refused one is audited (`export.download`) with the ZIP's SHA-256.
import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { withAuth } from "@/lib/http/handler";
import { AppError } from "@/lib/http/errors";
import { contentDisposition } from "@/lib/http/content-disposition";
import { ExportStateError, openExportDownload } from "@/lib/exports/exports";
import { exportIdParams } from "@/lib/exports/schemas";

export const GET = withAuth({ action: "export:read", params: exportIdParams }, async ({ params, user, audit }) => {
  const target = { type: "export", id: params.id };
  let download: Awaited<ReturnType<typeof openExportDownload>>;
  try {
    download = await openExportDownload(params.id, user);
  } catch (err) {
    if (err instanceof ExportStateError) {
      await audit({ action: "export.download", target, outcome: "FAILURE", details: { reason: err.code } });
      return NextResponse.json({ error: { code: err.code, message: err.message } }, { status: err.status, headers: { "cache-control": "no-store" } });
    }
    if (err instanceof AppError && err.code === "not_found") await audit({ action: "export.download", target, outcome: "FAILURE", details: { reason: "not_found" } });
    throw err;
  }
  const { view, stream, size, fileName } = download;
  await audit({ action: "export.download", target, details: { name: view.name, kind: view.kind, sha256: view.sha256, size, createdById: view.createdBy.id } });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      "content-type": "application/zip",
      "content-length": String(size),
      "content-disposition": contentDisposition(fileName, `export-${view.id}.zip`),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "default-src 'none'; sandbox",
      "x-export-sha256": view.sha256 ?? "",
    },
  });
});
