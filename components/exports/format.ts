// Labels and formatting for the exports page (pure; safe in server and client components).
import type { BadgeTone } from "@/components/ui/badge";
import type { ExportKindName, ExportPhase, ExportStatus, ExportView } from "@/lib/exports/schemas";

export const kindLabels: Record<ExportKindName, string> = { SEARCH: "Search", HOLD: "Legal hold", SELECTION: "Selection" };

export const phaseLabels: Record<ExportPhase, string> = {
  queued: "Waiting for a worker",
  resolving: "Finding the items",
  conversations: "Writing conversations",
  gpts: "Writing GPTs",
  projects: "Writing projects",
  memories: "Writing memories",
  files: "Writing files",
  finalizing: "Writing the manifest",
  done: "Done",
};

export function statusOf(e: ExportView): { label: string; tone: BadgeTone } {
  const s: ExportStatus = e.status;
  if (s === "QUEUED") return { label: "Queued", tone: "neutral" };
  if (s === "RUNNING") return { label: "Building", tone: "accent" };
  if (s === "FAILED") return { label: "Failed", tone: "danger" };
  if (s === "CANCELLED") return { label: "Discarded", tone: "neutral" };
  if (e.isExpired) return { label: "Expired", tone: "warning" };
  return { label: "Ready", tone: "success" };
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : "—";
}

export const formatCount = (n: number) => n.toLocaleString("en-US");

/** What an export was made from, in a few words. */
export function describeSource(e: Pick<ExportView, "kind" | "params">): string {
  const p = (e.params ?? {}) as { query?: unknown; holdId?: unknown; items?: unknown };
  if (e.kind === "SEARCH" && typeof p.query === "string") return p.query;
  if (e.kind === "HOLD" && typeof p.holdId === "string") return `Hold ${p.holdId}`;
  if (e.kind === "SELECTION" && Array.isArray(p.items)) return `${formatCount(p.items.length)} selected item${p.items.length === 1 ? "" : "s"}`;
  return kindLabels[e.kind];
}
