// Editing query text from controls. The search page's filter panel and facet buckets never keep state of
// their own: they rewrite the query text (through the parsed tree and normalizeQuery), so the query
// language stays the one source of truth — what the URL holds, what is saved, what the API runs.
//
// Controls only touch top-level, positive filters (`role:user`, not `-role:user` nor `(a OR role:user)`):
// those are the ones every result satisfies, so they are what a control can show and replace. Anything
// else the user typed is kept as it is (in canonical form).
import {
  listConjuncts,
  normalizeQuery,
  parseQuery,
  type FilterField,
  type FilterNode,
  type QueryNode,
  type QueryParseError,
} from "@/lib/search/query-parser";
import type { FacetName } from "@/lib/search/types";

/** On failure, `text` is what `error` points into: the input itself, or the input with the rejected filter appended. */
export type QueryEditResult = { ok: true; text: string } | { ok: false; text: string; error: QueryParseError };

/** The custodian control edits whichever of user:/email: is present; a value with "@" is an email. */
export type PanelField = Exclude<FilterField, "user" | "email"> | "custodian";

const FIELDS_OF: Record<PanelField, readonly FilterField[]> = {
  custodian: ["user", "email"],
  gpt: ["gpt"],
  project: ["project"],
  role: ["role"],
  type: ["type"],
  status: ["status"],
  tag: ["tag"],
  flagged: ["flagged"],
  held: ["held"],
  has: ["has"],
  after: ["after"],
  before: ["before"],
};

function parseTree(text: string): { ok: true; tree: QueryNode | null } | { ok: false; error: QueryParseError } {
  if (text.trim() === "") return { ok: true, tree: null };
  const parsed = parseQuery(text);
  return parsed.ok ? { ok: true, tree: parsed.query.tree } : { ok: false, error: parsed.error };
}

function filterValueText(node: FilterNode): string {
  return typeof node.value === "boolean" ? (node.value ? "yes" : "no") : node.value;
}

/** The top-level positive filters, by panel field (first one wins), as control values. */
export function readPanelValues(text: string): Partial<Record<PanelField, string>> {
  const parsed = parseTree(text);
  if (!parsed.ok || !parsed.tree) return {};
  const out: Partial<Record<PanelField, string>> = {};
  for (const node of listConjuncts(parsed.tree)) {
    if (node.kind !== "filter") continue;
    const field: PanelField = node.field === "user" || node.field === "email" ? "custodian" : node.field;
    out[field] ??= filterValueText(node);
  }
  return out;
}

/** `field:value` written so that the parser reads `value` back whole (quoted when it has spaces). */
function filterText(field: FilterField, value: string): string {
  const clean = value.replace(/["\u201C\u201D\u201E]/g, "").replace(/\s+/g, " ").trim();
  return /[\s()]/.test(clean) ? `${field}:"${clean}"` : `${field}:${clean}`;
}

function fieldFor(panel: PanelField, value: string): FilterField {
  if (panel === "custodian") return value.includes("@") ? "email" : "user";
  return FIELDS_OF[panel][0];
}

function sameFilter(a: FilterNode, b: FilterNode): boolean {
  if (a.field !== b.field) return false;
  return typeof a.value === "string" && typeof b.value === "string" ? a.value.toLowerCase() === b.value.toLowerCase() : a.value === b.value;
}

function rebuild(conjuncts: QueryNode[]): string {
  if (conjuncts.length === 0) return "";
  const flat = conjuncts.flatMap((c) => (c.kind === "and" ? c.children : [c]));
  return normalizeQuery(flat.length === 1 ? flat[0] : { kind: "and", children: flat });
}

/**
 * Sets (value) or clears (null or blank) the control's filter: every top-level positive filter of that
 * field is removed, then `field:value` is appended — or, with mode "add", appended next to the others
 * unless the same filter is already there (tags: a document can carry several).
 * The result may itself not parse (e.g. an `after:` later than `before:`): the search box reports that.
 */
export function setPanelFilter(text: string, panel: PanelField, value: string | null, mode: "replace" | "add" = "replace"): QueryEditResult {
  const parsed = parseTree(text);
  if (!parsed.ok) return { ok: false, text, error: parsed.error };
  const conjuncts = parsed.tree ? listConjuncts(parsed.tree) : [];
  const trimmed = value?.trim() ?? "";
  let node: FilterNode | null = null;
  if (trimmed) {
    const token = filterText(fieldFor(panel, trimmed), trimmed);
    const single = parseQuery(token);
    const shown = text.trim() ? `${text.trim()} ${token}` : token;
    const offset = shown.length - token.length;
    if (!single.ok) return { ok: false, text: shown, error: { ...single.error, position: single.error.position + offset } };
    if (single.query.tree.kind !== "filter") {
      return { ok: false, text: shown, error: { message: `"${trimmed}" is not a valid value`, position: offset, length: token.length } };
    }
    node = single.query.tree;
  }
  const fields = FIELDS_OF[panel];
  const kept =
    mode === "add" && node
      ? conjuncts
      : conjuncts.filter((c) => !(c.kind === "filter" && (fields as readonly string[]).includes(c.field)));
  if (node && !(mode === "add" && kept.some((c) => c.kind === "filter" && sameFilter(c, node)))) kept.push(node);
  return { ok: true, text: rebuild(kept) };
}

/** The control a facet drives, and whether a click adds beside existing values or replaces them. */
const FACET_PANEL: Record<FacetName, { panel: PanelField; mode: "replace" | "add" }> = {
  type: { panel: "type", mode: "replace" },
  role: { panel: "role", mode: "replace" },
  user: { panel: "custodian", mode: "replace" },
  gpt: { panel: "gpt", mode: "replace" },
  project: { panel: "project", mode: "replace" },
  tag: { panel: "tag", mode: "add" },
  status: { panel: "status", mode: "replace" },
};

/** Adds the filter a facet bucket stands for (user buckets carry an email, or an id when there is none). */
export function addFacetFilter(text: string, facet: FacetName, value: string): QueryEditResult {
  const { panel, mode } = FACET_PANEL[facet];
  return setPanelFilter(text, panel, value, mode);
}

/** True when the query already requires exactly this facet bucket at the top level. */
export function hasFacetFilter(text: string, facet: FacetName, value: string): boolean {
  const parsed = parseTree(text);
  if (!parsed.ok || !parsed.tree) return false;
  const { panel } = FACET_PANEL[facet];
  const single = parseQuery(filterText(fieldFor(panel, value), value));
  if (!single.ok || single.query.tree.kind !== "filter") return false;
  const wanted = single.query.tree;
  return listConjuncts(parsed.tree).some((c) => c.kind === "filter" && sameFilter(c, wanted));
}

/** Removes the facet bucket's filter (a second click on an active bucket). */
export function removeFacetFilter(text: string, facet: FacetName, value: string): QueryEditResult {
  const parsed = parseTree(text);
  if (!parsed.ok) return { ok: false, text, error: parsed.error };
  if (!parsed.tree) return { ok: true, text: "" };
  const { panel } = FACET_PANEL[facet];
  const single = parseQuery(filterText(fieldFor(panel, value), value));
  if (!single.ok || single.query.tree.kind !== "filter") return { ok: true, text: normalizeQuery(parsed.tree) };
  const wanted = single.query.tree;
  return { ok: true, text: rebuild(listConjuncts(parsed.tree).filter((c) => !(c.kind === "filter" && sameFilter(c, wanted)))) };
}
