// Comparing two captured configurations of a GPT or a project, field by field, for the side-by-side view.
// Pure (no I/O): the pages load two versions, normalise them with `toConfigSnapshot` and render `diffConfigs`.
//
// - Scalars (name, version author) are before/after pairs.
// - Description and instructions are line diffs (Myers' O(ND) algorithm on interned lines, after trimming the
//   common prefix and suffix). Instructions can run to tens of thousands of lines; the edit distance the
//   algorithm explores is bounded, and past the bound the differing middle is shown as one replaced block
//   (`approximate: true`) instead of spending unbounded time and memory.
// - Starters and categories are lists: added / removed (and whether only the order changed).
// - Tools are matched by type; custom actions by their domain (then by position). For a custom action the
//   domain, auth type, privacy policy and OpenAPI schema are compared; the schema as a line diff.
// - Files are matched by file id: added / removed, and renamed when the id is kept under another name.
// - Sharing (visibility, link permissions, recipients) is versioned separately from configurations (the
//   GPT object itself), so `diffSharing` compares two sharing snapshots.
// Everything here handles text copied from ChatGPT: it is data, never markup.

// ───────────────────────────── Normalised snapshots ─────────────────────────────

export type ToolSnapshot = {
  /** `code_interpreter`, `browser`, `dall-e`, `memory`, `custom_action` (other spellings normalised). */
  type: string;
  createdAt: number | null;
  /** Custom actions only. */
  domain: string | null;
  authType: string | null;
  privacyPolicyUrl: string | null;
  openapi: string | null;
  /** The OpenAPI document's `info.title`, when it has one: the action's display name. */
  title: string | null;
};

export type FileSnapshot = { id: string; name: string | null; sha256?: string | null; size?: number | null };

export type ConfigSnapshot = {
  name: string | null;
  description: string | null;
  instructions: string | null;
  categories: readonly string[];
  conversationStarters: readonly string[];
  tools: readonly ToolSnapshot[];
  files: readonly FileSnapshot[];
  versionAuthor?: string | null;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/** Items of a list that may come as a bare array or as a `{object:"list", data:[…]}` envelope. */
export function listItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObj(value) && Array.isArray(value.data)) return value.data;
  return [];
}

function normaliseToolType(t: unknown): string {
  const s = typeof t === "string" ? t.trim().toLowerCase() : "unknown";
  return s === "custom-action" || s === "action" ? "custom_action" : s || "unknown";
}

/** `info.title` of an OpenAPI document in YAML or JSON, found textually (the document is never evaluated). */
export function openapiTitle(doc: string | null): string | null {
  if (!doc) return null;
  const json = /"info"\s*:\s*\{[^}]*?"title"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(doc);
  if (json) return json[1].trim() || null;
  const flow = /^info:\s*\{[^}\n]*\btitle:\s*['"]?([^,'"}\n]+)/m.exec(doc);
  if (flow) return flow[1].trim() || null;
  const block = /^info:[ \t]*\r?\n((?:[ \t]+.*\r?\n?)*)/m.exec(doc);
  const title = block ? /^[ \t]+title:[ \t]*(.+)$/m.exec(block[1]) : null;
  return title ? title[1].trim().replace(/^(['"])(.*)\1$/, "$2").trim() || null : null;
}

/**
 * Tools as captured (`tools` is the API's tool list, bare or enveloped). Only the documented fields are
 * kept: nothing else a payload might carry (credentials included) reaches a page.
 */
export function parseTools(value: unknown): ToolSnapshot[] {
  return listItems(value)
    .filter(isObj)
    .map((t) => {
      const type = normaliseToolType(t.type);
      const openapi = typeof t.action_openapi_raw === "string" ? t.action_openapi_raw : null;
      return {
        type,
        createdAt: typeof t.created_at === "number" ? t.created_at : null,
        domain: str(t.action_domain),
        authType: str(t.auth_type),
        privacyPolicyUrl: str(t.action_privacy_policy_url),
        openapi,
        title: type === "custom_action" ? openapiTitle(openapi) : null,
      };
    });
}

// ───────────────────────────── Line diff ─────────────────────────────

export type DiffOp = { kind: "same" | "del" | "add"; text: string };

export type SideBySideCell = { line: number; text: string };
export type SideBySideRow = {
  kind: "same" | "changed" | "removed" | "added";
  left: SideBySideCell | null;
  right: SideBySideCell | null;
};

export type TextDiff = {
  identical: boolean;
  rows: SideBySideRow[];
  added: number;
  removed: number;
  /** True when the edit distance exceeded the work bound and the middle is shown as one replaced block. */
  approximate: boolean;
};

export type LineDiffOptions = {
  /** Largest edit distance (lines added + removed) explored exactly; beyond it the diff is coarse. */
  maxEditDistance?: number;
};

// 2,000 edits keep the trace under ~16 MB and the work under ~(N+M)·2,000 comparisons.
const DEFAULT_MAX_EDIT_DISTANCE = 2000;

export function splitLines(text: string | null | undefined): string[] {
  if (text == null || text === "") return [];
  return text.replace(/\r\n?/g, "\n").split("\n");
}

/**
 * Myers' greedy shortest edit script between two integer sequences. Returns the ops, or null when the edit
 * distance is larger than `maxD`. Memory is O(D²) for the trace (only the live diagonals of each step).
 */
function myers(a: Int32Array, b: Int32Array, maxD: number): ("same" | "del" | "add")[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    // Snapshot of v before step d, diagonals -d..d (enough to backtrack).
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return null;
  const ops: ("same" | "del" | "add")[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]; // v before step d: diagonals -(d)..d stored at index k + d, valid for |k| <= d-1
    const at = (k: number) => prev[k + d];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("same");
      x--;
      y--;
    }
    if (down) {
      ops.push("add");
      y--;
    } else {
      ops.push("del");
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push("same");
    x--;
    y--;
  }
  return ops.reverse();
}

/** Line-level edit script from `before` to `after`. */
export function diffLineOps(before: readonly string[], after: readonly string[], options: LineDiffOptions = {}): { ops: DiffOp[]; approximate: boolean } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endA = before.length;
  let endB = after.length;
  while (endA > start && endB > start && before[endA - 1] === after[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: "same", text: before[i] });
  const midA = before.slice(start, endA);
  const midB = after.slice(start, endB);
  let approximate = false;
  if (midA.length === 0) for (const t of midB) ops.push({ kind: "add", text: t });
  else if (midB.length === 0) for (const t of midA) ops.push({ kind: "del", text: t });
  else {
    // Intern lines so the inner loop compares integers.
    const ids = new Map<string, number>();
    const intern = (lines: string[]) => Int32Array.from(lines, (l) => ids.get(l) ?? (ids.set(l, ids.size), ids.size - 1));
    const a = intern(midA);
    const b = intern(midB);
    const script = myers(a, b, options.maxEditDistance ?? DEFAULT_MAX_EDIT_DISTANCE);
    if (script) {
      let i = 0;
      let j = 0;
      for (const op of script) {
        if (op === "same") {
          ops.push({ kind: "same", text: midA[i++] });
          j++;
        } else if (op === "del") ops.push({ kind: "del", text: midA[i++] });
        else ops.push({ kind: "add", text: midB[j++] });
      }
    } else {
      approximate = true;
      for (const t of midA) ops.push({ kind: "del", text: t });
      for (const t of midB) ops.push({ kind: "add", text: t });
    }
  }
  for (let i = endA; i < before.length; i++) ops.push({ kind: "same", text: before[i] });
  return { ops, approximate };
}

/** Side-by-side rows: each run of removals and additions is paired line by line as changed rows. */
export function toSideBySide(ops: readonly DiffOp[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let left = 0;
  let right = 0;
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === "same") {
      left++;
      right++;
      rows.push({ kind: "same", left: { line: left, text: ops[i].text }, right: { line: right, text: ops[i].text } });
      i++;
      continue;
    }
    const dels: string[] = [];
    const adds: string[] = [];
    while (i < ops.length && ops[i].kind !== "same") {
      if (ops[i].kind === "del") dels.push(ops[i].text);
      else adds.push(ops[i].text);
      i++;
    }
    for (let r = 0; r < Math.max(dels.length, adds.length); r++) {
      const l = r < dels.length ? { line: ++left, text: dels[r] } : null;
      const rt = r < adds.length ? { line: ++right, text: adds[r] } : null;
      rows.push({ kind: l && rt ? "changed" : l ? "removed" : "added", left: l, right: rt });
    }
  }
  return rows;
}

export function diffText(before: string | null | undefined, after: string | null | undefined, options: LineDiffOptions = {}): TextDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  if ((before ?? "") === (after ?? "")) {
    return { identical: true, rows: toSideBySide(a.map((text) => ({ kind: "same", text }))), added: 0, removed: 0, approximate: false };
  }
  const { ops, approximate } = diffLineOps(a, b, options);
  let added = 0;
  let removed = 0;
  for (const op of ops) {
    if (op.kind === "add") added++;
    else if (op.kind === "del") removed++;
  }
  return { identical: false, rows: toSideBySide(ops), added, removed, approximate };
}

/** The differing middle of two lines (common prefix and suffix trimmed), for in-line highlighting. */
export function changedSpan(before: string, after: string): { prefix: number; suffixBefore: number; suffixAfter: number } {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { prefix, suffixBefore: before.length - suffix, suffixAfter: after.length - suffix };
}

export type RowSegment = { kind: "rows"; rows: SideBySideRow[] } | { kind: "collapsed"; rows: SideBySideRow[] };

/**
 * Groups rows for display: unchanged runs longer than `2 × context + minHidden` keep `context` lines around
 * each change and fold the rest into a collapsed segment the page renders as an expandable block.
 */
export function collapseUnchanged(rows: readonly SideBySideRow[], context = 3, minHidden = 4): RowSegment[] {
  const out: RowSegment[] = [];
  const push = (kind: RowSegment["kind"], rs: SideBySideRow[]) => {
    if (!rs.length) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind && kind === "rows") last.rows.push(...rs);
    else out.push({ kind, rows: rs });
  };
  let i = 0;
  while (i < rows.length) {
    if (rows[i].kind !== "same") {
      const startI = i;
      while (i < rows.length && rows[i].kind !== "same") i++;
      push("rows", rows.slice(startI, i));
      continue;
    }
    const startI = i;
    while (i < rows.length && rows[i].kind === "same") i++;
    const run = rows.slice(startI, i);
    const keepHead = startI === 0 ? 0 : context;
    const keepTail = i === rows.length ? 0 : context;
    if (run.length - keepHead - keepTail < minHidden) push("rows", run);
    else {
      push("rows", run.slice(0, keepHead));
      push("collapsed", run.slice(keepHead, run.length - keepTail));
      push("rows", run.slice(run.length - keepTail));
    }
  }
  return out;
}

// ───────────────────────────── Lists, tools, files ─────────────────────────────

export type ListDiff = { identical: boolean; added: string[]; removed: string[]; kept: string[]; reordered: boolean };

export function diffList(before: readonly string[], after: readonly string[]): ListDiff {
  const a = new Set(before);
  const b = new Set(after);
  const added = after.filter((x) => !a.has(x));
  const removed = before.filter((x) => !b.has(x));
  const kept = after.filter((x) => a.has(x));
  const keptBefore = before.filter((x) => b.has(x));
  const reordered = kept.length === keptBefore.length && kept.some((x, i) => x !== keptBefore[i]);
  const identical = before.length === after.length && before.every((x, i) => x === after[i]);
  return { identical, added, removed, kept, reordered: !identical && reordered };
}

export type FieldChange = { field: string; label: string; before: string | null; after: string | null };

export type ToolChange = {
  status: "added" | "removed" | "changed" | "unchanged";
  type: string;
  /** What the tool is called on the page: the action's title or domain, or the tool type. */
  label: string;
  before: ToolSnapshot | null;
  after: ToolSnapshot | null;
  fields: FieldChange[];
  /** Custom actions whose OpenAPI schema changed. */
  schema: TextDiff | null;
};

export const TOOL_LABELS: Record<string, string> = {
  code_interpreter: "Code interpreter",
  browser: "Web browsing",
  "dall-e": "Image generation (DALL·E)",
  memory: "Memory",
  custom_action: "Custom action",
};

export function toolLabel(t: ToolSnapshot): string {
  if (t.type === "custom_action") return `Custom action: ${t.title ?? t.domain ?? "unnamed"}`;
  return TOOL_LABELS[t.type] ?? t.type;
}

function toolKey(t: ToolSnapshot): string {
  return t.type === "custom_action" ? `custom_action\u0000${t.domain ?? ""}` : t.type;
}

/** Pairs tools of two versions: same key, in order (two actions on one domain pair by position). */
export function diffTools(before: readonly ToolSnapshot[], after: readonly ToolSnapshot[], options: LineDiffOptions = {}): ToolChange[] {
  const pool = new Map<string, ToolSnapshot[]>();
  for (const t of before) pool.set(toolKey(t), [...(pool.get(toolKey(t)) ?? []), t]);
  const out: ToolChange[] = [];
  for (const t of after) {
    const candidates = pool.get(toolKey(t));
    const prev = candidates?.shift() ?? null;
    if (!prev) {
      out.push({ status: "added", type: t.type, label: toolLabel(t), before: null, after: t, fields: [], schema: null });
      continue;
    }
    const fields: FieldChange[] = [];
    const cmp = (field: keyof ToolSnapshot, label: string) => {
      const x = prev[field] as string | null;
      const y = t[field] as string | null;
      if ((x ?? null) !== (y ?? null)) fields.push({ field, label, before: x ?? null, after: y ?? null });
    };
    if (t.type === "custom_action") {
      cmp("title", "Name");
      cmp("authType", "Authentication");
      cmp("privacyPolicyUrl", "Privacy policy");
    }
    const schema = (prev.openapi ?? "") !== (t.openapi ?? "") ? diffText(prev.openapi, t.openapi, options) : null;
    out.push({ status: fields.length || schema ? "changed" : "unchanged", type: t.type, label: toolLabel(t), before: prev, after: t, fields, schema });
  }
  for (const rest of pool.values()) for (const t of rest) out.push({ status: "removed", type: t.type, label: toolLabel(t), before: t, after: null, fields: [], schema: null });
  return out;
}

export type FileChange = { status: "added" | "removed" | "renamed" | "unchanged"; before: FileSnapshot | null; after: FileSnapshot | null };

export function diffFiles(before: readonly FileSnapshot[], after: readonly FileSnapshot[]): FileChange[] {
  const prev = new Map(before.map((f) => [f.id, f]));
  const next = new Set(after.map((f) => f.id));
  const out: FileChange[] = after.map((f) => {
    const p = prev.get(f.id);
    if (!p) return { status: "added", before: null, after: f };
    return { status: (p.name ?? null) !== (f.name ?? null) ? "renamed" : "unchanged", before: p, after: f };
  });
  for (const f of before) if (!next.has(f.id)) out.push({ status: "removed", before: f, after: null });
  return out;
}

// ───────────────────────────── Whole configuration ─────────────────────────────

export type ConfigDiff = {
  identical: boolean;
  /** Labels of the fields that changed, in display order (for a summary line). */
  changed: string[];
  scalars: FieldChange[];
  description: TextDiff;
  instructions: TextDiff;
  starters: ListDiff;
  categories: ListDiff;
  tools: ToolChange[];
  files: FileChange[];
};

/** Compares `before` (the older version, shown left) with `after` (the newer, shown right). */
export function diffConfigs(before: ConfigSnapshot, after: ConfigSnapshot, options: LineDiffOptions = {}): ConfigDiff {
  const scalars: FieldChange[] = [];
  if ((before.name ?? null) !== (after.name ?? null)) scalars.push({ field: "name", label: "Name", before: before.name ?? null, after: after.name ?? null });
  if ((before.versionAuthor ?? null) !== (after.versionAuthor ?? null)) {
    scalars.push({ field: "versionAuthor", label: "Version author", before: before.versionAuthor ?? null, after: after.versionAuthor ?? null });
  }
  const description = diffText(before.description, after.description, options);
  const instructions = diffText(before.instructions, after.instructions, options);
  const starters = diffList(before.conversationStarters, after.conversationStarters);
  const categories = diffList(before.categories, after.categories);
  const tools = diffTools(before.tools, after.tools, options);
  const files = diffFiles(before.files, after.files);
  const changed = [
    ...scalars.map((s) => s.label),
    ...(description.identical ? [] : ["Description"]),
    ...(instructions.identical ? [] : ["Instructions"]),
    ...(starters.identical ? [] : ["Conversation starters"]),
    ...(categories.identical ? [] : ["Categories"]),
    ...(tools.some((t) => t.status !== "unchanged") ? ["Tools"] : []),
    ...(files.some((f) => f.status !== "unchanged") ? ["Files"] : []),
  ];
  return { identical: changed.length === 0, changed, scalars, description, instructions, starters, categories, tools, files };
}

// ───────────────────────────── Sharing ─────────────────────────────

export type Permissions = { canRead: boolean; canViewConfig: boolean; canWrite: boolean };
export type Recipient = { id: string; email: string | null; permissions: Permissions | null };
export type SharingSnapshot = { visibility: string | null; permissions: Permissions | null; recipients: Recipient[] };

export function parsePermissions(value: unknown): Permissions | null {
  if (!isObj(value)) return null;
  return { canRead: value.can_read === true, canViewConfig: value.can_view_config === true, canWrite: value.can_write === true };
}

/** The `sharing` object as captured (recipients as a bare array or a list envelope). */
export function parseSharing(value: unknown, visibility: string | null = null): SharingSnapshot {
  const s = isObj(value) ? value : {};
  return {
    visibility: str(s.visibility) ?? visibility,
    permissions: parsePermissions(s.permissions),
    recipients: listItems(s.recipients)
      .filter(isObj)
      .filter((r) => typeof r.id === "string")
      .map((r) => ({ id: r.id as string, email: str(r.email), permissions: parsePermissions(r.permissions) })),
  };
}

export function describePermissions(p: Permissions | null): string {
  if (!p) return "unknown";
  const parts = [p.canRead && "chat", p.canViewConfig && "view configuration", p.canWrite && "edit"].filter(Boolean);
  return parts.length ? parts.join(", ") : "none";
}

export type SharingDiff = {
  identical: boolean;
  fields: FieldChange[];
  recipientsAdded: Recipient[];
  recipientsRemoved: Recipient[];
  recipientsChanged: { before: Recipient; after: Recipient }[];
};

export function diffSharing(before: SharingSnapshot, after: SharingSnapshot): SharingDiff {
  const fields: FieldChange[] = [];
  if (before.visibility !== after.visibility) fields.push({ field: "visibility", label: "Visibility", before: before.visibility, after: after.visibility });
  const pb = describePermissions(before.permissions);
  const pa = describePermissions(after.permissions);
  if (pb !== pa) fields.push({ field: "permissions", label: "Link permissions", before: pb, after: pa });
  const prev = new Map(before.recipients.map((r) => [r.id, r]));
  const next = new Map(after.recipients.map((r) => [r.id, r]));
  const recipientsAdded = after.recipients.filter((r) => !prev.has(r.id));
  const recipientsRemoved = before.recipients.filter((r) => !next.has(r.id));
  const recipientsChanged = after.recipients
    .filter((r) => prev.has(r.id) && describePermissions(prev.get(r.id)!.permissions) !== describePermissions(r.permissions))
    .map((r) => ({ before: prev.get(r.id)!, after: r }));
  return {
    identical: !fields.length && !recipientsAdded.length && !recipientsRemoved.length && !recipientsChanged.length,
    fields,
    recipientsAdded,
    recipientsRemoved,
    recipientsChanged,
  };
}
