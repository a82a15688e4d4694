"use client";
// The bulk-selection bar, pinned to the bottom of the viewport while anything is selected: copy ids, for
// reviewers tag / flag / status-and-assign (components/review/bulk-review.tsx), add to a legal hold
// (officers and admins) and export the selection.
import { Button } from "@/components/ui/button";
import { BulkReviewActions, type BulkTarget } from "@/components/review/bulk-review";
import { ExportButton } from "@/components/exports/export-button";
import { AddToHoldButton } from "@/components/holds/add-to-hold-dialog";
import { formatCount } from "./hit-format";

export function SelectionBar({
  count,
  onClear,
  onCopyIds,
  review,
  exportItems,
  holdItems,
}: {
  count: number;
  onClear: () => void;
  onCopyIds: () => void;
  /** Present when the viewer may review: the selected results as review targets. */
  review: { targets: readonly BulkTarget[]; viewerId: string } | null;
  /** The selected results as export items, when the viewer may export. */
  exportItems: readonly BulkTarget["item"][] | null;
  /** The selected results as hold items, when the viewer may place holds. */
  holdItems: readonly BulkTarget["item"][] | null;
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
        {holdItems && <AddToHoldButton items={holdItems} />}
        {exportItems && <ExportButton kind="SELECTION" params={{ items: [...exportItems] }} label="Export selected" size="sm" />}
        <Button size="sm" variant="ghost" className="ml-auto text-white hover:bg-slate-700" onClick={onClear}>
          Clear selection
        </Button>
      </div>
    </div>
  );
}
