// zod schemas for retention policies, dry runs, "why retained" and disposition runs: shared by the policy
// form (client) and the route handlers (server), so both accept exactly the same input.
import { z } from "zod";

/** The object types a policy can cover; each is disposed as one unit (see lib/governance/retention-evaluate.ts). */
export const retentionItemTypes = ["CONVERSATION", "GPT_CONFIG", "MEMORY", "FILE"] as const;
export type RetentionItemType = (typeof retentionItemTypes)[number];

export const retentionItemTypeLabels: Record<RetentionItemType, string> = {
  CONVERSATION: "Conversations and their messages",
  GPT_CONFIG: "GPT configuration versions",
  MEMORY: "Memory versions",
  FILE: "Files",
};

export const dateBases = ["CAPTURED", "SOURCE_CREATED"] as const;
export type DateBasis = (typeof dateBases)[number];

export const dateBasisLabels: Record<DateBasis, string> = {
  CAPTURED: "Capture date (when the archive captured the content)",
  SOURCE_CREATED: "Source date (when it was created or last active at the source)",
};

/** 100 years: longer periods are indistinguishable from "keep" and overflow nothing. */
export const MAX_PERIOD_DAYS = 36_500;

const idSchema = z.string().trim().min(1).max(200);

/** The fields without defaults: an update must leave out what it does not change. */
const policyFields = {
  name: z.string().trim().min(1, "Name is required").max(120, "At most 120 characters"),
  description: z.string().trim().max(1000).nullable(),
  itemTypes: z
    .array(z.enum(retentionItemTypes))
    .min(1, "Choose at least one object type")
    .transform((types) => retentionItemTypes.filter((t) => types.includes(t))),
  sourceId: idSchema.nullable(),
  custodianIds: z
    .array(idSchema)
    .max(500, "At most 500 custodians")
    .transform((ids) => [...new Set(ids)].sort()),
  periodDays: z.number().int("Whole days").min(1, "At least 1 day").max(MAX_PERIOD_DAYS, `At most ${MAX_PERIOD_DAYS} days`),
  dateBasis: z.enum(dateBases),
  versionsKept: z.number().int().min(1, "Keep at least 1 version, or leave empty").max(1000).nullable(),
  enabled: z.boolean(),
};

export const policyInputSchema = z.object({
  ...policyFields,
  description: policyFields.description.optional(),
  sourceId: policyFields.sourceId.default(null),
  custodianIds: policyFields.custodianIds.default([]),
  dateBasis: policyFields.dateBasis.default("CAPTURED"),
  versionsKept: policyFields.versionsKept.default(null),
  enabled: policyFields.enabled.default(false),
});
export type PolicyInput = z.infer<typeof policyInputSchema>;
export type PolicyFormInput = z.input<typeof policyInputSchema>;

export const policyUpdateSchema = z
  .object(policyFields)
  .partial()
  .extend({ reason: z.string().trim().max(500).optional() })
  .refine((v) => Object.entries(v).some(([k, x]) => k !== "reason" && x !== undefined), "Nothing to update");
export type PolicyUpdate = z.infer<typeof policyUpdateSchema>;

export const policyParams = z.object({ id: z.string().min(1).max(64) });

/** A dry run: the enabled policies, plus a draft (new or edited, enabled or not) evaluated as if enabled. */
export const dryRunSchema = z.object({
  /** Evaluate this saved policy as if enabled (e.g. before enabling it). */
  policyId: z.string().min(1).max(64).optional(),
  /** An unsaved definition (a new policy, or edits to `policyId`) evaluated as if enabled. */
  draft: policyInputSchema.optional(),
  samples: z.number().int().min(0).max(100).default(10),
});
export type DryRunInput = z.infer<typeof dryRunSchema>;

export const whyRetainedItemTypes = ["CONVERSATION", "MESSAGE", "GPT", "GPT_CONFIG", "MEMORY", "FILE"] as const;
export const whyRetainedQuery = z.object({
  itemType: z.enum(whyRetainedItemTypes),
  itemId: idSchema,
});
export type WhyRetainedQuery = z.infer<typeof whyRetainedQuery>;

export const runParams = z.object({ id: z.string().min(1).max(64) });
export const runsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const certificateQuery = z.object({ format: z.enum(["json", "html"]).default("json") });
export const startRunSchema = z.object({}).strict();
