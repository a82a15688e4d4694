// Review status names and badge colours, shared by server pages (the queue) and client components.
import type { BadgeTone } from "@/components/ui/badge";
import type { ReviewStateValue } from "@/lib/review/status";

export const STATUS_LABELS: Record<ReviewStateValue, string> = {
  UNREVIEWED: "Unreviewed",
  IN_REVIEW: "In review",
  REVIEWED: "Reviewed",
  ESCALATED: "Escalated",
};
export const STATUS_TONES: Record<ReviewStateValue, BadgeTone> = { UNREVIEWED: "neutral", IN_REVIEW: "accent", REVIEWED: "success", ESCALATED: "danger" };
export const STATUS_OPTIONS = (Object.keys(STATUS_LABELS) as ReviewStateValue[]).map((value) => ({ value, label: STATUS_LABELS[value] }));
