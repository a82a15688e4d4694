"use client";
// Review actions on many search results at once: tag (add or remove), flag with a reason, set status
// and/or assignee. Each applies either to the selected items themselves or to what contains them (a
// message's or file's conversation, a GPT configuration version's GPT), since reviewers usually mark the
// whole conversation a hit belongs to. One request per action, at most 500 items (the API's limit).
import { useState, type FormEvent } from "react";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useBulkReview, useReviewers, useTags, type BulkAction, type ItemRef, type ReviewStateValue } from "@/lib/hooks/use-review-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { FlagForm } from "./review-panel";
import { STATUS_OPTIONS } from "./status-labels";

/** A selected item and the item containing it (null when it stands alone, like a memory). */
export type BulkTarget = { item: ItemRef; container: ItemRef | null };

const MAX_ITEMS = 500;
type Scope = "items" | "containers";
type Kind = BulkAction["kind"];

const refKey = (r: ItemRef) => `${r.itemType}:${r.itemId}`;

function refsFor(targets: readonly BulkTarget[], scope: Scope): ItemRef[] {
  const seen = new Map<string, ItemRef>();
  for (const t of targets) {
    const ref = scope === "containers" ? (t.container ?? t.item) : t.item;
    seen.set(refKey(ref), ref);
  }
  return [...seen.values()];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function BulkReviewActions({ targets, viewerId }: { targets: readonly BulkTarget[]; viewerId: string }) {
  const [open, setOpen] = useState<Kind | null>(null);
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen("tag")}>
        Tag…
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setOpen("flag")}>
        Flag…
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setOpen("status")}>
        Status / assign…
      </Button>
      {open && <BulkDialog kind={open} targets={targets} viewerId={viewerId} onClose={() => setOpen(null)} />}
    </>
  );
}

const TITLES: Record<Kind, string> = { tag: "Tag selected items", flag: "Flag selected items", status: "Set review status or assignee" };

function BulkDialog({ kind, targets, viewerId, onClose }: { kind: Kind; targets: readonly BulkTarget[]; viewerId: string; onClose: () => void }) {
  const bulk = useBulkReview();
  const { toast } = useToast();
  const hasContainers = targets.some((t) => t.container);
  const [scope, setScope] = useState<Scope>(hasContainers ? "containers" : "items");
  const refs = refsFor(targets, scope);
  const tooMany = refs.length > MAX_ITEMS;
  const error = tooMany ? `At most ${MAX_ITEMS} items at a time; ${refs.length.toLocaleString("en-US")} are selected.` : bulk.isError ? getErrorMessage(bulk.error) : null;

  function run(action: BulkAction, done: string) {
    if (tooMany) return;
    bulk.mutate(
      { items: refs, action },
      {
        onSuccess: () => {
          toast({ tone: "success", title: `${done} ${plural(refs.length, scope === "containers" ? "item" : "selected item")}` });
          onClose();
        },
      },
    );
  }

  return (
    <Dialog open onClose={onClose} title={TITLES[kind]} dismissible={!bulk.isPending} size="sm">
      <div className="space-y-4">
        {hasContainers && (
          <fieldset className="space-y-1 text-sm">
            <legend className="font-medium text-slate-800">Apply to</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="bulk-scope" checked={scope === "containers"} onChange={() => setScope("containers")} />
              Their conversations and GPTs ({plural(refsFor(targets, "containers").length, "item")})
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="bulk-scope" checked={scope === "items"} onChange={() => setScope("items")} />
              The selected results themselves ({plural(refsFor(targets, "items").length, "item")})
            </label>
          </fieldset>
        )}
        {kind === "tag" && <TagForm isPending={bulk.isPending} error={error} onCancel={onClose} onSubmit={(a) => run(a, a.action === "add" ? "Tagged" : "Untagged")} />}
        {kind === "flag" && (
          <FlagForm isPending={bulk.isPending} error={error} onCancel={onClose} submitLabel={`Flag ${plural(refs.length, "item")}`} onSubmit={(reason) => run({ kind: "flag", reason }, "Flagged")} />
        )}
        {kind === "status" && <StatusForm isPending={bulk.isPending} error={error} viewerId={viewerId} onCancel={onClose} onSubmit={(a) => run(a, "Updated")} />}
      </div>
    </Dialog>
  );
}

type FormProps<A> = { isPending: boolean; error: string | null; onCancel: () => void; onSubmit: (action: A) => void };

function Footer({ isPending, onCancel, label }: { isPending: boolean; onCancel: () => void; label: string }) {
  return (
    <DialogFooter>
      <Button variant="secondary" onClick={onCancel} disabled={isPending}>
        Cancel
      </Button>
      <Button type="submit" isLoading={isPending}>
        {label}
      </Button>
    </DialogFooter>
  );
}

function TagForm({ isPending, error, onCancel, onSubmit }: FormProps<Extract<BulkAction, { kind: "tag" }>>) {
  const tags = useTags();
  const [tagId, setTagId] = useState("");
  const [action, setAction] = useState<"add" | "remove">("add");
  const [invalid, setInvalid] = useState<string | null>(null);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!tagId) return setInvalid("Choose a tag");
    setInvalid(null);
    onSubmit({ kind: "tag", tagId, action });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Select label="Tag" value={tagId} onChange={(e) => setTagId(e.target.value)} error={invalid} disabled={tags.isPending} data-autofocus>
        <option value="">{tags.isPending ? "Loading tags…" : tags.data?.length ? "Choose a tag…" : "No tags defined (Admin → Tags)"}</option>
        {tags.data?.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Select>
      <Select
        label="Action"
        value={action}
        onChange={(e) => setAction(e.target.value as "add" | "remove")}
        options={[
          { value: "add", label: "Add the tag" },
          { value: "remove", label: "Remove the tag" },
        ]}
      />
      {tags.isError && <Alert tone="error">Could not load tags: {getErrorMessage(tags.error)}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <Footer isPending={isPending} onCancel={onCancel} label={action === "add" ? "Add tag" : "Remove tag"} />
    </form>
  );
}

const KEEP = "__keep__";

function StatusForm({ isPending, error, viewerId, onCancel, onSubmit }: FormProps<Extract<BulkAction, { kind: "status" }>> & { viewerId: string }) {
  const reviewers = useReviewers();
  const [status, setStatus] = useState<string>(KEEP);
  const [assignee, setAssignee] = useState<string>(KEEP);
  const [invalid, setInvalid] = useState<string | null>(null);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (status === KEEP && assignee === KEEP) return setInvalid("Choose a status, an assignee, or both");
    setInvalid(null);
    onSubmit({
      kind: "status",
      ...(status !== KEEP ? { status: status as ReviewStateValue } : {}),
      ...(assignee !== KEEP ? { assigneeId: assignee || null } : {}),
    });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Select label="Review status" value={status} onChange={(e) => setStatus(e.target.value)} error={invalid} data-autofocus>
        <option value={KEEP}>Keep each item&apos;s status</option>
        {STATUS_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
      <Select label="Assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} disabled={reviewers.isPending}>
        <option value={KEEP}>Keep each item&apos;s assignee</option>
        <option value="">Unassigned</option>
        {reviewers.data?.map((r) => (
          <option key={r.id} value={r.id}>
            {r.id === viewerId ? `${r.name} (me)` : r.name}
          </option>
        ))}
      </Select>
      {error && <Alert tone="error">{error}</Alert>}
      <Footer isPending={isPending} onCancel={onCancel} label="Apply" />
    </form>
  );
}
