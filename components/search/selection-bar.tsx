"use client";
// The bulk-selection bar, pinned to the bottom of the viewport while anything is selected: copy ids, and
// for reviewers tag / flag / status-and-assign (components/review/bulk-review.tsx). Adding to an export
// arrives with exports; until then it is shown disabled so reviewers know where it will be.
import { Button } from "@/components/ui/button";
import { BulkReviewActions, type BulkTarget } from "@/components/review/bulk-review";
import { formatCount } from "./hit-format";

const PENDING_TITLE = "Available with exports";

export function SelectionBar({
  count,
  onClear,
  onCopyIds,
  review,
}: {
  count: number;
  onClear: () => void;
  onCopyIds: () => void;
  /** Present when the viewer may review: the selected results as review targets. */
  review: { targets: readonly BulkTarget[]; viewerId: string } | null;
}) {
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
        {review && <BulkReviewActions targets={review.targets} viewerId={review.viewerId} />}
        <Button size="sm" variant="secondary" disabled title={PENDING_TITLE} aria-describedby="selection-pending-note">
          Add to export
        </Button>
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
