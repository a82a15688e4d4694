"use client";
// "Search syntax" popover: the language's basics plus every filter, generated from FILTER_SPECS so the
// help can never drift from what the parser accepts. A disclosure: Escape or a click outside closes it,
// and focus goes back to the button.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { FILTER_FIELDS, FILTER_SPECS } from "@/lib/search/query-ast";
import { Button } from "@/components/ui/button";

const BASICS: readonly { syntax: string; description: string }[] = [
  { syntax: "budget forecast", description: "Both words (in any order); words also match their other forms" },
  { syntax: '"budget forecast"', description: "The exact phrase: these words, in this order, next to each other" },
  { syntax: "budget -draft", description: "Leave out results containing a word (or phrase, or filter: -role:tool)" },
  { syntax: "budget OR forecast", description: "Either word; OR must be uppercase" },
  { syntax: "(budget OR forecast) user:alice", description: "Parentheses group; everything else must all match" },
  { syntax: 'tag:"needs review"', description: "Quote filter values that contain spaces" },
];

export function SearchHelp() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const titleId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(e: PointerEvent) {
      if (!containerRef.current?.contains(e.target as Node)) setOpen(false);
    }
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  return (
    <div ref={containerRef} className="relative" onKeyDown={onKeyDown}>
      <Button ref={buttonRef} variant="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((v) => !v)}>
        Search syntax
      </Button>
      {open && (
        <section
          id={panelId}
          aria-labelledby={titleId}
          className="absolute right-0 z-40 mt-2 max-h-[70vh] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto rounded-lg bg-white p-4 text-sm shadow-lg ring-1 ring-slate-900/10"
        >
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Search syntax
          </h2>
          <p className="mt-1 text-slate-600">Terms next to each other must all match. Matching ignores case and accents.</p>
          <dl className="mt-3 space-y-2">
            {BASICS.map((b) => (
              <div key={b.syntax} className="grid gap-x-3 sm:grid-cols-[14rem_1fr]">
                <dt>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{b.syntax}</code>
                </dt>
                <dd className="text-slate-700">{b.description}</dd>
              </div>
            ))}
          </dl>
          <h3 className="mt-4 font-semibold text-slate-900">Filters</h3>
          <dl className="mt-2 space-y-2">
            {FILTER_FIELDS.map((field) => {
              const spec = FILTER_SPECS[field];
              return (
                <div key={field} className="grid gap-x-3 sm:grid-cols-[14rem_1fr]">
                  <dt>
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs break-all text-slate-800">{spec.syntax}</code>
                  </dt>
                  <dd className="text-slate-700">
                    {spec.description}. <span className="text-slate-500">Example:</span>{" "}
                    <code className="text-xs text-slate-800">{spec.example}</code>
                  </dd>
                </div>
              );
            })}
          </dl>
          <p className="mt-3 text-xs text-slate-500">Dates are UTC days: after: includes its day, before: excludes it.</p>
        </section>
      )}
    </div>
  );
}
