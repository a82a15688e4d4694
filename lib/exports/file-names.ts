// Names of entries inside an export ZIP. Captured file names come from ChatGPT users, so they are reduced
// to one safe path segment: no separators or traversal, no control or Windows-reserved characters, no
// reserved device names, no leading dots, bounded length (extension kept), never empty.
import { createHash } from "node:crypto";

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_BYTES = 120;

function truncateUtf8(text: string, maxBytes: number): string {
  let out = "";
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** One path segment safe on every OS and in every unzip tool; `fallback` (e.g. the file id) when nothing is left. */
export function safeFileName(name: string | null | undefined, fallback: string): string {
  // A name that carries a path keeps only its last segment (what the user would call the file's name).
  let base = (name ?? "")
    .split(/[\\/]/)
    .pop()!
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (!base || /^_+$/.test(base)) base = fallback.replace(/[^A-Za-z0-9._-]/g, "_") || "file";
  if (RESERVED.test(base)) base = `_${base}`;
  if (Buffer.byteLength(base) > MAX_BYTES) {
    const dot = base.lastIndexOf(".");
    const ext = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : "";
    base = truncateUtf8(base.slice(0, base.length - ext.length), MAX_BYTES - Buffer.byteLength(ext)).replace(/[.\s]+$/, "") + ext;
  }
  return base;
}

/** An item id as a file name segment; an id that had to change gets a short hash so two never collide. */
export function safeIdSegment(id: string): string {
  const s = id.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_").slice(0, 150);
  return s === id && s ? s : `${s || "item"}-${createHash("sha256").update(id).digest("hex").slice(0, 10)}`;
}
