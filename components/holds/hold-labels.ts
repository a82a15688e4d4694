// Words and tones for hold states and held units. Pure: server pages and client components share them.
import type { BadgeTone } from "@/components/ui/badge";
import type { HeldUnitType, HoldScope, HoldStatus } from "@/lib/governance/hold-schemas";

export const HOLD_STATUS_LABELS: Record<HoldStatus, string> = { DRAFT: "Draft", ACTIVE: "Active", RELEASED: "Released" };
export const HOLD_STATUS_TONES: Record<HoldStatus, BadgeTone> = { DRAFT: "neutral", ACTIVE: "warning", RELEASED: "success" };

export const UNIT_LABELS: Record<HeldUnitType, { one: string; many: string }> = {
  CONVERSATION: { one: "conversation", many: "conversations" },
  GPT: { one: "GPT", many: "GPTs" },
  MEMORY: { one: "memory", many: "memories" },
  FILE: { one: "file", many: "files" },
  PROJECT: { one: "project", many: "projects" },
};

export const UNIT_ORDER: readonly HeldUnitType[] = ["CONVERSATION", "GPT", "MEMORY", "FILE", "PROJECT"];

export function countLabel(n: number, type: HeldUnitType): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? UNIT_LABELS[type].one : UNIT_LABELS[type].many}`;
}

export function formatDateTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—";
}

/** One line describing the criteria, e.g. "2 custodians · 2024-01-01 → 2024-03-31 · query: budget". */
export function describeScope(scope: HoldScope): string {
  const parts: string[] = [];
  if (scope.custodianIds.length) parts.push(`${scope.custodianIds.length} custodian${scope.custodianIds.length === 1 ? "" : "s"}`);
  if (scope.from || scope.to) parts.push(`${scope.from ?? "…"} → ${scope.to ?? "…"}`);
  if (scope.query) parts.push(`query: ${scope.query}`);
  return parts.length ? parts.join(" · ") : "No criteria";
}
