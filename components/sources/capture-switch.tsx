"use client";
// The "Capture Enabled" switch: pauses or resumes scheduled and manual syncs for one source. Shows the
// requested state while the PATCH is in flight and falls back to the server's state if it fails.
import { useId } from "react";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useUpdateSource, type SourceSummary } from "@/lib/hooks/use-sources-query";
import { cn } from "@/components/ui/cn";
import { useToast } from "@/components/ui/toast";

export function CaptureSwitch({ source }: { source: SourceSummary }) {
  const labelId = useId();
  const descriptionId = useId();
  const { toast } = useToast();
  const updateSource = useUpdateSource();
  const checked = updateSource.isPending && updateSource.variables?.captureEnabled !== undefined ? updateSource.variables.captureEnabled : source.captureEnabled;

  function onToggle() {
    const next = !checked;
    updateSource.mutate(
      { id: source.id, captureEnabled: next },
      {
        onSuccess: ({ source: updated }) =>
          toast({
            tone: "success",
            title: updated.captureEnabled ? "Capture enabled" : "Capture paused",
            description: updated.captureEnabled
              ? `${updated.name} syncs on schedule again.`
              : `No syncs run for ${updated.name} until capture is enabled again. Archived data is kept.`,
          }),
        onError: (err) => toast({ tone: "error", title: "Could not change capture", description: getErrorMessage(err) }),
      },
    );
  }

  return (
    <div className="flex items-start gap-3">
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-labelledby={labelId}
        aria-describedby={descriptionId}
        aria-busy={updateSource.isPending || undefined}
        disabled={updateSource.isPending}
        onClick={onToggle}
        className={cn(
          "relative mt-0.5 inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full transition-colors",
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600 disabled:cursor-wait disabled:opacity-70",
          checked ? "bg-accent-600" : "bg-slate-300",
        )}
      >
        <span
          aria-hidden="true"
          className={cn("inline-block size-5 rounded-full bg-white shadow ring-1 ring-slate-900/10 transition-transform", checked ? "translate-x-5.5" : "translate-x-0.5")}
        />
      </button>
      <div className="text-sm">
        <span id={labelId} className="font-medium text-slate-900">
          Capture Enabled
        </span>
        <p id={descriptionId} className="text-slate-600">
          {checked ? "Syncs run on schedule and on demand." : "Paused: no syncs run. Archived data is kept."}
        </p>
      </div>
    </div>
  );
}
