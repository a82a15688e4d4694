// Simulated files: names, media types and deterministic bytes. A file's bytes are a pure function of
// (seed, contentKey): most files have their own key, but a small pool of "company documents" is reused by
// several files (different ids, identical bytes), as happens when the same handbook is uploaded to many
// GPTs or chats, so content-addressed storage on the capture side has real duplicates to collapse.
import { createHash } from "node:crypto";
import { rngFor, type Rng } from "./random";
import { codeBlock, makeContext, paragraph, sentence, type TextContext } from "./text";
import { CONTENT_WORDS } from "./words-en";

export type FileScope = "user" | "gpt" | "project";
export type MediaKind = "document" | "spreadsheet" | "presentation" | "image" | "text" | "audio" | "video";

/** Where a file lives and what its bytes are; download URLs are added by the server when serving. */
export interface FileRef {
  id: string;
  name: string;
  scope: FileScope;
  /** Unix seconds. */
  createdAt: number;
  /** Bytes are derived from (seed, contentKey); equal keys ⇒ identical bytes. */
  contentKey: string;
  /** Chat uploads only: expired when generated (the workspace's overlay can expire more later). */
  expired?: boolean;
}

interface Ext {
  ext: string;
  mime: string;
  media: MediaKind;
  minBytes: number;
  maxBytes: number;
}

const EXTENSIONS: Record<string, Ext> = {
  pdf: { ext: "pdf", mime: "application/pdf", media: "document", minBytes: 3_000, maxBytes: 300_000 },
  docx: { ext: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", media: "document", minBytes: 8_000, maxBytes: 150_000 },
  xlsx: { ext: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", media: "spreadsheet", minBytes: 6_000, maxBytes: 200_000 },
  pptx: { ext: "pptx", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", media: "presentation", minBytes: 30_000, maxBytes: 600_000 },
  csv: { ext: "csv", mime: "text/csv", media: "text", minBytes: 200, maxBytes: 40_000 },
  txt: { ext: "txt", mime: "text/plain", media: "text", minBytes: 100, maxBytes: 20_000 },
  md: { ext: "md", mime: "text/markdown", media: "text", minBytes: 200, maxBytes: 20_000 },
  json: { ext: "json", mime: "application/json", media: "text", minBytes: 100, maxBytes: 30_000 },
  py: { ext: "py", mime: "text/x-python", media: "text", minBytes: 200, maxBytes: 10_000 },
  png: { ext: "png", mime: "image/png", media: "image", minBytes: 5_000, maxBytes: 400_000 },
  jpg: { ext: "jpg", mime: "image/jpeg", media: "image", minBytes: 8_000, maxBytes: 500_000 },
  webp: { ext: "webp", mime: "image/webp", media: "image", minBytes: 20_000, maxBytes: 300_000 },
  m4a: { ext: "m4a", mime: "audio/mp4", media: "audio", minBytes: 60_000, maxBytes: 1_200_000 },
  mp4: { ext: "mp4", mime: "video/mp4", media: "video", minBytes: 150_000, maxBytes: 2_000_000 },
};

export function extensionOf(name: string): Ext {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return EXTENSIONS[m ? m[1].toLowerCase() : "txt"] ?? EXTENSIONS.txt;
}

export function mimeTypeOf(name: string): string {
  return extensionOf(name).mime;
}

/** Audio and video user files need `conversation_id` on the content endpoint (§6). */
export function needsConversationId(name: string): boolean {
  const media = extensionOf(name).media;
  return media === "audio" || media === "video";
}

/** Documents several files share byte for byte (content-addressed dedupe on the capture side). */
export const SHARED_DOCUMENTS = [
  "Employee Handbook 2025.pdf",
  "Travel and Expense Policy.docx",
  "Brand Guidelines.pdf",
  "Information Security Standard.pdf",
  "Q3 Board Deck.pptx",
  "Org Chart.png",
] as const;

export function sharedDocumentKey(rng: Rng): { name: string; contentKey: string } {
  const i = rng.int(0, SHARED_DOCUMENTS.length - 1);
  return { name: SHARED_DOCUMENTS[i], contentKey: `shared:${i}` };
}

const slugWord = (rng: Rng, ctx?: TextContext) => (ctx && rng.chance(0.6) ? rng.pick(ctx.topic) : rng.pick(CONTENT_WORDS)).toLowerCase();

/** A plausible upload name: mostly documents and sheets, some images, rare audio/video. */
export function uploadFileName(rng: Rng, ctx?: TextContext): string {
  const ext = rng.weighted([
    ["pdf", 18],
    ["docx", 10],
    ["xlsx", 10],
    ["csv", 8],
    ["png", 10],
    ["jpg", 6],
    ["txt", 6],
    ["md", 3],
    ["pptx", 5],
    ["json", 3],
    ["py", 3],
    ["m4a", 2],
    ["mp4", 1],
  ] as const);
  const y = rng.int(2024, 2026);
  const mo = String(rng.int(1, 12)).padStart(2, "0");
  const d = String(rng.int(1, 28)).padStart(2, "0");
  switch (rng.int(0, 4)) {
    case 0:
      return ext === "png" || ext === "jpg" ? `Screenshot ${y}-${mo}-${d} at ${rng.int(8, 18)}.${String(rng.int(0, 59)).padStart(2, "0")}.${String(rng.int(0, 59)).padStart(2, "0")}.${ext}` : `${slugWord(rng, ctx)}-${slugWord(rng, ctx)}.${ext}`;
    case 1:
      return `${slugWord(rng, ctx)}_${y}${mo}${d}.${ext}`;
    case 2:
      return ext === "jpg" ? `IMG_${rng.int(1000, 9999)}.jpg` : `${slugWord(rng, ctx)}-v${rng.int(1, 5)}.${ext}`;
    case 3:
      return `${slugWord(rng, ctx)} ${slugWord(rng, ctx)} (${rng.pick(["final", "draft", "copy", "v2", "signed"])}).${ext}`;
    default:
      return `${slugWord(rng, ctx)}.${ext}`;
  }
}

/** An image generated in chat (DALL·E). */
export function generatedImageName(rng: Rng, ctx: TextContext): string {
  return `DALL·E ${rng.int(2024, 2026)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")} ${rng.int(10, 23)}.${String(rng.int(10, 59))}.${String(rng.int(10, 59))} - ${ctx.topic.slice(0, 3).join(" ")}.webp`;
}

/** A GPT/project knowledge file name. */
export function knowledgeFileName(rng: Rng, ctx: TextContext): string {
  const ext = rng.weighted([
    ["pdf", 10],
    ["docx", 6],
    ["md", 3],
    ["txt", 2],
    ["csv", 2],
    ["xlsx", 2],
    ["json", 1],
  ] as const);
  return `${rng.pick(ctx.topic)}-${rng.pick(["playbook", "guide", "policy", "faq", "reference", "handbook", "notes", "catalog"])}.${ext}`;
}

/** Log-uniform size in the extension's range: mostly small, some large. */
function sizeFor(rng: Rng, ext: Ext): number {
  const lo = Math.log(ext.minBytes);
  const hi = Math.log(ext.maxBytes);
  return Math.round(Math.exp(lo + rng.next() * (hi - lo)));
}

function textBody(rng: Rng, ext: Ext, target: number): string {
  const ctx = makeContext(rng, "northwind", 0.05);
  const parts: string[] = [];
  let len = 0;
  if (ext.ext === "csv") {
    parts.push(`id,${ctx.topic.slice(0, 3).join(",")},amount,date`);
    for (let i = 1; len < target; i++) {
      const row = `${i},${rng.pick(ctx.topic)},${rng.pick(CONTENT_WORDS)},${rng.int(1, 99999) / 100},2025-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
      parts.push(row);
      len += row.length + 1;
    }
    return parts.join("\n") + "\n";
  }
  if (ext.ext === "json") {
    const items: unknown[] = [];
    while (len < target) {
      const item = { id: rng.int(1, 1e6), name: rng.pick(ctx.topic), note: sentence(rng, ctx), value: rng.int(0, 1000) };
      items.push(item);
      len += 80;
    }
    return JSON.stringify({ items }, null, 2) + "\n";
  }
  if (ext.ext === "py") {
    while (len < target) {
      const block = codeBlock(rng, ctx).replace(/^```\w*\n|\n```$/g, "");
      parts.push(block);
      len += block.length + 2;
    }
    return parts.join("\n\n") + "\n";
  }
  if (ext.ext === "md") parts.push(`# ${ctx.topic.join(" ")}\n`);
  while (len < target) {
    const p = paragraph(rng, ctx);
    parts.push(p);
    len += p.length + 2;
  }
  return parts.join("\n\n") + "\n";
}

const HEADERS: Record<string, Buffer> = {
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
  jpg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  webp: Buffer.from("RIFF\0\0\0\0WEBPVP8 ", "latin1"),
  docx: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
  xlsx: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
  pptx: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
  m4a: Buffer.from("\0\0\0\x20ftypM4A \0\0\0\0M4A mp42isom", "latin1"),
  mp4: Buffer.from("\0\0\0\x20ftypisom\0\0\x02\0isomiso2avc1mp41", "latin1"),
};

/** A file's bytes with the digests a blob host sends along (Content-MD5, ETag). */
export type FileBody = { bytes: Buffer; md5Base64: string; etag: string };

export function fileBodyOf(seed: number, contentKey: string, name: string): FileBody {
  const bytes = fileBytes(seed, contentKey, name);
  return {
    bytes,
    md5Base64: createHash("md5").update(bytes).digest("base64"),
    etag: `"0x${createHash("sha256").update(bytes).digest("hex").slice(0, 15).toUpperCase()}"`,
  };
}

/** The bytes of a file. Deterministic in (seed, contentKey, name's extension). */
export function fileBytes(seed: number, contentKey: string, name: string): Buffer {
  const ext = extensionOf(name);
  const rng = rngFor(seed, "file-bytes", contentKey);
  const size = sizeFor(rng, ext);
  if (ext.media === "text") return Buffer.from(textBody(rng, ext, size), "utf8");
  if (ext.ext === "pdf") {
    const ctx = makeContext(rng, "northwind", 0);
    const head = `%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n% ${paragraph(rng, ctx, 3)}\nstream\n`;
    const tail = `\nendstream\n%%EOF\n`;
    const bodyLen = Math.max(0, size - head.length - tail.length);
    return Buffer.concat([Buffer.from(head, "latin1"), Buffer.from(rng.fill(new Uint8Array(bodyLen))), Buffer.from(tail, "latin1")]);
  }
  const header = HEADERS[ext.ext] ?? Buffer.alloc(0);
  const body = Buffer.from(rng.fill(new Uint8Array(Math.max(0, size - header.length))));
  return Buffer.concat([header, body]);
}
