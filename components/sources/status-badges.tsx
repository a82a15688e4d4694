// Badges for the states a source page shows again and again; each says its state in words.
import { Badge } from "@/components/ui/badge";
import type { AuthorizationStatus, HealthState, RunStatus } from "@/lib/hooks/use-sources-query";
import {
  authorizationStatusLabels,
  authorizationStatusTones,
  healthLabels,
  healthTones,
  runStatusLabels,
  runStatusTones,
} from "./labels";

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={runStatusTones[status] ?? "neutral"}>{runStatusLabels[status] ?? status}</Badge>;
}

export function AuthorizationStatusBadge({ status }: { status: AuthorizationStatus }) {
  return <Badge tone={authorizationStatusTones[status] ?? "neutral"}>{authorizationStatusLabels[status] ?? status}</Badge>;
}

export function HealthBadge({ state }: { state: HealthState }) {
  return <Badge tone={healthTones[state] ?? "neutral"}>{healthLabels[state] ?? state}</Badge>;
}

export function CaptureBadge({ enabled }: { enabled: boolean }) {
  return enabled ? <Badge tone="success">Capture enabled</Badge> : <Badge tone="neutral">Capture paused</Badge>;
}

/** "•••• 1234": the only part of a secret key the app ever shows. */
export function MaskedKey({ last4 }: { last4: string }) {
  return (
    <span className="font-mono text-sm whitespace-nowrap">
      <span className="sr-only">Key ending in </span>
      {`•••• ${last4}`}
    </span>
  );
}
