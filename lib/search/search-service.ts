// Running a search for a signed-in user: parse the query (a syntax error is a 400 that points at the
// problem), scope it to what the user may see, ask the process's engine, shape the hits for the browser
// and audit the search (who searched for what and how much came back), whatever the outcome.
import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/http/errors";
import type { HandlerContext } from "@/lib/http/handler";
import type { SessionUser } from "@/lib/auth/session-user";
import { getSearchEngine } from "@/lib/search/engine";
import { scopeFor } from "@/lib/search/access";
import { highlightTerms, normalizeQuery, parseQuery, type ParsedQuery, type QueryParseError } from "@/lib/search/query-parser";
import { SearchRequestError, SearchUnavailableError, type SearchEngine, type SearchHit } from "@/lib/search/types";
import type { BadQueryErrorBody, SearchHitView, SearchParamsInput, SearchResponse } from "@/lib/search/schemas";

type Audit = HandlerContext<undefined, undefined, undefined>["audit"];

export type ParsedSearchText = { ok: true; query: ParsedQuery | null } | { ok: false; error: QueryParseError };

/** Blank text browses everything in scope; anything else must parse. */
export function parseSearchText(q: string): ParsedSearchText {
  if (q.trim() === "") return { ok: true, query: null };
  const parsed = parseQuery(q);
  return parsed.ok ? { ok: true, query: parsed.query } : { ok: false, error: parsed.error };
}

export function badQueryResponse(error: QueryParseError): Response {
  const body: BadQueryErrorBody = { error: { code: "bad_query", message: error.message, position: error.position, length: error.length } };
  return NextResponse.json(body, { status: 400, headers: { "cache-control": "no-store" } });
}

export function toHitView(hit: SearchHit): SearchHitView {
  const d = hit.document;
  return {
    document: {
      id: d.id,
      type: d.type,
      itemId: d.itemId,
      sourceId: d.sourceId,
      title: d.title,
      conversationId: d.conversationId,
      messageId: d.messageId,
      userId: d.userId,
      userName: d.userName,
      userEmail: d.userEmail,
      role: d.role,
      toolName: d.toolName,
      gptId: d.gptId,
      gptName: d.gptName,
      projectId: d.projectId,
      projectName: d.projectName,
      time: d.time,
      hasFile: d.hasFile,
      onActiveBranch: d.onActiveBranch,
      deletedAtSource: d.deletedAtSource,
      tags: d.tags,
      flagged: d.flagged,
      held: d.held,
      status: d.status,
      version: d.version,
    },
    snippet: hit.snippet,
    titleHighlight: hit.titleHighlight,
  };
}

async function openEngine(): Promise<SearchEngine> {
  try {
    return await getSearchEngine();
  } catch (err) {
    if (err instanceof SearchUnavailableError) throw err;
    console.error("[search] the search engine could not be started", err);
    throw new SearchUnavailableError("the search engine could not be started", { cause: err });
  }
}

/**
 * GET /api/v1/search. Returns the response body, or a Response for a query that does not parse.
 * Facets are computed for the first page only: later pages reuse the first page's counts.
 */
export async function runSearch(user: SessionUser, params: SearchParamsInput, audit: Audit): Promise<SearchResponse | Response> {
  const details: Record<string, unknown> = { query: params.q, sort: params.sort, limit: params.limit, cursor: Boolean(params.cursor) };
  const parsed = parseSearchText(params.q);
  if (!parsed.ok) {
    await audit({ action: "search.run", outcome: "FAILURE", details: { ...details, error: "bad_query", message: parsed.error.message } });
    return badQueryResponse(parsed.error);
  }
  const normalized = parsed.query ? normalizeQuery(parsed.query.tree) : "";
  details.normalized = normalized;
  try {
    const engine = await openEngine();
    const result = await engine.search({
      query: parsed.query,
      sort: params.sort,
      limit: params.limit,
      cursor: params.cursor ?? null,
      facets: !params.cursor,
      scope: scopeFor(user),
    });
    await audit({
      action: "search.run",
      details: { ...details, engine: engine.name, total: result.total, totalIsExact: result.totalIsExact, returned: result.hits.length },
    });
    return {
      hits: result.hits.map(toHitView),
      total: result.total,
      totalIsExact: result.totalIsExact,
      nextCursor: result.nextCursor,
      facets: params.cursor ? null : result.facets,
      query: { normalized, terms: parsed.query ? highlightTerms(parsed.query.tree) : [] },
    };
  } catch (err) {
    if (err instanceof SearchRequestError) {
      await audit({ action: "search.run", outcome: "FAILURE", details: { ...details, error: err.code, message: err.message } });
      throw new AppError("invalid", err.message, { reason: err.code });
    }
    if (err instanceof SearchUnavailableError) {
      await audit({ action: "search.run", outcome: "FAILURE", details: { ...details, error: "unavailable", message: err.message } });
      throw new AppError("unavailable", `Search is unavailable: ${err.message}`);
    }
    throw err;
  }
}
