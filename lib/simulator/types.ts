// Payload types the simulator serves, written from compliance-api.md §4–§5. They describe what the
// simulator emits (the contract as we model it), not what a client should trust: the capture side
// validates upstream payloads with its own zod schemas.

export interface ApiList<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  last_id: string | null;
}

export type FileFormat = "url" | "id";

export interface ApiUser {
  object: "compliance.workspace.user";
  id: string;
  email: string;
  name: string;
  created_at: number;
  role: "account-owner" | "account-admin" | "standard-user";
  status: "active" | "inactive";
}

export interface ApiMessageAuthor {
  object: "compliance.workspace.conversation.message.author";
  role: "system" | "user" | "assistant" | "tool";
  tool_name: string | null;
}

export interface ApiUrlCitation {
  type: "url_citation";
  urls: string[];
}

export interface ApiMessageContent {
  /** Only "text" is documented; the simulator also emits a few other ChatGPT content types. */
  type: string;
  value: string;
  annotations: ApiUrlCitation[];
}

export interface ApiConversationFile {
  object: "compliance.workspace.conversation.message.file";
  id: string;
  name: string;
  created_at: number | null;
  download_url: string | null;
}

export interface ApiConversationFileInfo {
  object: "compliance.workspace.conversation.message.file_info";
  id: string;
  name: string;
  user_id: string;
}

export interface ApiMessage {
  object: "compliance.workspace.conversation.message";
  id: string;
  parent_id: string | null;
  created_at: number | null;
  gpt_id: string | null;
  project_id: string | null;
  author: ApiMessageAuthor;
  content: ApiMessageContent | null;
  files: ApiList<ApiConversationFile | ApiConversationFileInfo>;
}

export interface ApiConversation {
  object: "compliance.workspace.conversation";
  id: string;
  workspace_id: string;
  user_id: string;
  user_email: string;
  created_at: number;
  last_active_at: number;
  title: string | null;
  messages: ApiList<ApiMessage>;
}

export type Visibility = "invite-only" | "workspace-with-link" | "workspace" | "anyone-with-link" | "gpt-store";
export const VISIBILITIES: readonly Visibility[] = ["invite-only", "workspace-with-link", "workspace", "anyone-with-link", "gpt-store"];

/** "gpt" or "project": the two share one shape with different `object` prefixes. */
export type GizmoKind = "gpt" | "project";

export interface ApiPermissions {
  object: `compliance.workspace.${GizmoKind}.permissions`;
  can_read: boolean;
  can_view_config: boolean;
  can_write: boolean;
}

export interface ApiSharedUser {
  object: `compliance.workspace.${GizmoKind}.shared_user`;
  id: string;
  email: string;
  permissions: ApiPermissions;
}

export interface ApiSharing {
  object: `compliance.workspace.${GizmoKind}.sharing`;
  visibility: Visibility;
  permissions: ApiPermissions;
  /** The spec says a bare array; a real client models a list envelope. Both occur here, per GPT. */
  recipients: ApiSharedUser[] | ApiList<ApiSharedUser>;
}

export interface ApiGizmoFile {
  object: `compliance.workspace.${GizmoKind}.file`;
  id: string;
  name: string;
  created_at: number | null;
  download_url: string | null;
}

export interface ApiGizmoFileInfo {
  object: `compliance.workspace.${GizmoKind}.file_info`;
  id: string;
  name: string;
}

export type ToolType = "code_interpreter" | "browser" | "dall-e" | "memory" | "custom_action";

export interface ApiTool {
  type: ToolType;
  created_at: number;
  action_domain?: string;
  action_openapi_raw?: string;
  action_privacy_policy_url?: string;
  /** GPT custom actions only. */
  auth_type?: string;
}

export interface ApiVersionAuthor {
  object: "compliance.workspace.gpt.version_author";
  id: string;
  email: string;
}

export interface ApiGizmoConfig {
  object: `compliance.workspace.${GizmoKind}.configuration`;
  id: string;
  name: string;
  description: string;
  categories: string[];
  conversation_starters: string[];
  created_at: number;
  instructions: string;
  /** GPT configs only (since 1.1.1); may be null. */
  version_author?: ApiVersionAuthor | null;
  files: ApiList<ApiGizmoFile | ApiGizmoFileInfo>;
  tools: ApiList<ApiTool>;
}

export interface ApiGizmo {
  object: `compliance.workspace.${GizmoKind}`;
  id: string;
  created_at?: number;
  owner_id?: string;
  owner_email?: string;
  builder_name: string;
  sharing?: ApiSharing;
  latest_config: ApiList<ApiGizmoConfig>;
}

export interface ApiMemoryEntry {
  object: "compliance.workspace.user.memory.context.entry";
  id: string;
  content: string;
  updated_at: number;
}

export interface ApiMemoryContext {
  object: "compliance.workspace.user.memory.context";
  id: string;
  memory_entries: ApiMemoryEntry[];
}

export interface ApiMemory {
  object: "compliance.workspace.user.memory";
  id: string;
  memory_contexts: ApiMemoryContext[];
}

export interface ApiDeletion {
  object: string;
  id: string;
  deleted: boolean;
}

export const EMPTY_LIST_FIELDS = { object: "list", has_more: false, last_id: null } as const;
