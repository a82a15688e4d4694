// Read queries over the captured archive for list and detail pages (server components only).
// Lists are keyset-paged on (sort key, id): stable under concurrent capture, no deep OFFSET. The cursor
// carries the sort it was made for, so a link from one order can never page through another.
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

// ---- shared list parameters -------------------------------------------------------------------------

/** A query-string value: trimmed, bounded, and absent when empty (forms submit empty fields as ""). */
export const optionalText = (max = 200) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, `Use at most ${max} characters`).optional());

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day (UTC) as YYYY-MM-DD; absent when empty. */
export const optionalDay = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .string()
    .regex(DAY, "Use a date like 2025-01-31")
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "Not a real date")
    .optional(),
);

/** A checkbox: present (any of the usual truthy spellings) or absent. */
export const optionalFlag = z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.enum(["1", "true", "on"], "Use 1 to turn this on").optional());

export const sortDirections = ["asc", "desc"] as const;
export type SortDir = (typeof sortDirections)[number];

/** Start of a UTC day, and the start of the day after (an exclusive upper bound for "to" dates). */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
export function dayAfter(day: string): Date {
  return new Date(dayStart(day).getTime() + 86_400_000);
}

type CursorValue = string | number | null;
const cursorShape = z.object({ s: z.string(), d: z.enum(sortDirections), v: z.union([z.string(), z.number(), z.null()]), id: z.string() });

export function encodeListCursor(sort: string, dir: SortDir, value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify({ s: sort, d: dir, v: value, id })).toString("base64url");
}

/** Decodes a page cursor made for exactly this sort and direction; anything else is an `invalid` error. */
export function decodeListCursor(cursor: string, sort: string, dir: SortDir): { value: CursorValue; id: string } {
  let parsed: z.infer<typeof cursorShape>;
  try {
    parsed = cursorShape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("invalid", "Invalid page cursor: start again from the first page");
  }
  if (parsed.s !== sort || parsed.d !== dir) {
    throw new AppError("invalid", "This page link belongs to a different sort order: start again from the first page");
  }
  return { value: parsed.v, id: parsed.id };
}

export type ParamIssue = { field: string; message: string };

/**
 * Parses list parameters leniently for pages: a field that does not parse is dropped and reported (so a
 * bad date shows a message next to the still-filtered list instead of an error page). Repeated keys use
 * their first value.
 */
export function parseListParams<S extends z.ZodObject>(schema: S, raw: Record<string, string | string[] | undefined>): { data: z.output<S>; issues: ParamIssue[] } {
  const input: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(raw)) input[k] = Array.isArray(v) ? v[0] : v;
  const issues: ParamIssue[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = schema.safeParse(input);
    if (result.success) return { data: result.data, issues };
    const dropped = new Set<string>();
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (field === "" || !(field in input || dropped.has(field))) {
        issues.push({ field: "query", message: issue.message });
        return { data: schema.parse({}), issues };
      }
      // One message per field (a malformed date is not also reported as "not a real date").
      if (!dropped.has(field)) issues.push({ field, message: issue.message });
      dropped.add(field);
      delete input[field];
    }
  }
  return { data: schema.parse({}), issues };
}

// ---- conversations ----------------------------------------------------------------------------------

export const conversationSorts = ["lastActive", "created", "messages", "title"] as const;
export type ConversationSort = (typeof conversationSorts)[number];

type SortSpec = { field: "lastActiveAt" | "createdAtSource" | "messageCount" | "title"; kind: "date" | "number" | "string"; nullable: boolean; defaultDir: SortDir };
const CONVERSATION_SORTS: Record<ConversationSort, SortSpec> = {
  lastActive: { field: "lastActiveAt", kind: "date", nullable: true, defaultDir: "desc" },
  created: { field: "createdAtSource", kind: "date", nullable: true, defaultDir: "desc" },
  messages: { field: "messageCount", kind: "number", nullable: false, defaultDir: "desc" },
  title: { field: "title", kind: "string", nullable: true, defaultDir: "asc" },
};

export function defaultConversationDir(sort: ConversationSort): SortDir {
  return CONVERSATION_SORTS[sort].defaultDir;
}

export const conversationListQuery = z
  .object({
    cursor: optionalText(500),
    /** Title contains (case-insensitive). */
    q: optionalText(),
    /** Custodian e-mail contains, or exact workspace user id. */
    custodian: optionalText(),
    /** Exact workspace user id (the custodian page). */
    userId: optionalText(),
    /** Conversations with at least one message that used this GPT / project. */
    gpt: optionalText(),
    project: optionalText(),
    createdFrom: optionalDay,
    createdTo: optionalDay,
    activeFrom: optionalDay,
    activeTo: optionalDay,
    /** Include conversations deleted at source (kept in the archive, hidden by default). */
    deleted: optionalFlag,
    sort: z.preprocess((v) => (v === "" ? undefined : v), z.enum(conversationSorts, "Unknown sort").default("lastActive")),
    dir: z.preprocess((v) => (v === "" ? undefined : v), z.enum(sortDirections, "Use asc or desc").optional()),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine((v, ctx) => {
    // Both ends are reported, so a lenient parse drops the whole range.
    for (const [from, to, label] of [["createdFrom", "createdTo", "created"], ["activeFrom", "activeTo", "last-active"]] as const) {
      const [a, b] = [v[from], v[to]];
      if (a && b && a > b) for (const path of [from, to]) ctx.addIssue({ code: "custom", path: [path], message: `The ${label} range starts after it ends` });
    }
  });

export type ConversationListInput = z.input<typeof conversationListQuery>;

function cursorValueOf(spec: SortSpec, row: Record<SortSpec["field"], Date | number | string | null>): CursorValue {
  const v = row[spec.field];
  return v instanceof Date ? v.toISOString() : v;
}

/** Rows strictly after (value, id) in `ORDER BY field dir NULLS LAST, id dir`. */
function conversationsAfter(spec: SortSpec, dir: SortDir, value: CursorValue, id: string): Prisma.ConversationWhereInput {
  const op = dir === "desc" ? "lt" : "gt";
  if (value === null) {
    if (!spec.nullable) throw new AppError("invalid", "Invalid page cursor: start again from the first page");
    return { [spec.field]: null, id: { [op]: id } } as Prisma.ConversationWhereInput;
  }
  const typed = spec.kind === "date" ? new Date(String(value)) : spec.kind === "number" ? Number(value) : String(value);
  if ((typed instanceof Date && Number.isNaN(typed.getTime())) || (typeof typed === "number" && !Number.isFinite(typed))) {
    throw new AppError("invalid", "Invalid page cursor: start again from the first page");
  }
  const branches: Prisma.ConversationWhereInput[] = [{ [spec.field]: { [op]: typed } }, { [spec.field]: typed, id: { [op]: id } }];
  if (spec.nullable) branches.push({ [spec.field]: null });
  return { OR: branches };
}

export async function listConversations(raw: ConversationListInput) {
  const input = conversationListQuery.parse(raw);
  const spec = CONVERSATION_SORTS[input.sort];
  const dir = input.dir ?? spec.defaultDir;
  const and: Prisma.ConversationWhereInput[] = [];
  if (input.q) and.push({ title: { contains: input.q, mode: "insensitive" } });
  if (input.custodian) and.push({ OR: [{ userEmail: { contains: input.custodian, mode: "insensitive" } }, { userId: input.custodian }] });
  if (input.userId) and.push({ userId: input.userId });
  // EXISTS over Message's partial gptId/projectId indexes.
  if (input.gpt) and.push({ messages: { some: { gptId: input.gpt } } });
  if (input.project) and.push({ messages: { some: { projectId: input.project } } });
  if (input.createdFrom || input.createdTo) {
    and.push({ createdAtSource: { ...(input.createdFrom && { gte: dayStart(input.createdFrom) }), ...(input.createdTo && { lt: dayAfter(input.createdTo) }) } });
  }
  if (input.activeFrom || input.activeTo) {
    and.push({ lastActiveAt: { ...(input.activeFrom && { gte: dayStart(input.activeFrom) }), ...(input.activeTo && { lt: dayAfter(input.activeTo) }) } });
  }
  if (!input.deleted) and.push({ deletedAtSource: null });
  if (input.cursor) {
    const cursor = decodeListCursor(input.cursor, input.sort, dir);
    and.push(conversationsAfter(spec, dir, cursor.value, cursor.id));
  }
  const orderBy = [
    (spec.nullable ? { [spec.field]: { sort: dir, nulls: "last" } } : { [spec.field]: dir }) as Prisma.ConversationOrderByWithRelationInput,
    { id: dir } satisfies Prisma.ConversationOrderByWithRelationInput,
  ];
  const rows = await getDb().conversation.findMany({
    where: { AND: and },
    orderBy,
    take: input.limit + 1,
    select: { id: true, title: true, userId: true, userEmail: true, messageCount: true, lastActiveAt: true, createdAtSource: true, deletedAtSource: true, currentVersion: true },
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    conversations: page,
    sort: input.sort,
    dir,
    nextCursor: rows.length > input.limit && last ? encodeListCursor(input.sort, dir, cursorValueOf(spec, last), last.id) : null,
  };
}
