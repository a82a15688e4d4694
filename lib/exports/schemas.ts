// The exports API's shapes, shared by the /api/v1/exports handlers, the build job and the exports page
// (the "New export" form validates with the same schema the handler parses with). Pure: no server imports.
import { z } from "zod";
import { parseQuery } from "@/lib/search/query-parser";
import { searchSortSchema } from "@/lib/search/schemas";

export const EXPORT_KINDS = ["SEARCH", "HOLD", "SELECTION"] as const;
export type ExportKindName = (typeof EXPORT_KINDS)[number];

/** Item types an export can be asked for (a message or file exports its whole conversation). */
export const exportItemTypes = ["CONVERSATION", "MESSAGE", "GPT", "GPT_CONFIG", "PROJECT", "PROJECT_CONFIG", "MEMORY", "FILE"] as const;
export type ExportItemType = (typeof exportItemTypes)[number];

export const exportItemRefSchema = z.object({ itemType: z.enum(exportItemTypes), itemId: z.string().min(1).max(200) });
export type ExportItemRef = z.infer<typeof exportItemRefSchema>;

export const EXPORT_MAX_SELECTION = 5000;

/** A query that parses: the export of a blank query (the whole archive) is refused on purpose. */
export const exportQueryTextSchema = z
  .string()
  .trim()
  .min(1, "Enter a search query")
  .superRefine((value, ctx) => {
    const parsed = parseQuery(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error.message, params: { position: parsed.error.position, length: parsed.error.length } });
  });

export const exportNameSchema = z.string().trim().min(1, "Name is required").max(200, "Name is at most 200 characters");

export const searchExportParamsSchema = z.object({ query: exportQueryTextSchema, sort: searchSortSchema.default("relevance") });
export const holdExportParamsSchema = z.object({ holdId: z.string().min(1).max(64) });
export const selectionExportParamsSchema = z.object({
  items: z
    .array(exportItemRefSchema)
    .min(1, "Select at least one item")
    .max(EXPORT_MAX_SELECTION, `At most ${EXPORT_MAX_SELECTION} items`)
    .transform((items) => {
      const seen = new Set<string>();
      return items.filter((i) => {
        const key = `${i.itemType}\u0000${i.itemId}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
    }),
});

export const createExportSchema = z.discriminatedUnion("kind", [
  z.object({ name: exportNameSchema, kind: z.literal("SEARCH"), params: searchExportParamsSchema }),
  z.object({ name: exportNameSchema, kind: z.literal("HOLD"), params: holdExportParamsSchema }),
  z.object({ name: exportNameSchema, kind: z.literal("SELECTION"), params: selectionExportParamsSchema }),
]);
export type CreateExportInput = z.infer<typeof createExportSchema>;
export type CreateExportForm = z.input<typeof createExportSchema>;
export type ExportParams = CreateExportInput["params"];

export const exportIdParams = z.object({ id: z.string().min(1).max(64) });

// ---- progress and views ---------------------------------------------------------------------------------

export const EXPORT_PHASES = ["queued", "resolving", "conversations", "gpts", "projects", "memories", "files", "finalizing", "done"] as const;
export type ExportPhase = (typeof EXPORT_PHASES)[number];

export type ExportCounts = {
  /** Items the search, hold or selection named (hits, held items, selected items). */
  matchedItems: number;
  conversations: number;
  messages: number;
  gpts: number;
  gptConfigs: number;
  projects: number;
  projectConfigs: number;
  memories: number;
  files: number;
  filesMissing: number;
};

/** Written to ExportJob.progress while the job runs; `counts` once it is done. */
export type ExportProgress = { phase: ExportPhase; done: number; total: number; counts?: ExportCounts };

export type ExportStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "PARTIAL" | "FAILED" | "CANCELLED";

export type ExportView = {
  id: string;
  name: string;
  kind: ExportKindName;
  params: unknown;
  status: ExportStatus;
  progress: ExportProgress | null;
  createdBy: { id: string; name: string; email: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string | null;
  /** Built, and its ZIP can still be downloaded. */
  isDownloadable: boolean;
  /** Built once, but its ZIP was deleted (expired or discarded). */
  isExpired: boolean;
  itemCount: number | null;
  sizeBytes: number | null;
  sha256: string | null;
  error: string | null;
};

export function isExportActive(status: ExportStatus): boolean {
  return status === "QUEUED" || status === "RUNNING";
}
