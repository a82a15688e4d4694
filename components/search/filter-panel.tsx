"use client";
// Filter controls that write the query text: each one shows the query's top-level filter of its field
// and, when changed, replaces it (lib/search/query-edit.ts). Selects and dates apply at once; the
// custodian applies on Enter or when the field loses focus.
import { useState, type FormEvent } from "react";
import { DOCUMENT_TYPE_VALUES, REVIEW_STATUS_VALUES, ROLE_VALUES } from "@/lib/search/query-ast";
import type { PanelField } from "@/lib/search/query-edit";
import type { FacetBucket, Facets } from "@/lib/search/types";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, type SelectOption } from "@/components/ui/select";
import { roleLabels, statusLabels, typeLabels } from "./hit-format";

export type PanelValues = Partial<Record<PanelField, string>>;
/** Fields to set (a value) or clear (null), applied to the query text in one edit. */
export type PanelChanges = Partial<Record<PanelField, string | null>>;
export const PANEL_FIELDS: readonly PanelField[] = ["custodian", "after", "before", "type", "role", "status", "gpt", "project"];

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Local state that follows `external` whenever it changes (back/forward, facet clicks) but is editable in between. */
function useFollowingState(external: string): [string, (v: string) => void] {
  const [state, setState] = useState({ external, value: external });
  if (state.external !== external) setState({ external, value: external });
  return [state.external !== external ? external : state.value, (value) => setState({ external, value })];
}

function bucketOptions(anyLabel: string, buckets: readonly FacetBucket[] | undefined, current: string | undefined): SelectOption[] {
  const options: SelectOption[] = [{ value: "", label: anyLabel }];
  for (const b of buckets ?? []) options.push({ value: b.value, label: b.label });
  if (current && !options.some((o) => o.value.toLowerCase() === current.toLowerCase())) options.push({ value: current, label: current });
  return options;
}

function enumOptions(anyLabel: string, values: readonly string[], labels: Record<string, string>): SelectOption[] {
  return [{ value: "", label: anyLabel }, ...values.map((v) => ({ value: v, label: labels[v] ?? v }))];
}

/** The option whose value matches case-insensitively (the query may spell an id differently). */
function selectValue(options: readonly SelectOption[], current: string | undefined): string {
  if (!current) return "";
  return options.find((o) => o.value.toLowerCase() === current.toLowerCase())?.value ?? current;
}

export function FilterPanel({
  values,
  facets,
  onChange,
}: {
  values: PanelValues;
  facets: Facets | null;
  onChange: (changes: PanelChanges) => void;
}) {
  const [custodian, setCustodian] = useFollowingState(values.custodian ?? "");
  const [after, setAfter] = useFollowingState(values.after ?? "");
  const [before, setBefore] = useFollowingState(values.before ?? "");
  const hasAny = PANEL_FIELDS.some((f) => values[f]);

  function applyCustodian(e?: FormEvent) {
    e?.preventDefault();
    if (custodian.trim() !== (values.custodian ?? "")) onChange({ custodian: custodian.trim() || null });
  }

  function onDate(field: "after" | "before", input: HTMLInputElement, set: (v: string) => void) {
    set(input.value);
    // A half-typed date reads as "" with badInput set: wait for a whole date (or a real clear).
    if (DATE_RE.test(input.value)) onChange({ [field]: input.value });
    else if (input.value === "" && !input.validity.badInput && values[field]) onChange({ [field]: null });
  }

  const gptOptions = bucketOptions("Any GPT", facets?.gpt, values.gpt);
  const projectOptions = bucketOptions("Any project", facets?.project, values.project);

  return (
    <section aria-labelledby="filter-panel-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-2">
        <h2 id="filter-panel-title" className="text-sm font-semibold text-slate-900">
          Filters
        </h2>
        {hasAny && (
          <Button variant="ghost" size="sm" onClick={() => onChange(Object.fromEntries(PANEL_FIELDS.filter((f) => values[f]).map((f) => [f, null])))}>
            Clear filters
          </Button>
        )}
      </div>
      <form onSubmit={applyCustodian}>
        <Input
          label="Custodian"
          description="Name, id or email address"
          value={custodian}
          onChange={(e) => setCustodian(e.target.value)}
          onBlur={() => applyCustodian()}
          placeholder="alice@example.com"
        />
      </form>
      <div className="grid grid-cols-2 gap-2">
        <Input label="From" type="date" description="Includes that day" value={after} onChange={(e) => onDate("after", e.target, setAfter)} />
        <Input label="Before" type="date" description="Excludes that day" value={before} onChange={(e) => onDate("before", e.target, setBefore)} />
      </div>
      <Select
        label="Type"
        value={values.type ?? ""}
        onChange={(e) => onChange({ type: e.target.value || null })}
        options={enumOptions("Any type", DOCUMENT_TYPE_VALUES, typeLabels)}
      />
      <Select
        label="Role"
        value={values.role ?? ""}
        onChange={(e) => onChange({ role: e.target.value || null })}
        options={enumOptions("Any role", ROLE_VALUES, roleLabels)}
      />
      <Select
        label="Review status"
        value={values.status ?? ""}
        onChange={(e) => onChange({ status: e.target.value || null })}
        options={enumOptions("Any status", REVIEW_STATUS_VALUES, statusLabels)}
      />
      <Select label="GPT" value={selectValue(gptOptions, values.gpt)} onChange={(e) => onChange({ gpt: e.target.value || null })} options={gptOptions} />
      <Select
        label="Project"
        value={selectValue(projectOptions, values.project)}
        onChange={(e) => onChange({ project: e.target.value || null })}
        options={projectOptions}
      />
    </section>
  );
}
