"use client";
// Opens the review controls of one memory — and why it is retained — on demand, so a custodian page with
// many memories does not mount (and fetch) a review panel for each of them.
import { useState } from "react";
import { ReviewPanel } from "@/components/review/review-panel";
import { WhyRetained } from "@/components/retention/why-retained";
import { Button } from "@/components/ui/button";

export function MemoryReviewToggle({ memoryId, label, canWrite, viewerId }: { memoryId: string; label: string; canWrite: boolean; viewerId: string }) {
  const [open, setOpen] = useState(false);
  const panelId = `memory-review-${memoryId}`;
  return (
    <div className="mt-2">
      <Button variant="secondary" size="sm" aria-expanded={open} aria-controls={panelId} aria-label={`${open ? "Hide review" : "Review"}: ${label}`} onClick={() => setOpen((v) => !v)}>
        {open ? "Hide review" : "Review"}
      </Button>
      <div id={panelId} className="mt-2">
        {open && (
          <>
            <ReviewPanel itemType="MEMORY" itemId={memoryId} canWrite={canWrite} viewerId={viewerId} />
            <WhyRetained itemType="MEMORY" itemId={memoryId} />
          </>
        )}
      </div>
    </div>
  );
}
