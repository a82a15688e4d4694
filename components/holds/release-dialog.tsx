"use client";
// Releasing a hold ends its protection; the reason is required and goes into the hold and the audit log.
import { useState, type FormEvent } from "react";
import { releaseHoldSchema } from "@/lib/governance/hold-schemas";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useReleaseHold, type HoldView } from "@/lib/hooks/use-holds-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { fieldClasses } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

export function ReleaseHoldDialog({ hold, open, onClose }: { hold: HoldView; open: boolean; onClose: () => void }) {
  const release = useReleaseHold(hold.id);
  const close = () => {
    release.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title={`Release “${hold.name}”`} description="Its items stop being preserved by this hold (other active holds still apply)." dismissible={!release.isPending}>
      <ReleaseForm release={release} onDone={close} itemCount={hold.itemCount} />
    </Dialog>
  );
}

function ReleaseForm({ release, onDone, itemCount }: { release: ReturnType<typeof useReleaseHold>; onDone: () => void; itemCount: number }) {
  const { toast } = useToast();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = releaseHoldSchema.safeParse({ reason });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "A reason is required");
    setError(null);
    release.mutate(parsed.data.reason, {
      onSuccess: () => {
        toast({ tone: "success", title: "Hold released", description: `${itemCount.toLocaleString("en-US")} item(s) are no longer preserved by it.` });
        onDone();
      },
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="space-y-1">
        <label htmlFor="release-reason" className="block text-sm font-medium text-slate-800">
          Reason <span className="text-red-600" aria-hidden="true">*</span>
        </label>
        <textarea
          id="release-reason"
          rows={4}
          maxLength={2000}
          required
          data-autofocus=""
          className={fieldClasses}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "release-reason-error" : undefined}
          placeholder="e.g. Matter settled; counsel approved release on …"
        />
        {error && (
          <p id="release-reason-error" className="text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
      {release.isError && <Alert tone="error">{getErrorMessage(release.error)}</Alert>}
      <DialogFooter>
        <Button variant="secondary" onClick={onDone} disabled={release.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" isLoading={release.isPending}>
          Release hold
        </Button>
      </DialogFooter>
    </form>
  );
}
