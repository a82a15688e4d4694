// A captured file's bytes (conversation, GPT and project files alike), always as a download: an opaque
// content type, nosniff and an attachment disposition, so stored content can never render in the app's
// origin. 404 for an unknown file, 410 (`gone`, with the file's status) when its content was never stored
// or is no longer in storage. Every download, and every refused one, is audited.
import { Readable } from "node:stream";
import { withAuth } from "@/lib/http/handler";
import { AppError } from "@/lib/http/errors";
import { archiveIdParams, getDownloadableFile } from "@/lib/archive/reader";
import { contentDisposition } from "@/lib/http/content-disposition";
import { getBlobStore } from "@/lib/storage/blob-store";

export const GET = withAuth({ action: "archive:read", params: archiveIdParams }, async ({ params, audit }) => {
  const target = { type: "file", id: params.id };
  let file: Awaited<ReturnType<typeof getDownloadableFile>>;
  try {
    file = await getDownloadableFile(params.id);
  } catch (err) {
    if (err instanceof AppError && err.code === "gone") await audit({ action: "file.download", target, outcome: "FAILURE", details: err.details as Record<string, unknown> });
    throw err;
  }
  const store = getBlobStore();
  if (!(await store.has(file.blob.sha256))) {
    await audit({ action: "file.download", target, outcome: "FAILURE", details: { status: file.status, reason: "missing" } });
    throw new AppError("gone", "The file's content is no longer in storage.", { status: file.status, reason: "missing" });
  }
  const stream = await store.open(file.blob.sha256);
  await audit({ action: "file.download", target, details: { name: file.name, kind: file.kind, sha256: file.blob.sha256, size: Number(file.blob.size), conversationId: file.conversationId } });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(file.blob.size),
      "content-disposition": contentDisposition(file.name, file.id),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "default-src 'none'; sandbox",
      "x-file-sha256": file.blob.sha256,
    },
  });
});
