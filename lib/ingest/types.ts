// The contract between the sync runner and its streams. A stream is one module in lib/ingest/streams,
// registered in lib/ingest/registry.ts; adding a capture stream (canvases, automations…) is one module.
import type { ComplianceClient } from "@/lib/compliance-api/client";
import type { FileCapture } from "@/lib/ingest/files";

export type StreamCounts = {
  listed: number;
  created: number;
  changed: number;
  unchanged: number;
  deleted: number;
  quarantined: number;
  files: number;
  errors: number;
};

export type Checkpoint = { watermark: Date | null; cursor: string | null; state: Record<string, unknown> | null };

export type SyncSource = { id: string; workspaceId: string };

export type SyncContext = {
  runId: string;
  source: SyncSource;
  client: ComplianceClient;
  files: FileCapture;
  /** A full reconciliation (conversations listed from the beginning, deletions detected) was requested. */
  fullSweep: boolean;
  counts: StreamCounts;
  getCheckpoint(): Promise<Checkpoint>;
  /** Persists the stream's checkpoint; call only after the data it covers has committed. */
  saveCheckpoint(cp: Partial<Checkpoint>): Promise<void>;
  /** Stores a record that failed validation, with its raw payload, and counts it. */
  quarantine(input: { objectType: string; raw: unknown; error: string }): Promise<void>;
  /** Records an object that could not be fetched (the stream goes on). */
  recordError(input: { objectType: string; objectId?: string | null; message: string }): Promise<void>;
  /** Live progress for the UI (throttled by the runner). */
  progress(message: string, done?: number, total?: number): Promise<void>;
  /** Throws if the run was cancelled (e.g. the authorization was revoked). */
  checkCancelled(): Promise<void>;
};

export type StreamModule = {
  name: string;
  /** Human label for the UI. */
  label: string;
  run(ctx: SyncContext): Promise<void>;
};

export function emptyCounts(): StreamCounts {
  return { listed: 0, created: 0, changed: 0, unchanged: 0, deleted: 0, quarantined: 0, files: 0, errors: 0 };
}
