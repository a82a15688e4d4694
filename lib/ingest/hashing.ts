// What a captured object's SHA-256 covers. The hash must change when the content changes and only then:
// fields the API regenerates on every poll (signed download URLs) or that flip when a file expires
// (a file's created_at/download_url) are left out, so an expiring attachment does not create a new
// version of the message that carries it. Everything else in the payload, known or unknown, is hashed.
import { canonicalJson, hashJson, sha256Hex } from "@/lib/crypto/hash";

type Json = Record<string, unknown>;

function stripFileVolatiles(file: unknown): unknown {
  if (!file || typeof file !== "object") return file;
  const { download_url: _u, created_at: _c, ...rest } = file as Json;
  return rest;
}

function stripListFiles(list: unknown): unknown {
  if (Array.isArray(list)) return list.map(stripFileVolatiles);
  if (list && typeof list === "object" && Array.isArray((list as Json).data)) {
    return { ...(list as Json), data: ((list as Json).data as unknown[]).map(stripFileVolatiles) };
  }
  return list;
}

/** A message as hashed: the payload without its files' volatile fields. */
export function hashMessage(raw: unknown): string {
  const m = raw as Json;
  return hashJson({ ...m, files: stripListFiles(m.files) });
}

/** Conversation metadata (the payload without `messages`) as stored in rawJson. */
export function conversationMeta(raw: unknown): Json {
  const { messages: _m, ...meta } = raw as Json;
  return meta;
}

/** Conversation hash: its metadata plus the sorted hashes of every message, so any change shows. */
export function hashConversation(raw: unknown, messageHashes: Iterable<string>): string {
  return sha256Hex(canonicalJson({ meta: conversationMeta(raw), messages: [...messageHashes].sort() }));
}

/** GPT/project configuration: the payload without its files' volatile fields. */
export function hashConfig(raw: unknown): string {
  const c = raw as Json;
  return hashJson({ ...c, files: stripListFiles(c.files) });
}

/** GPT/project object (sharing, owner…) without `latest_config`, which is versioned separately. */
export function ownedObjectMeta(raw: unknown): Json {
  const { latest_config: _l, ...meta } = raw as Json;
  return meta;
}

export function hashOwnedObject(raw: unknown): string {
  return hashJson(ownedObjectMeta(raw));
}

/** A file reference (name, id, owner) without its volatile URL and expiry-dependent time. */
export function hashFileRef(raw: unknown): string {
  return hashJson(stripFileVolatiles(raw));
}

export { hashJson };
