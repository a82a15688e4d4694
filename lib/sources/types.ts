// The JSON shapes of /api/v1/sources and its sync runs and capture errors: produced by lib/sources (server)
// and consumed by the react-query hooks (client). Types only, so both sides can import them.
import type { StreamCounts } from "@/lib/ingest/types";

export type AuthorizationStatus = "UNTESTED" | "VALID" | "INVALID" | "REVOKED";
export type RunStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "PARTIAL" | "FAILED" | "CANCELLED";
export type RunTrigger = "SCHEDULE" | "CRON" | "MANUAL" | "DEMO";
export type HealthState = "ok" | "stale" | "never" | "no_authorization" | "disabled" | "failing";
export type CaptureErrorKind = "QUARANTINED" | "FETCH_FAILED" | "FILE_EXPIRED" | "FILE_FAILED";

export type AuthorizationSummary = {
  id: string;
  last4: string;
  status: AuthorizationStatus;
  lastTestedAt: string | null;
  lastTestMessage: string | null;
  createdAt: string;
  createdByEmail: string | null;
};

export type StreamSummary = { stream: string; status: RunStatus } & StreamCounts;

export type RunProgress = { stream: string | null; label: string | null; message: string; done: number | null; total: number | null };

export type RunSummary = {
  id: string;
  sourceId: string;
  trigger: RunTrigger;
  status: RunStatus;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  requestCount: number;
  progress: RunProgress | null;
  error: string | null;
  streams: StreamSummary[];
};

export type SourceCounts = {
  users: number;
  conversations: number;
  messages: number;
  gpts: number;
  projects: number;
  memories: number;
  files: number;
  openCaptureErrors: number;
};

export type SourceHealth = { state: HealthState; message: string };

export type SourceSummary = {
  id: string;
  name: string;
  type: "OPENAI_CHATGPT";
  description: string | null;
  workspaceId: string;
  apiBaseUrl: string;
  captureEnabled: boolean;
  isDemo: boolean;
  createdAt: string;
  lastSyncAt: string | null;
  lastSuccessfulSyncAt: string | null;
  authorization: AuthorizationSummary | null;
  lastRun: RunSummary | null;
  health: SourceHealth;
  counts: SourceCounts;
};

export type CaptureErrorRow = {
  id: string;
  runId: string | null;
  stream: string;
  kind: CaptureErrorKind;
  objectType: string | null;
  objectId: string | null;
  message: string;
  /** Untrusted upstream content, possibly invalid JSON; truncated by the server to 20,000 characters. */
  rawPayload: string | null;
  createdAt: string;
  resolvedAt: string | null;
};
