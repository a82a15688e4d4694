// Shapes the retention and disposition APIs return: shared by server modules, hooks and components.
import type { RetentionItemType } from "@/lib/governance/retention-schemas";

/** What a disposal removes (or would remove), by kind of tombstone. */
export type DispositionCounts = {
  conversations: number;
  messages: number;
  gptConfigs: number;
  memoryVersions: number;
  /** Memory entries deleted at the source whose every version was disposed (the Memory row goes too). */
  memories: number;
  files: number;
};

/** Units that were due but kept because a hold covers them (messages: those inside held conversations). */
export type HeldSkippedCounts = { conversations: number; messages: number; gptConfigs: number; memoryVersions: number; files: number };

export const emptyCounts = (): DispositionCounts => ({ conversations: 0, messages: 0, gptConfigs: 0, memoryVersions: 0, memories: 0, files: 0 });
export const emptyHeld = (): HeldSkippedCounts => ({ conversations: 0, messages: 0, gptConfigs: 0, memoryVersions: 0, files: 0 });

export const countLabels: Record<keyof DispositionCounts, string> = {
  conversations: "Conversations",
  messages: "Messages",
  gptConfigs: "GPT configuration versions",
  memoryVersions: "Memory versions",
  memories: "Memory entries",
  files: "Files",
};

/** Which count a unit type feeds. */
export const UNIT_COUNT: Record<RetentionItemType, "conversations" | "gptConfigs" | "memoryVersions" | "files"> = {
  CONVERSATION: "conversations",
  GPT_CONFIG: "gptConfigs",
  MEMORY: "memoryVersions",
  FILE: "files",
};

export type PolicyRef = { policyId: string; name: string; version: number; draft?: boolean };

export type DryRunSample = {
  itemType: RetentionItemType;
  itemId: string;
  label: string | null;
  href: string | null;
  dueAt: string;
  policyId: string | null;
  /** Messages inside a conversation. */
  messages: number;
};

export type ForecastDay = { day: number; date: string } & Omit<DispositionCounts, "memories">;

export type DryRunResult = {
  asOf: string;
  policies: PolicyRef[];
  counts: DispositionCounts;
  heldSkipped: HeldSkippedCounts;
  perPolicy: (PolicyRef & { counts: Omit<DispositionCounts, "memories"> })[];
  /** Days 1…30 after asOf: units (and messages) becoming disposable that day, holds as they stand now. */
  forecast: ForecastDay[];
  samples: DryRunSample[];
};

export type RunProgress = {
  phase: "queued" | "planning" | "disposing" | "certifying" | "done" | "failed";
  currentType: RetentionItemType | null;
  /** Expected totals (the dry run at the start) and what is done so far. */
  total: DispositionCounts;
  done: DispositionCounts;
  heldSkipped: HeldSkippedCounts;
  batches: number;
  updatedAt: string;
};

export type DispositionRunView = {
  id: string;
  trigger: "SCHEDULE" | "MANUAL";
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "PARTIAL" | "FAILED" | "CANCELLED";
  requestedBy: { id: string; email: string | null; name: string | null } | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  policyVersions: PolicyRef[];
  progress: RunProgress | null;
  disposedCount: number;
  heldSkippedCount: number;
  blobsDeleted: number;
  tombstoneDigest: string | null;
  certificateSha256: string | null;
  error: string | null;
};

export type WhyRetainedPolicy = {
  policyId: string;
  name: string;
  version: number;
  periodDays: number;
  dateBasis: "CAPTURED" | "SOURCE_CREATED";
  versionsKept: number | null;
  /** The date the period runs from for this item, and the date this policy alone would dispose it. */
  basisDate: string | null;
  disposalDate: string | null;
  keptAsVersion: boolean;
  governing: boolean;
};

export type WhyRetainedUnit = {
  itemType: RetentionItemType;
  itemId: string;
  label: string | null;
  status: "kept_no_policy" | "kept_current_version" | "held" | "scheduled" | "due";
  disposalDate: string | null;
  policies: WhyRetainedPolicy[];
};

export type WhyRetained = {
  itemType: string;
  itemId: string;
  /** disposed: a tombstone exists; otherwise the strongest reason among its units. */
  status: "kept_no_policy" | "kept_current_version" | "held" | "scheduled" | "due" | "disposed" | "not_found";
  summary: string;
  disposalDate: string | null;
  holds: { id: string; name: string; matter: string | null; via: { itemType: string; itemId: string } }[];
  units: WhyRetainedUnit[];
  tombstone: { runId: string; disposedAt: string; policyId: string; policyVersion: number; sha256: string } | null;
};
