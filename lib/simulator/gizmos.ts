// GPTs and projects ("gizmos": projects are built on GPTs and mirror their shape, compliance-api.md §5.4–5.5).
// They are few, so unlike conversations they are generated up front and kept in memory with their whole
// configuration history; mutations append config versions and change sharing in place.
import { gptConfigIdFrom, gptIdFrom, fileIdFrom, projectConfigIdFrom, projectIdFrom } from "./ids";
import { knowledgeFileName, sharedDocumentKey, type FileRef } from "./files";
import { rngFor, roundMicros, type Rng } from "./random";
import {
  GPT_CATEGORIES,
  conversationStarters,
  gptInstructions,
  gptName,
  makeContext,
  openapiText,
  paragraph,
  sentence,
  type TextContext,
} from "./text";
import { CONTENT_WORDS } from "./words-en";
import {
  VISIBILITIES,
  type ApiGizmo,
  type ApiGizmoConfig,
  type ApiGizmoFile,
  type ApiGizmoFileInfo,
  type ApiPermissions,
  type ApiSharedUser,
  type ApiTool,
  type FileFormat,
  type GizmoKind,
  type ToolType,
  type Visibility,
} from "./types";

export interface PermissionState {
  canRead: boolean;
  canViewConfig: boolean;
  canWrite: boolean;
}

export interface RecipientState extends PermissionState {
  userIdx: number;
}

export interface ToolState {
  type: ToolType;
  createdAt: number;
  action?: { domain: string; openapi: string; privacyPolicyUrl: string; authType: string };
}

export interface GizmoConfigState {
  id: string;
  name: string;
  description: string;
  categories: string[];
  starters: string[];
  createdAt: number;
  instructions: string;
  /** GPTs only; null when the author is unknown. */
  versionAuthorIdx: number | null;
  files: FileRef[];
  tools: ToolState[];
}

export interface GizmoState {
  kind: GizmoKind;
  index: number;
  id: string;
  createdAt: number;
  ownerIdx: number;
  builderName: string;
  visibility: Visibility;
  permissions: PermissionState;
  recipients: RecipientState[];
  /** How `sharing.recipients` is serialised for this gizmo: both shapes occur in the wild. */
  recipientsShape: "array" | "list";
  /** Oldest first; the API lists them newest first. */
  configs: GizmoConfigState[];
  ctx: TextContext;
  deleted: boolean;
  /** Number of edits so far (seeds the next version deterministically). */
  edits: number;
}

/** A public store GPT referenced by conversations: GET /gpts/{id} shows public info only. */
export interface ThirdPartyGpt {
  id: string;
  builderName: string;
  config: { id: string; name: string; description: string; categories: string[]; starters: string[]; createdAt: number };
}

export interface GizmoUserRef {
  id: string;
  email: string;
  name: string;
  /** Unix seconds; a gizmo is never older than its owner's account. */
  createdAt: number;
}

export interface GizmoEnv {
  seed: number;
  now: number;
  company: string;
  users: readonly GizmoUserRef[];
}

const TOOL_TYPES: readonly ToolType[] = ["browser", "code_interpreter", "dall-e", "memory"];
const AUTH_TYPES = ["none", "api_key", "oauth"];

function permissions(rng: Rng, visibility: Visibility): PermissionState {
  const canWrite = rng.chance(0.1);
  return { canRead: visibility !== "invite-only" || rng.chance(0.5), canViewConfig: canWrite || rng.chance(0.3), canWrite };
}

function pickRecipients(rng: Rng, env: GizmoEnv, ownerIdx: number, n: number): RecipientState[] {
  const candidates = env.users.map((_, i) => i).filter((i) => i !== ownerIdx);
  return rng
    .sample(candidates, n)
    .sort((a, b) => (env.users[a].id < env.users[b].id ? -1 : 1))
    .map((userIdx) => {
      const canWrite = rng.chance(0.25);
      return { userIdx, canRead: true, canViewConfig: canWrite || rng.chance(0.5), canWrite };
    });
}

export function recipientsFor(rng: Rng, env: GizmoEnv, ownerIdx: number, visibility: Visibility): RecipientState[] {
  const n = visibility === "invite-only" ? rng.int(1, 6) : rng.chance(0.4) ? rng.int(1, 3) : 0;
  return pickRecipients(rng, env, ownerIdx, n);
}

function knowledgeFiles(rng: Rng, idRng: Rng, ctx: TextContext, at: number, count: number): FileRef[] {
  const files: FileRef[] = [];
  for (let i = 0; i < count; i++) {
    const shared = rng.chance(0.25) ? sharedDocumentKey(rng) : null;
    const id = fileIdFrom(idRng);
    files.push({
      id,
      name: shared ? shared.name : knowledgeFileName(rng, ctx),
      scope: "user", // replaced by the caller with the gizmo kind
      createdAt: roundMicros(at - rng.float(5, 600)),
      contentKey: shared ? shared.contentKey : `gizmo:${id}`,
    });
  }
  return files;
}

function toolsFor(rng: Rng, kind: GizmoKind, ctx: TextContext, at: number): ToolState[] {
  const tools: ToolState[] = rng.sample(TOOL_TYPES, rng.int(0, 3)).map((type) => ({ type, createdAt: at }));
  if (rng.chance(0.25)) {
    const domain = `api.${rng.pick(ctx.topic).toLowerCase()}.example.com`;
    tools.push({
      type: "custom_action",
      createdAt: at,
      action: { domain, openapi: openapiText(rng, ctx, domain), privacyPolicyUrl: `https://${domain}/privacy`, authType: kind === "gpt" ? rng.pick(AUTH_TYPES) : "" },
    });
  }
  return tools;
}

function firstConfig(rng: Rng, idRng: Rng, kind: GizmoKind, ctx: TextContext, at: number, ownerIdx: number, withFiles: boolean): GizmoConfigState {
  const files = withFiles ? knowledgeFiles(rng, idRng, ctx, at, rng.int(1, 5)) : [];
  for (const f of files) f.scope = kind;
  return {
    id: kind === "gpt" ? gptConfigIdFrom(idRng, at) : projectConfigIdFrom(idRng, at),
    name: kind === "gpt" ? gptName(rng, ctx) : `${ctx.topic[0][0].toUpperCase()}${ctx.topic[0].slice(1)} ${rng.pick(["reviews", "planning", "research", "launch", "workstream", "notes"])}`,
    description: rng.chance(0.85) ? sentence(rng, { ...ctx, language: "en" }) : "",
    categories: kind === "gpt" ? rng.sample(GPT_CATEGORIES, rng.int(0, 2)) : [],
    starters: conversationStarters(rng, { ...ctx, language: "en" }),
    createdAt: at,
    instructions: gptInstructions(rng, { ...ctx, language: "en" }),
    versionAuthorIdx: kind === "gpt" ? ownerIdx : null,
    files,
    tools: toolsFor(rng, kind, ctx, at),
  };
}

/** The next configuration version: a realistic edit of the previous one. */
export function nextConfig(gizmo: GizmoState, rng: Rng, idRng: Rng, at: number, authorIdx: number | null): GizmoConfigState {
  const prev = gizmo.configs[gizmo.configs.length - 1];
  const ctx = { ...gizmo.ctx, language: "en" as const };
  const next: GizmoConfigState = {
    ...prev,
    id: gizmo.kind === "gpt" ? gptConfigIdFrom(idRng, at) : projectConfigIdFrom(idRng, at),
    createdAt: at,
    files: prev.files.slice(),
    tools: prev.tools.map((t) => ({ ...t })),
    categories: prev.categories.slice(),
    starters: prev.starters.slice(),
    versionAuthorIdx: gizmo.kind === "gpt" ? authorIdx : null,
  };
  const change = rng.weighted([
    ["instructions", 5],
    ["append", 3],
    ["rename", 1],
    ["description", 1],
    ["files", 2],
    ["tools", 1],
    ["starters", 1],
  ] as const);
  if (change === "instructions") next.instructions = gptInstructions(rng, ctx);
  else if (change === "append") next.instructions = `${prev.instructions}\n\n${paragraph(rng, ctx, rng.int(1, 3))}`;
  else if (change === "rename") next.name = gizmo.kind === "gpt" ? gptName(rng, ctx) : `${prev.name} ${rng.pick(["v2", "(archive)", "2026", "team"])}`;
  else if (change === "description") next.description = sentence(rng, ctx);
  else if (change === "files") {
    if (next.files.length && rng.chance(0.4)) next.files.splice(rng.int(0, next.files.length - 1), 1);
    else {
      const added = knowledgeFiles(rng, idRng, ctx, at, 1);
      for (const f of added) f.scope = gizmo.kind;
      next.files.push(...added);
    }
  } else if (change === "tools") {
    const missing = TOOL_TYPES.filter((t) => !next.tools.some((x) => x.type === t));
    if (missing.length && rng.chance(0.6)) next.tools.push({ type: rng.pick(missing), createdAt: at });
    else if (next.tools.length) next.tools.splice(rng.int(0, next.tools.length - 1), 1);
    else next.tools.push({ type: "browser", createdAt: at });
  } else next.starters = conversationStarters(rng, ctx);
  // Always change something visible so every version hashes differently.
  if (change !== "instructions" && change !== "append") next.instructions = `${next.instructions}\n<!-- rev ${gizmo.configs.length + 1} -->`;
  return next;
}

function builderName(rng: Rng, owner: GizmoUserRef): string {
  return rng.weighted([
    ["Community Builder", 4],
    [owner.name, 5],
    ["community builder", 1],
  ] as const);
}

/** Generates `count` GPTs or projects with their configuration histories. */
export function generateGizmos(env: GizmoEnv, kind: GizmoKind, count: number, configsMean: number, withFilesRate: number): GizmoState[] {
  const out: GizmoState[] = [];
  const span = 300 * 86_400;
  for (let i = 0; i < count; i++) {
    const rng = rngFor(env.seed, kind, i);
    const idRng = rngFor(env.seed, `${kind}-ids`, i);
    const ctx = makeContext(rng, env.company, 0);
    const ownerIdx = rng.int(0, env.users.length - 1);
    const earliest = Math.min(env.users[ownerIdx].createdAt + 86_400, env.now - 2 * 86_400);
    const createdAt = roundMicros(Math.max(earliest, env.now - span * Math.pow(rng.next(), 0.8) - 86_400));
    // The first five cover every visibility; after that, a realistic mix.
    const visibility: Visibility =
      i < VISIBILITIES.length && count >= VISIBILITIES.length && kind === "gpt"
        ? VISIBILITIES[i]
        : kind === "project"
          ? rng.chance(0.7)
            ? "invite-only"
            : rng.pick(VISIBILITIES.slice(0, 3))
          : rng.weighted([
              ["invite-only", 35],
              ["workspace-with-link", 20],
              ["workspace", 25],
              ["anyone-with-link", 10],
              ["gpt-store", 10],
            ] as const);
    const gizmo: GizmoState = {
      kind,
      index: i,
      id: kind === "gpt" ? gptIdFrom(idRng, createdAt) : projectIdFrom(idRng, createdAt),
      createdAt,
      ownerIdx,
      builderName: builderName(rng, env.users[ownerIdx]),
      visibility,
      permissions: permissions(rng, visibility),
      recipients: kind === "project" && rng.chance(0.5) ? [] : recipientsFor(rng, env, ownerIdx, visibility),
      recipientsShape: i === 0 ? "array" : i === 1 ? "list" : rng.chance(0.5) ? "array" : "list",
      configs: [],
      ctx,
      deleted: false,
      edits: 0,
    };
    gizmo.configs.push(firstConfig(rng, idRng, kind, ctx, roundMicros(createdAt + rng.float(1, 120)), ownerIdx, rng.chance(withFilesRate)));
    const versions = Math.max(1, rng.count(configsMean, 1, 0.5));
    const times: number[] = [];
    for (let v = 1; v < versions; v++) times.push(rng.float(createdAt + 600, env.now - 3_600));
    times.sort((a, b) => a - b);
    for (const at of times) {
      const writers = [ownerIdx, ...gizmo.recipients.filter((r) => r.canWrite).map((r) => r.userIdx)];
      const author = rng.chance(0.1) ? null : rng.pick(writers);
      gizmo.configs.push(nextConfig(gizmo, rng, idRng, roundMicros(at), author));
    }
    out.push(gizmo);
  }
  // A GPT copied from another keeps (some of) its knowledge files: same file ids in both.
  if (kind === "gpt" && out.length >= 4) {
    const rng = rngFor(env.seed, "gpt-copies");
    for (let c = 0; c < Math.max(1, Math.floor(out.length / 10)); c++) {
      const src = rng.pick(out);
      const dst = rng.pick(out);
      const file = src.configs[src.configs.length - 1].files[0];
      if (src !== dst && file && !dst.configs[dst.configs.length - 1].files.some((f) => f.id === file.id)) {
        dst.configs[dst.configs.length - 1].files.push({ ...file });
      }
    }
  }
  return out;
}

export function generateThirdPartyGpts(seed: number, now: number, count: number): ThirdPartyGpt[] {
  const out: ThirdPartyGpt[] = [];
  for (let i = 0; i < count; i++) {
    const rng = rngFor(seed, "third-party-gpt", i);
    const ctx = makeContext(rng, "store", 0);
    const createdAt = roundMicros(now - rng.float(30, 700) * 86_400);
    out.push({
      id: gptIdFrom(rng, createdAt),
      builderName: rng.chance(0.5) ? "Community Builder" : `${rng.pick(CONTENT_WORDS)}.example.com`,
      config: {
        id: gptConfigIdFrom(rng, createdAt),
        name: gptName(rng, ctx),
        description: sentence(rng, { ...ctx, language: "en" }),
        categories: rng.sample(GPT_CATEGORIES, 1),
        starters: conversationStarters(rng, { ...ctx, language: "en" }),
        createdAt,
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Rendering

export interface GizmoRenderOptions {
  fileFormat?: FileFormat;
  /** Signs a live file's URL; without it `download_url` is null. */
  fileUrl?: (file: FileRef, gizmo: GizmoState) => string;
}

function permissionsOf(kind: GizmoKind, p: PermissionState): ApiPermissions {
  return { object: `compliance.workspace.${kind}.permissions`, can_read: p.canRead, can_view_config: p.canViewConfig, can_write: p.canWrite };
}

export function renderConfig(gizmo: GizmoState, config: GizmoConfigState, users: readonly GizmoUserRef[], options: GizmoRenderOptions = {}): ApiGizmoConfig {
  const kind = gizmo.kind;
  const files: Array<ApiGizmoFile | ApiGizmoFileInfo> = config.files.map((f) =>
    options.fileFormat === "id"
      ? { object: `compliance.workspace.${kind}.file_info`, id: f.id, name: f.name }
      : { object: `compliance.workspace.${kind}.file`, id: f.id, name: f.name, created_at: f.createdAt, download_url: options.fileUrl ? options.fileUrl(f, gizmo) : null },
  );
  const tools: ApiTool[] = config.tools.map((t) => {
    const tool: ApiTool = { type: t.type, created_at: t.createdAt };
    if (t.action) {
      tool.action_domain = t.action.domain;
      tool.action_openapi_raw = t.action.openapi;
      tool.action_privacy_policy_url = t.action.privacyPolicyUrl;
      if (kind === "gpt") tool.auth_type = t.action.authType;
    }
    return tool;
  });
  const out: ApiGizmoConfig = {
    object: `compliance.workspace.${kind}.configuration`,
    id: config.id,
    name: config.name,
    description: config.description,
    categories: config.categories,
    conversation_starters: config.starters,
    created_at: config.createdAt,
    instructions: config.instructions,
    files: { object: "list", data: files, has_more: false, last_id: null },
    tools: { object: "list", data: tools, has_more: false, last_id: null },
  };
  if (kind === "gpt") {
    const author = config.versionAuthorIdx === null ? null : users[config.versionAuthorIdx];
    out.version_author = author ? { object: "compliance.workspace.gpt.version_author", id: author.id, email: author.email } : null;
  }
  return out;
}

export function renderGizmo(gizmo: GizmoState, users: readonly GizmoUserRef[], options: GizmoRenderOptions = {}): ApiGizmo {
  const kind = gizmo.kind;
  const owner = users[gizmo.ownerIdx];
  const latest = gizmo.configs[gizmo.configs.length - 1];
  const recipients: ApiSharedUser[] = gizmo.recipients.map((r) => ({
    object: `compliance.workspace.${kind}.shared_user`,
    id: users[r.userIdx].id,
    email: users[r.userIdx].email,
    permissions: permissionsOf(kind, r),
  }));
  return {
    object: `compliance.workspace.${kind}`,
    id: gizmo.id,
    created_at: gizmo.createdAt,
    owner_id: owner.id,
    owner_email: owner.email,
    builder_name: gizmo.builderName,
    sharing: {
      object: `compliance.workspace.${kind}.sharing`,
      visibility: gizmo.visibility,
      permissions: permissionsOf(kind, gizmo.permissions),
      recipients:
        gizmo.recipientsShape === "array"
          ? recipients
          : { object: "list", data: recipients, has_more: false, last_id: recipients.length ? recipients[recipients.length - 1].id : null },
    },
    latest_config: { object: "list", data: [renderConfig(gizmo, latest, users, options)], has_more: false, last_id: latest.id },
  };
}

/** Public info only: no created_at/owner/sharing/instructions/files (compliance-api.md §5.4). */
export function renderThirdPartyGpt(gpt: ThirdPartyGpt): Record<string, unknown> {
  return {
    object: "compliance.workspace.gpt",
    id: gpt.id,
    builder_name: gpt.builderName,
    latest_config: {
      object: "list",
      has_more: false,
      last_id: gpt.config.id,
      data: [
        {
          object: "compliance.workspace.gpt.configuration",
          id: gpt.config.id,
          name: gpt.config.name,
          description: gpt.config.description,
          categories: gpt.config.categories,
          conversation_starters: gpt.config.starters,
          created_at: gpt.config.createdAt,
          tools: { object: "list", data: [], has_more: false, last_id: null },
        },
      ],
    },
  };
}
