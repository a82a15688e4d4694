import type { HoldStatus } from "@/lib/governance/hold-schemas";
import { Badge } from "@/components/ui/badge";
import { HOLD_STATUS_LABELS, HOLD_STATUS_TONES } from "./hold-labels";

export function HoldStatusBadge({ status }: { status: HoldStatus }) {
  return <Badge tone={HOLD_STATUS_TONES[status]}>{HOLD_STATUS_LABELS[status]}</Badge>;
}
