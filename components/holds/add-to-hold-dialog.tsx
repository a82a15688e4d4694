"use client";
// "Add to hold": adds chosen archive items as explicit items of a draft or active hold. For the search
// selection bar (the selected hits) and item pages. Messages and files of a conversation are held with their
// whole conversation; GPT configurations with their GPT. Render it only for callers with hold:write.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { MAX_HOLD_ITEMS_PER_CALL, type HoldItemRef } from "@/lib/governance/hold-schemas";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useChangeHoldItems, useHolds } from "@/lib/hooks/use-holds-query";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { HOLD_STATUS_LABELS } from "./hold-labels";

export function AddToHoldDialog({ open, onClose, items, onAdded }: { open: boolean; onClose: () => void; items: readonly HoldItemRef[]; onAdded?: () => void }) {
  const change = useChangeHoldItems();
  const close = () => {
    change.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title="Add to legal hold" description={`${items.length.toLocaleString("en-US")} item(s) selected.`} dismissible={!change.isPending}>
      <AddToHoldForm items={items} change={change} onDone={close} onAdded={onAdded} />
    </Dialog>
  );
}

function AddToHoldForm({ items, change, onDone, onAdded }: { items: readonly HoldItemRef[]; change: ReturnType<typeof useChangeHoldItems>; onDone: () => void; onAdded?: () => void }) {
  const holds = useHolds("OPEN");
  const { toast } = useToast();
  const [holdId, setHoldId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const options = holds.data ?? [];
  const tooMany = items.length > MAX_HOLD_ITEMS_PER_CALL;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!holdId) return setError("Choose a hold");
    setError(null);
    const hold = options.find((h) => h.id === holdId);
    change.mutate(
      { holdId, action: "add", items: [...items] },
      {
        onSuccess: ({ result }) => {
          toast({
            tone: "success",
            title: `Added to “${hold?.name ?? "hold"}”`,
            description:
              result.changed === 0
                ? "Everything selected was already an explicit item of this hold."
                : `${result.changed.toLocaleString("en-US")} item(s) added${result.units < result.requested ? ` (${result.requested} selected, held as ${result.units} conversation/GPT/item units)` : ""}.`,
          });
          onAdded?.();
          onDone();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {holds.isPending ? (
        <p className="text-sm text-slate-500">Loading holds…</p>
      ) : holds.isError ? (
        <Alert tone="error">{getErrorMessage(holds.error)}</Alert>
      ) : options.length === 0 ? (
        <Alert tone="info">
          There is no draft or active hold. <Link href="/holds/new" className="font-medium underline">Create one</Link>, then add items to it.
        </Alert>
      ) : (
        <Select
          label="Hold"
          value={holdId}
          onChange={(e) => setHoldId(e.target.value)}
          error={error}
          data-autofocus=""
          options={[{ value: "", label: "Choose a hold…" }, ...options.map((h) => ({ value: h.id, label: `${h.name}${h.matter ? ` — ${h.matter}` : ""} (${HOLD_STATUS_LABELS[h.status]})` }))]}
          description="Items added to an active hold are preserved at once; in a draft, from its activation."
        />
      )}
      {tooMany && <Alert tone="warning">At most {MAX_HOLD_ITEMS_PER_CALL} items can be added at a time; select fewer.</Alert>}
      {change.isError && <Alert tone="error">{getErrorMessage(change.error)}</Alert>}
      <DialogFooter>
        <Button variant="secondary" onClick={onDone} disabled={change.isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={change.isPending} disabled={tooMany || options.length === 0 || items.length === 0}>
          Add to hold
        </Button>
      </DialogFooter>
    </form>
  );
}

/** A button that opens AddToHoldDialog for fixed items (e.g. on an item page). */
export function AddToHoldButton({ items, children = "Add to hold", ...button }: { items: readonly HoldItemRef[] } & Omit<ButtonProps, "onClick">) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" {...button} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <AddToHoldDialog open={open} onClose={() => setOpen(false)} items={items} />
    </>
  );
}
