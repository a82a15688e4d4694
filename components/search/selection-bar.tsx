"use client";
// The bulk-selection bar, pinned to the bottom of the viewport while anything is selected. Review
// actions (tag, flag, status, hold, export) arrive with the review work; until then they are shown
// disabled so reviewers know where they will be.
import { Button } from "@/components/ui/button";
import { formatCount } from "./hit-format";

const PENDING_ACTIONS = ["Tag", "Flag", "Set status", "Add to export"] as const;
const PENDING_TITLE = "Available with review actions";

export function SelectionBar({ count, onClear, onCopyIds }: { count: number; onClear: () => void; onCopyIds: () => void }) {
  if (count === 0) return null;
  return (
    <div role="region" aria-label="Selection" className="sticky bottom-0 z-20 -mx-1 mt-4 px-1 pb-4">
      <div className="flex flex-wrap items-center gap-2 rounded-lg bg-slate-900 px-4 py-2.5 text-sm text-white shadow-lg">
        <p role="status" className="mr-2 font-medium">
          {formatCount(count)} selected
        </p>
        <Button size="sm" variant="secondary" onClick={onCopyIds}>
          Copy ids
        </Button>
        {PENDING_ACTIONS.map((label) => (
          <Button key={label} size="sm" variant="secondary" disabled title={PENDING_TITLE} aria-describedby="selection-pending-note">
            {label}
          </Button>
        ))}
        <span id="selection-pending-note" className="sr-only">
          {PENDING_TITLE}
        </span>
        <Button size="sm" variant="ghost" className="ml-auto text-white hover:bg-slate-700" onClick={onClear}>
          Clear selection
        </Button>
      </div>
    </div>
  );
}
