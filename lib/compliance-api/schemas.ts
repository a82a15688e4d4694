// Zod schemas for every payload the Compliance API read endpoints return (compliance-api.md §4–§5).
// Upstream data is parsed here and trusted nowhere else.
//
// Policy, so a record is quarantined only when it is really unusable:
// - strict: ids are non-empty strings, `author.role` is a string, nested lists (messages, files, tools…)
//   are lists, the page envelope's `has_more` is a boolean (it drives paging);
// - tolerant: every object is loose (unknown fields survive into rawJson and the parsed value), enums
//   are open strings (roles, tool names, content types, visibility…), descriptive fields and timestamps
//   may be null or absent, timestamps are any JSON number (float or int), `recipients` / `latest_config`
//   / memory contexts may be a bare array or a list envelope.
// Values are not rewritten except to normalize list shapes and default absent lists to empty ones.
import { z } from "zod";

// ---------- primitives ----------

const id = z.string().min(1);
const optionalString = z.string().nullish();
/** Unix seconds as a JSON number, usually a float with microseconds. */
const timestamp = z.number();
const optionalTimestamp = timestamp.nullish();
const stringList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

/** Normalized list envelope (compliance-api.md §4.1); `object` is often absent in the wild. */
export type ListOf<T> = { object?: string | null; data: T[]; has_more: boolean; last_id?: string | null };

function envelopeOf<T extends z.ZodType>(item: T) {
  return z.looseObject({
    object: z.string().nullish(),
    data: z.array(item),
    has_more: z.boolean().default(false),
    last_id: z.string().nullish(),
  });
}

/** A nested list: envelope (spec) or bare array (seen in hand-made examples), normalized to an envelope. */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) => (Array.isArray(v) ? { object: "list", data: v, has_more: false, last_id: null } : v),
    envelopeOf(item),
  );
}

/** Like listOf, but an absent or null list means an empty one. */
function optionalListOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) =>
      v === undefined || v === null
        ? { object: "list", data: [], has_more: false, last_id: null }
        : Array.isArray(v)
          ? { object: "list", data: v, has_more: false, last_id: null }
          : v,
    envelopeOf(item),
  );
}

/** A list given either as a bare array or as an envelope, normalized to a plain array. */
function arrayOf<T extends z.ZodType>(item: T) {
  return optionalListOf(item).transform((list) => list.data);
}

// ---------- page envelope ----------

/** Top-level list response. Items stay `unknown` so each record is validated on its own. */
export const pageEnvelopeSchema = z.looseObject({
  object: z.string().nullish(),
  data: z.array(z.unknown()),
  has_more: z.boolean(),
  last_id: z.string().nullish(),
});
export type PageEnvelope = z.infer<typeof pageEnvelopeSchema>;

// ---------- users ----------

export const workspaceUserSchema = z.looseObject({
  object: z.string().nullish(),
  id,
  email: optionalString,
  name: optionalString,
  created_at: optionalTimestamp,
  /** `account-owner` | `account-admin` | `standard-user` | … (open) */
  role: optionalString,
  /** `active` | `inactive` | … (open) */
  status: optionalString,
});
export type WorkspaceUser = z.infer<typeof workspaceUserSchema>;

// ---------- conversations and messages ----------

export const annotationSchema = z.looseObject({
  /** `url_citation` | … (open) */
  type: z.string(),
  urls: z.array(z.string()).nullish(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const messageContentSchema = z.looseObject({
  object: z.string().nullish(),
  /** Only `text` has been observed; kept open. */
  type: z.string(),
  value: z.string().nullish(),
  annotations: z
    .array(annotationSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type MessageContent = z.infer<typeof messageContentSchema>;

export const messageAuthorSchema = z.looseObject({
  object: z.string().nullish(),
  /** `user` | `assistant` | `system` | `tool` | … (open, but must be a string) */
  role: z.string(),
  /** `python`, `browser`, `dalle`, `deep_research`, `myfiles_browser`, … (open); null for unsupported tools. */
  tool_name: optionalString,
});
export type MessageAuthor = z.infer<typeof messageAuthorSchema>;

/** `file_format=url`: has a download URL; `created_at` and `download_url` are null once the file expired. */
export const conversationFileSchema = z.looseObject({
  object: z.string().nullish(),
  id,
  name: optionalString,
  created_at: optionalTimestamp,
  download_url: z.string().nullable(),
});
export type ConversationFile = z.infer<typeof conversationFileSchema>;

/** `file_format=id`: no URL; carries the owner's user id. */
export const conversationFileInfoSchema = z.looseObject({
  object: z.string().nullish(),
  id,
  name: optionalString,
  user_id: optionalString,
});
export type ConversationFileInfo = z.infer<typeof conversationFileInfoSchema>;

export const messageFileSchema = z.union([conversationFileSchema, conversationFileInfoSchema]);
export type MessageFile = z.infer<typeof messageFileSchema>;

export const messageSchema = z.looseObject({
  object: z.string().nullish(),
  id,
  /** Null (or a dangling id) for the root; list order is not topological (§12.2). */
  parent_id: optionalString,
  /** Null for hidden/system scaffold nodes. */
  created_at: optionalTimestamp,
  gpt_id: optionalString,
  project_id: optionalString,
  author: messageAuthorSchema,
  /** Null for unsupported tools and hidden nodes: "not exported", not empty text. */
  content: messageContentSchema.nullish(),
  files: optionalListOf(messageFileSchema),
});
export type Message = z.infer<typeof messageSchema>;

export const conversationSchema = z.looseObject({
  object: z.string().nullish(),
  id,
  workspace_id: optionalString,
  user_id: id,
  user_email: optionalString,
  created_at: optionalTimestamp,
  last_active_at: optionalTimestamp,
  title: optionalString,
  /** Must be a list. `has_more: true` here means the API truncated the messages (open question §15.6). */
  messages: listOf(messageSchema),
});
export type Conversation = z.infer<typeof conversationSchema>;

// ---------- GPTs and projects ----------

/** `file_format=url` GPT/project file. */
export const configFileSchema = z.looseObject({
  object: z.string().nullish(),
  id,
  name: optionalString,
  created_at: optionalTimestamp,
  download_url: z.string().nullable(),
});
export type ConfigFile = z.infer<typeof configFileSchema>;

/** `file_format=id` GPT/project file. */
export const configFileInfoSchema = z.looseObject({
  object: z.string().nullish(),
  id,
  name: optionalString,
});
export type ConfigFileInfo = z.infer<typeof configFileInfoSchema>;

export const gptFileSchema = z.union([configFileSchema, configFileInfoSchema]);
export type GptFile = z.infer<typeof gptFileSchema>;

export const toolSchema = z.looseObject({
  /** `code_interpreter` | `browser` | `dall-e` | `memory` | `custom_action` (also `custom-action`, `action`) | … */
  type: z.string(),
  created_at: optionalTimestamp,
  action_domain: optionalString,
  action_openapi_raw: optionalString,
  action_privacy_policy_url: optionalString,
  auth_type: optionalString,
});
export type Tool = z.infer<typeof toolSchema>;

export const permissionsSchema = z.looseObject({
  object: z.string().nullish(),
  can_read: z.boolean().nullish(),
  can_view_config: z.boolean().nullish(),
  can_write: z.boolean().nullish(),
});
export type Permissions = z.infer<typeof permissionsSchema>;

export const sharedRecipientSchema = z.looseObject({
  object: z.string().nullish(),
  id,
  email: optionalString,
  permissions: permissionsSchema.nullish(),
});
export type SharedRecipient = z.infer<typeof sharedRecipientSchema>;

export const sharingSchema = z.looseObject({
  object: z.string().nullish(),
  /** `invite-only` | `workspace-with-link` | `workspace` | `anyone-with-link` | `gpt-store` | … */
  visibility: optionalString,
  permissions: permissionsSchema.nullish(),
  /** Spec: bare array; one real client: list envelope. Always an array here. */
  recipients: arrayOf(sharedRecipientSchema),
});
export type Sharing = z.infer<typeof sharingSchema>;

function configSchema() {
  return z.looseObject({
    object: z.string().nullish(),
    id,
    name: optionalString,
    description: optionalString,
    categories: stringList,
    conversation_starters: stringList,
    created_at: optionalTimestamp,
    /** Absent for public third-party GPTs. */
    instructions: optionalString,
    /** GPTs only (since 1.1.1). */
    version_author: z
      .looseObject({ object: z.string().nullish(), id: optionalString, email: optionalString })
      .nullish(),
    files: optionalListOf(gptFileSchema),
    tools: optionalListOf(toolSchema),
  });
}

export const gptConfigSchema = configSchema();
export type GptConfig = z.infer<typeof gptConfigSchema>;
export const projectConfigSchema = configSchema();
export type ProjectConfig = z.infer<typeof projectConfigSchema>;

function ownedObjectSchema<C extends z.ZodType>(config: C) {
  return z.looseObject({
    object: z.string().nullish(),
    id,
    /** created_at, owner and sharing are absent for public third-party GPTs. */
    created_at: optionalTimestamp,
    owner_id: optionalString,
    owner_email: optionalString,
    builder_name: optionalString,
    sharing: sharingSchema.nullish(),
    /** Envelope in the spec (bare array tolerated); clients read `data[0]`. */
    latest_config: optionalListOf(config),
  });
}

export const gptSchema = ownedObjectSchema(gptConfigSchema);
export type Gpt = z.infer<typeof gptSchema>;
export const projectSchema = ownedObjectSchema(projectConfigSchema);
export type Project = z.infer<typeof projectSchema>;

// ---------- memories ----------

export const memoryEntrySchema = z.looseObject({
  object: z.string().nullish(),
  id,
  content: optionalString,
  updated_at: optionalTimestamp,
});
export type MemoryEntry = z.infer<typeof memoryEntrySchema>;

export const memoryContextSchema = z.looseObject({
  object: z.string().nullish(),
  /** Equals the user id for the user's primary context. */
  id,
  memory_entries: arrayOf(memoryEntrySchema),
});
export type MemoryContext = z.infer<typeof memoryContextSchema>;

/** One per user; `id` is the user id. */
export const memorySchema = z.looseObject({
  object: z.string().nullish(),
  id,
  memory_contexts: arrayOf(memoryContextSchema),
});
export type Memory = z.infer<typeof memorySchema>;

// ---------- helpers ----------

const CUSTOM_ACTION_TYPES = new Set(["custom_action", "custom-action", "action"]);

/** The spec says `custom_action`; other clients have seen `custom-action` and `action`. */
export function isCustomActionTool(tool: { type: string }): boolean {
  return CUSTOM_ACTION_TYPES.has(tool.type);
}

/** The embedded download URL of a message/GPT/project file, or null (expired, or `file_format=id`). */
export function getFileDownloadUrl(file: MessageFile | GptFile): string | null {
  return "download_url" in file && typeof file.download_url === "string" ? file.download_url : null;
}

/** A timestamp as the API sent it plus the Date it denotes. */
export type ApiTimestamp = { unixSeconds: number; date: Date };

/** Unix seconds (float, µs precision) → Date at millisecond precision. */
export function unixSecondsToDate(unixSeconds: number): Date {
  return new Date(Math.round(unixSeconds * 1000));
}

/** Keeps the raw float next to the Date, so nothing is lost when the Date rounds to milliseconds. */
export function toApiTimestamp(unixSeconds: number | null | undefined): ApiTimestamp | null {
  if (unixSeconds === null || unixSeconds === undefined || !Number.isFinite(unixSeconds)) return null;
  return { unixSeconds, date: unixSecondsToDate(unixSeconds) };
}

/** Date → integer Unix seconds (floored), the form `since_timestamp` requires. */
export function dateToUnixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
