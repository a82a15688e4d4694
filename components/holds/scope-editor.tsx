"use client";
// The criteria of a hold's scope: custodians, a date window (UTC days, both inclusive) and a query in the
// search language. The query is checked with the search parser as it is typed; the error points at the
// offending part in place, exactly as the search page does.
import { parseQuery } from "@/lib/search/query-parser";
import type { CustodianRef } from "@/lib/hooks/use-holds-query";
import type { HoldScopeInput } from "@/lib/governance/hold-schemas";
import { cn } from "@/components/ui/cn";
import { Input, fieldClasses } from "@/components/ui/input";
import { CustodianPicker } from "./custodian-picker";

export type ScopeDraft = { custodians: CustodianRef[]; from: string; to: string; query: string };

export const emptyScopeDraft: ScopeDraft = { custodians: [], from: "", to: "", query: "" };

export function toScopeInput(d: ScopeDraft): HoldScopeInput {
  return { custodianIds: d.custodians.map((c) => c.id), from: d.from || null, to: d.to || null, query: d.query.trim() || null };
}

/** The parse error of the query text, if any (blank is fine: no query criterion). */
export function queryErrorOf(text: string) {
  if (!text.trim()) return null;
  const parsed = parseQuery(text);
  return parsed.ok ? null : parsed.error;
}

export function ScopeEditor({ value, onChange, errors = {}, disabled }: { value: ScopeDraft; onChange: (next: ScopeDraft) => void; errors?: Partial<Record<"from" | "to" | "query", string>>; disabled?: boolean }) {
  const set = (patch: Partial<ScopeDraft>) => onChange({ ...value, ...patch });
  const queryError = queryErrorOf(value.query);
  const windowBackwards = value.from && value.to && value.from > value.to ? "The window's start must not be after its end" : null;

  return (
    <fieldset className="space-y-5" disabled={disabled}>
      <legend className="text-base font-semibold text-slate-900">Scope</legend>
      <p className="text-sm text-slate-600">
        Every criterion you give must match (custodians <em>and</em> window <em>and</em> query). Items added explicitly are held on top. A hit on one
        message holds its whole conversation; a hit on a GPT configuration holds the GPT with every version.
      </p>
      <CustodianPicker value={value.custodians} onChange={(custodians) => set({ custodians })} disabled={disabled} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Input
          label="From (UTC day)"
          type="date"
          value={value.from}
          onChange={(e) => set({ from: e.target.value })}
          error={errors.from ?? null}
          description="Conversations active in the window, memories updated, GPT versions and files created in it."
        />
        <Input label="To (UTC day, inclusive)" type="date" value={value.to} onChange={(e) => set({ to: e.target.value })} error={errors.to ?? windowBackwards} />
      </div>
      <div className="space-y-1">
        <label htmlFor="hold-scope-query" className="block text-sm font-medium text-slate-800">
          Query
        </label>
        <input
          id="hold-scope-query"
          className={cn(fieldClasses, "font-mono", (queryError || errors.query) && "ring-red-500 focus:ring-red-600")}
          value={value.query}
          placeholder={'e.g. "side letter" OR budget -role:tool'}
          onChange={(e) => set({ query: e.target.value })}
          aria-invalid={queryError || errors.query ? true : undefined}
          aria-describedby="hold-scope-query-hint"
          spellCheck={false}
        />
        {queryError ? (
          <QueryError text={value.query} error={queryError} />
        ) : (
          <p id="hold-scope-query-hint" className={cn("text-xs", errors.query ? "text-red-700" : "text-slate-500")}>
            {errors.query ?? "The search language: words, \"phrases\", -exclusions, OR, and filters such as user:, gpt:, role:, after:. Items match once indexed."}
          </p>
        )}
      </div>
    </fieldset>
  );
}

function QueryError({ text, error }: { text: string; error: { message: string; position: number; length: number } }) {
  const start = Math.min(Math.max(error.position, 0), text.length);
  const end = Math.min(start + Math.max(error.length, 0), text.length);
  return (
    <div id="hold-scope-query-hint" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 ring-inset">
      <p className="font-medium">{error.message}</p>
      <p className="mt-1 font-mono text-xs break-all whitespace-pre-wrap text-slate-700">
        <span>{text.slice(0, start)}</span>
        <u className="bg-red-100 text-red-900 decoration-red-600 decoration-wavy decoration-2 underline-offset-4">{text.slice(start, end) || "\u00a0"}</u>
        <span>{text.slice(end)}</span>
      </p>
    </div>
  );
}
