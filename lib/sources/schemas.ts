// Shared by the source forms and the /api/v1/sources handlers.
import { z } from "zod";

export const DEFAULT_API_BASE_URL = "https://api.chatgpt.com/v1";

const apiBaseUrl = z
  .url("Enter a valid URL")
  .refine((u) => /^https?:\/\//.test(u), "The API base URL must start with https:// (or http:// for a local simulator)")
  .transform((u) => u.replace(/\/+$/, ""));

export const createSourceSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(120),
  description: z.string().trim().max(1000).optional(),
  workspaceId: z.string().trim().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "The workspace ID is a UUID (ChatGPT admin → Workspace details)"),
  apiBaseUrl: apiBaseUrl.optional(),
});

export const updateSourceSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    description: z.string().trim().max(1000).nullable().optional(),
    captureEnabled: z.boolean().optional(),
    apiBaseUrl: apiBaseUrl.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to update");

export const createAuthorizationSchema = z.object({
  secret: z.string().trim().min(8, "Paste the whole secret key").max(512, "That is too long to be an API key"),
});

export const startSyncSchema = z.object({ full: z.boolean().optional() });

export const sourceParams = z.object({ id: z.string().min(1).max(64) });
export const authorizationParams = z.object({ id: z.string().min(1).max(64), authorizationId: z.string().min(1).max(64) });
export const runParams = z.object({ runId: z.string().min(1).max(64) });

export const runsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const captureErrorsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
  kind: z.enum(["QUARANTINED", "FETCH_FAILED", "FILE_EXPIRED", "FILE_FAILED"]).optional(),
  unresolved: z.enum(["true", "false"]).optional().transform((v) => v === "true"),
});

export type CreateSourceInput = z.infer<typeof createSourceSchema>;
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;
