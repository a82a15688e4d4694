// Identifier formats of the Compliance API (compliance-api.md §2.4). Ids that OpenAI prefixes with a hex
// Unix time (conversation, GPT, project and config ids all start with e.g. "68a29a23…") are generated the
// same way here, so ids look real and roughly sort by creation time; everything else is random from the
// caller's seeded stream, which keeps every id a pure function of the seed.
import type { Rng } from "./random";

const pad8 = (n: number) => (Math.max(0, Math.floor(n)) >>> 0).toString(16).padStart(8, "0").slice(-8);

/** Workspace id: a plain v4 UUID. */
export function workspaceIdFrom(rng: Rng): string {
  return rng.uuid();
}

/** `user-` + 24 alphanumerics, e.g. user-avcJbusY2W3lkb6aT6aY4gsx. */
export function userIdFrom(rng: Rng): string {
  return `user-${rng.alnum(24)}`;
}

/** Conversation id: UUID-shaped hex whose first 8 digits are the creation time (68cccb0d-6994-8321-…). */
export function conversationIdFrom(rng: Rng, createdAtSeconds: number): string {
  const h = rng.hex(20);
  const variant = "89ab"[rng.int(0, 3)];
  return `${pad8(createdAtSeconds)}-${h.slice(0, 4)}-8${h.slice(4, 7)}-${variant}${h.slice(7, 10)}-${h.slice(10, 22).padEnd(12, "0")}`;
}

/** Message id: v4 UUID. */
export function messageIdFrom(rng: Rng): string {
  return rng.uuid();
}

/** 32 hex digits laid out like OpenAI's gizmo ids: time, 4 random, "8191", 16 random. */
function gizmoHex(rng: Rng, createdAtSeconds: number): string {
  return `${pad8(createdAtSeconds)}${rng.hex(4)}8191${rng.hex(16)}`;
}

/** `g-` + 32 hex. */
export function gptIdFrom(rng: Rng, createdAtSeconds: number): string {
  return `g-${gizmoHex(rng, createdAtSeconds)}`;
}

/** `g-p-` + 32 hex. */
export function projectIdFrom(rng: Rng, createdAtSeconds: number): string {
  return `g-p-${gizmoHex(rng, createdAtSeconds)}`;
}

/** `gzm_cnf_` + 24 hex. */
export function gptConfigIdFrom(rng: Rng, createdAtSeconds: number): string {
  return `gzm_cnf_${pad8(createdAtSeconds)}${rng.hex(4)}8191${rng.hex(8)}`;
}

/** `pr_cnf_` + 24 hex. */
export function projectConfigIdFrom(rng: Rng, createdAtSeconds: number): string {
  return `pr_cnf_${pad8(createdAtSeconds)}${rng.hex(4)}8191${rng.hex(8)}`;
}

/** `file-` + 22 alphanumerics. */
export function fileIdFrom(rng: Rng): string {
  return `file-${rng.alnum(22)}`;
}

/** Memory entry ids are undocumented; a UUID is the neutral choice. */
export function memoryEntryIdFrom(rng: Rng): string {
  return rng.uuid();
}

export const ID_PATTERNS = {
  workspace: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  user: /^user-[A-Za-z0-9]{24}$/,
  conversation: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  message: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  gpt: /^g-[0-9a-f]{32}$/,
  project: /^g-p-[0-9a-f]{32}$/,
  gptConfig: /^gzm_cnf_[0-9a-f]{24}$/,
  projectConfig: /^pr_cnf_[0-9a-f]{24}$/,
  file: /^file-[A-Za-z0-9]{22}$/,
} as const;
