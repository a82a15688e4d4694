// Display vocabulary for sources, sync runs and capture errors: labels, badge tones, number and duration
// formatting. Status words always carry the meaning on their own; the tone only reinforces it.
import type { BadgeTone } from "@/components/ui/badge";
import type {
  AuthorizationStatus,
  CaptureErrorKind,
  HealthState,
  RunStatus,
  RunTrigger,
  SourceSummary,
  StreamSummary,
} from "@/lib/hooks/use-sources-query";

export const sourceTypeLabels: Record<SourceSummary["type"], string> = { OPENAI_CHATGPT: "OpenAI ChatGPT" };

/** The archive totals shown for a source, in display order (long label for the detail page, short for cards). */
export const archiveCountLabels: { key: Exclude<keyof SourceSummary["counts"], "openCaptureErrors">; label: string; shortLabel: string }[] = [
  { key: "users", label: "Workspace users", shortLabel: "Users" },
  { key: "conversations", label: "Conversations", shortLabel: "Conversations" },
  { key: "messages", label: "Messages", shortLabel: "Messages" },
  { key: "gpts", label: "GPTs", shortLabel: "GPTs" },
  { key: "projects", label: "Projects", shortLabel: "Projects" },
  { key: "memories", label: "Memories", shortLabel: "Memories" },
  { key: "files", label: "Files", shortLabel: "Files" },
];

/** Capture streams in the order a sync runs them (lib/ingest/registry.ts). */
export const streamOrder = ["users", "gpts", "projects", "conversations", "memories"] as const;

const streamLabels: Record<string, string> = {
  users: "Workspace users",
  gpts: "GPTs",
  projects: "Projects",
  conversations: "Conversations",
  memories: "Memories",
};

/** Nouns for run summaries ("2,000 conversations"). */
const streamNouns: Record<string, [singular: string, plural: string]> = {
  users: ["workspace user", "workspace users"],
  gpts: ["GPT", "GPTs"],
  projects: ["project", "projects"],
  conversations: ["conversation", "conversations"],
  memories: ["memory", "memories"],
};

export function getStreamLabel(stream: string | null | undefined): string {
  if (!stream) return "—";
  return streamLabels[stream] ?? stream.charAt(0).toUpperCase() + stream.slice(1).replace(/[_-]+/g, " ");
}

export function getSourceTypeLabel(type: string): string {
  return sourceTypeLabels[type as SourceSummary["type"]] ?? type;
}

/** The run's streams in sync order, with streams that have not started yet filled in as null. */
export function getOrderedStreams(streams: readonly StreamSummary[]): { stream: string; summary: StreamSummary | null }[] {
  const byName = new Map(streams.map((s) => [s.stream, s]));
  const known: string[] = [...streamOrder];
  const extra = streams.map((s) => s.stream).filter((name) => !known.includes(name));
  return [...known, ...extra].map((stream) => ({ stream, summary: byName.get(stream) ?? null }));
}

export const runStatusLabels: Record<RunStatus, string> = {
  QUEUED: "Queued",
  RUNNING: "Running",
  SUCCEEDED: "Succeeded",
  PARTIAL: "Partial",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

export const runStatusTones: Record<RunStatus, BadgeTone> = {
  QUEUED: "neutral",
  RUNNING: "accent",
  SUCCEEDED: "success",
  PARTIAL: "warning",
  FAILED: "danger",
  CANCELLED: "neutral",
};

export const triggerLabels: Record<RunTrigger, string> = {
  SCHEDULE: "Scheduled",
  CRON: "Cron",
  MANUAL: "Manual",
  DEMO: "Demo",
};

export const authorizationStatusLabels: Record<AuthorizationStatus, string> = {
  UNTESTED: "Untested",
  VALID: "Valid",
  INVALID: "Invalid",
  REVOKED: "Revoked",
};

export const authorizationStatusTones: Record<AuthorizationStatus, BadgeTone> = {
  UNTESTED: "neutral",
  VALID: "success",
  INVALID: "danger",
  REVOKED: "neutral",
};

export const healthLabels: Record<HealthState, string> = {
  ok: "Healthy",
  stale: "Stale",
  never: "Never synced",
  no_authorization: "No authorization",
  disabled: "Capture paused",
  failing: "Failing",
};

export const healthTones: Record<HealthState, BadgeTone> = {
  ok: "success",
  stale: "warning",
  never: "neutral",
  no_authorization: "warning",
  disabled: "neutral",
  failing: "danger",
};

export const captureErrorKinds: readonly CaptureErrorKind[] = ["QUARANTINED", "FETCH_FAILED", "FILE_EXPIRED", "FILE_FAILED"];

export const captureErrorKindLabels: Record<CaptureErrorKind, string> = {
  QUARANTINED: "Quarantined",
  FETCH_FAILED: "Fetch failed",
  FILE_EXPIRED: "File expired",
  FILE_FAILED: "File failed",
};

const numberFormat = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function pluralize(n: number, singular: string, plural: string): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

export function formatStreamCount(stream: string, n: number): string {
  const [singular, plural] = streamNouns[stream] ?? [getStreamLabel(stream).toLowerCase(), getStreamLabel(stream).toLowerCase()];
  return pluralize(n, singular, plural);
}

/** "850 ms", "12 s", "3 min 4 s", "1 h 2 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes < 60) return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

export function getRunDuration(run: { queuedAt: string; startedAt: string | null; finishedAt: string | null }): number | null {
  if (!run.finishedAt) return null;
  return new Date(run.finishedAt).getTime() - new Date(run.startedAt ?? run.queuedAt).getTime();
}

/** Objects a run stored as new or changed, across all streams (the bar chart's measure). */
export function getCapturedCount(streams: readonly StreamSummary[]): number {
  return streams.reduce((sum, s) => sum + s.created + s.changed, 0);
}
