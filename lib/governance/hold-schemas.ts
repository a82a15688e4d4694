// Legal hold input shapes, shared by the hold forms (client) and the route handlers (server). Pure: zod
// and the search query parser only, so the scope editor validates exactly as the API does, in place.
//
// A hold's scope has two parts:
// - criteria (custodianIds, from/to, query): every criterion given must match (intersection); a scope with
//   no criteria selects nothing by criteria;
// - explicit items, added on top (union), kept as HeldItem rows with heldBy EXPLICIT (see holds.ts).
// Dates are UTC calendar days `YYYY-MM-DD`, both ends inclusive.
import { z } from "zod";
import { MAX_QUERY_LENGTH, parseQuery } from "@/lib/search/query-parser";

/** What a hold preserves: whole conversations, whole GPTs (every version), memory entries, files, projects. */
export const heldUnitTypes = ["CONVERSATION", "GPT", "MEMORY", "FILE", "PROJECT"] as const;
export type HeldUnitType = (typeof heldUnitTypes)[number];

/** What a caller may name when adding explicit items; messages, configurations and files map to their unit. */
export const holdItemTypes = ["CONVERSATION", "MESSAGE", "GPT", "GPT_CONFIG", "MEMORY", "FILE", "PROJECT"] as const;
export type HoldItemType = (typeof holdItemTypes)[number];

export const holdStatuses = ["DRAFT", "ACTIVE", "RELEASED"] as const;
export type HoldStatus = (typeof holdStatuses)[number];

export const MAX_HOLD_ITEMS_PER_CALL = 500;
export const MAX_HOLD_CUSTODIANS = 500;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date written YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "This date does not exist");

/** Blank query text means "no query criterion"; anything else must parse in the search language. */
const queryText = z
  .string()
  .trim()
  .max(MAX_QUERY_LENGTH, `At most ${MAX_QUERY_LENGTH} characters`)
  .transform((s) => (s === "" ? null : s))
  .superRefine((s, ctx) => {
    if (s === null) return;
    const parsed = parseQuery(s);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: `Query: ${parsed.error.message}` });
  });

export const holdScopeSchema = z
  .object({
    custodianIds: z
      .array(z.string().trim().min(1).max(200))
      .max(MAX_HOLD_CUSTODIANS, `At most ${MAX_HOLD_CUSTODIANS} custodians`)
      .default([])
      .transform((ids) => [...new Set(ids)].sort()),
    from: isoDay.nullable().default(null),
    to: isoDay.nullable().default(null),
    query: queryText.nullable().default(null),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { message: "The window's start must not be after its end", path: ["to"] });
export type HoldScope = z.infer<typeof holdScopeSchema>;
export type HoldScopeInput = z.input<typeof holdScopeSchema>;

export const EMPTY_SCOPE: HoldScope = { custodianIds: [], from: null, to: null, query: null };

/** True when the scope selects anything by criteria (explicit items aside). */
export function hasCriteria(scope: HoldScope): boolean {
  return scope.custodianIds.length > 0 || scope.from !== null || scope.to !== null || scope.query !== null;
}

/** Two scopes select the same thing (custodian order is already canonical). */
export function sameScope(a: HoldScope, b: HoldScope): boolean {
  return a.from === b.from && a.to === b.to && a.query === b.query && a.custodianIds.join("\u0000") === b.custodianIds.join("\u0000");
}

const nameText = z.string().trim().min(1, "A name is required").max(200, "At most 200 characters");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .nullable()
    .transform((s) => (s ? s : null));

export const createHoldSchema = z.object({
  name: nameText,
  matter: optionalText(200).optional(),
  description: optionalText(5000).optional(),
  scope: holdScopeSchema.default(EMPTY_SCOPE),
});
export type CreateHoldInput = z.infer<typeof createHoldSchema>;

export const updateHoldSchema = z
  .object({
    name: nameText.optional(),
    matter: optionalText(200).optional(),
    description: optionalText(5000).optional(),
    scope: holdScopeSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Nothing to update");
export type UpdateHoldInput = z.infer<typeof updateHoldSchema>;

export const releaseHoldSchema = z.object({ reason: z.string().trim().min(1, "A reason is required").max(2000, "At most 2000 characters") });

export const holdItemRefSchema = z.object({ itemType: z.enum(holdItemTypes), itemId: z.string().min(1).max(200) });
export type HoldItemRef = z.infer<typeof holdItemRefSchema>;

export const holdItemsChangeSchema = z.object({
  action: z.enum(["add", "remove"]),
  items: z
    .array(holdItemRefSchema)
    .min(1, "Select at least one item")
    .max(MAX_HOLD_ITEMS_PER_CALL, `At most ${MAX_HOLD_ITEMS_PER_CALL} items at a time`)
    .transform((refs) => {
      const seen = new Set<string>();
      return refs.filter((r) => {
        const k = `${r.itemType}\u0000${r.itemId}`;
        return seen.has(k) ? false : (seen.add(k), true);
      });
    }),
});
export type HoldItemsChange = z.infer<typeof holdItemsChangeSchema>;

export const holdParams = z.object({ id: z.string().min(1).max(64) });
export const listHoldsQuerySchema = z.object({ status: z.enum(holdStatuses).optional() });
export const heldItemsQuerySchema = z.object({
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  itemType: z.enum(heldUnitTypes).optional(),
  heldBy: z.enum(["SCOPE", "EXPLICIT"]).optional(),
});
export const coveringQuerySchema = holdItemRefSchema;
export const custodianSearchQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  ids: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).slice(0, MAX_HOLD_CUSTODIANS))),
});

export const heldUnitLabels: Record<HeldUnitType, string> = {
  CONVERSATION: "Conversations",
  GPT: "GPTs",
  MEMORY: "Memories",
  FILE: "Files",
  PROJECT: "Projects",
};
