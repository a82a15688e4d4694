"use client";
// Picks workspace users (custodians) by name or e-mail. Chosen custodians show as removable chips; the
// search runs as you type (debounced) against /api/v1/holds/custodians.
import { useEffect, useId, useState } from "react";
import { useCustodianSearch, type CustodianRef } from "@/lib/hooks/use-holds-query";
import { Button } from "@/components/ui/button";
import { fieldClasses } from "@/components/ui/input";
import { MAX_HOLD_CUSTODIANS } from "@/lib/governance/hold-schemas";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

export function CustodianPicker({ value, onChange, disabled }: { value: CustodianRef[]; onChange: (next: CustodianRef[]) => void; disabled?: boolean }) {
  const id = useId();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 250);
  const search = useCustodianSearch(q, { enabled: q.length >= 2 });
  const chosen = new Set(value.map((c) => c.id));
  const options = (search.data ?? []).filter((c) => !chosen.has(c.id));
  const full = value.length >= MAX_HOLD_CUSTODIANS;

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Custodians
      </label>
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Chosen custodians">
          {value.map((c) => (
            <li key={c.id} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 text-sm text-slate-800 ring-1 ring-slate-300 ring-inset">
              <span title={c.email}>{c.name ?? c.email}</span>
              {!disabled && (
                <button
                  type="button"
                  className="rounded-full px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                  aria-label={`Remove ${c.name ?? c.email}`}
                  onClick={() => onChange(value.filter((x) => x.id !== c.id))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!disabled && (
        <>
          <input
            id={id}
            type="search"
            className={fieldClasses}
            placeholder={full ? `At most ${MAX_HOLD_CUSTODIANS} custodians` : "Search people by name or e-mail"}
            value={text}
            disabled={full}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${id}-hint`}
            autoComplete="off"
          />
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            Holds their conversations, memories, the GPTs they own and their files. Leave empty to not restrict by person.
          </p>
          {q.length >= 2 && (
            <div aria-live="polite">
              {search.isLoading ? (
                <p className="text-sm text-slate-500">Searching…</p>
              ) : search.isError ? (
                <p className="text-sm text-red-700">People could not be searched. Try again.</p>
              ) : options.length === 0 ? (
                <p className="text-sm text-slate-500">No one else matches “{q}”.</p>
              ) : (
                <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label="Matching people">
                  {options.map((c) => (
                    <li key={c.id} className="flex items-center justify-between gap-3 px-3 py-1.5 text-sm">
                      <span>
                        <span className="font-medium text-slate-900">{c.name ?? c.email}</span> <span className="text-slate-500">{c.email}</span>
                      </span>
                      <Button size="sm" variant="secondary" onClick={() => onChange([...value, c])}>
                        Add
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
