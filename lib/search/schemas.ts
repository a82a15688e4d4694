// The search API's shapes, shared by the /api/v1/search and /api/v1/saved-searches handlers and by the
// search page (forms validate with the same schemas the handlers parse with). Pure: no server imports.
import { z } from "zod";
import { parseQuery } from "@/lib/search/query-parser";
import type { Facets, HighlightSegment, SearchDocument, SearchSort } from "@/lib/search/types";

export const SEARCH_SORTS = ["relevance", "newest", "oldest"] as const satisfies readonly SearchSort[];
export const searchSortSchema = z.enum(SEARCH_SORTS);

export const SEARCH_PAGE_SIZE = 25;
export const SEARCH_MAX_LIMIT = 100;

/** GET /api/v1/search. `q` is bounded loosely here: parseQuery reports an over-long query with its position. */
export const searchParamsSchema = z.object({
  q: z.string().max(10_000).default(""),
  sort: searchSortSchema.default("relevance"),
  cursor: z.string().min(1).max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(SEARCH_PAGE_SIZE),
});
export type SearchParamsInput = z.infer<typeof searchParamsSchema>;

/** A query text that parses (the saved-search forms and handlers reject anything the search box would). */
const queryTextSchema = z
  .string()
  .trim()
  .min(1, "Enter a query to save")
  .superRefine((value, ctx) => {
    const parsed = parseQuery(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error.message });
  });

export const savedSearchNameSchema = z.string().trim().min(1, "Name is required").max(120, "Name is at most 120 characters");

export const createSavedSearchSchema = z.object({
  name: savedSearchNameSchema,
  query: queryTextSchema,
  sort: searchSortSchema.default("relevance"),
  shared: z.boolean().default(false),
});

export const updateSavedSearchSchema = z
  .object({
    name: savedSearchNameSchema.optional(),
    query: queryTextSchema.optional(),
    sort: searchSortSchema.optional(),
    shared: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Nothing to update");

export const savedSearchParams = z.object({ id: z.string().min(1).max(64) });

export type CreateSavedSearchInput = z.infer<typeof createSavedSearchSchema>;
export type CreateSavedSearchForm = z.input<typeof createSavedSearchSchema>;
export type UpdateSavedSearchInput = z.infer<typeof updateSavedSearchSchema>;

// ---- response shapes ------------------------------------------------------------------------------------

/** What a hit shows: the indexed document minus its full body and the internal match keys. */
export type SearchHitDocument = Omit<SearchDocument, "itemType" | "body" | "userKeys" | "gptKeys" | "projectKeys">;

export type SearchHitView = { document: SearchHitDocument; snippet: HighlightSegment[]; titleHighlight: HighlightSegment[] };

export type SearchResponse = {
  hits: SearchHitView[];
  total: number;
  totalIsExact: boolean;
  nextCursor: string | null;
  /** Only on the first page (no cursor). */
  facets: Facets | null;
  /** normalized: the canonical form of the query ("" when browsing); terms: words and phrases to highlight. */
  query: { normalized: string; terms: string[] };
};

/** Body of a 400 for a query that does not parse: where the problem is, for the search box to underline. */
export type BadQueryErrorBody = { error: { code: "bad_query"; message: string; position: number; length: number } };

export type SavedSearchView = {
  id: string;
  name: string;
  query: string;
  sort: SearchSort;
  shared: boolean;
  /** The caller owns it (may rename, requery, share and delete it). */
  mine: boolean;
  /** The caller may delete it (its owner, or an admin for a shared one). */
  canDelete: boolean;
  owner: { id: string; name: string; email: string };
  lastRunAt: string | null;
  createdAt: string;
  updatedAt: string;
};
