"use client";
// "Save search": a name and whether to share it, for the query and sort currently applied.
import { useState, type FormEvent } from "react";
import { createSavedSearchSchema } from "@/lib/search/schemas";
import type { SearchSort } from "@/lib/search/types";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useCreateSavedSearch } from "@/lib/hooks/use-search-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { sortLabels } from "./hit-format";

export function SaveSearchDialog({ open, onClose, query, sort }: { open: boolean; onClose: () => void; query: string; sort: SearchSort }) {
  const create = useCreateSavedSearch();
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title="Save search" description="Rerun this search later from Saved searches." dismissible={!create.isPending}>
      <SaveSearchForm query={query} sort={sort} onDone={close} create={create} />
    </Dialog>
  );
}

function SaveSearchForm({
  query,
  sort,
  onDone,
  create,
}: {
  query: string;
  sort: SearchSort;
  onDone: () => void;
  create: ReturnType<typeof useCreateSavedSearch>;
}) {
  const { toast } = useToast();
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = createSavedSearchSchema.safeParse({ name, query, sort, shared });
    if (!parsed.success) {
      setNameError(parsed.error.issues.find((i) => i.path[0] === "name")?.message ?? parsed.error.issues[0]?.message ?? "Check the form");
      return;
    }
    setNameError(null);
    create.mutate(parsed.data, {
      onSuccess: ({ savedSearch }) => {
        toast({ tone: "success", title: `Saved search “${savedSearch.name}”`, description: savedSearch.shared ? "Shared with everyone who can search." : undefined });
        onDone();
      },
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200 ring-inset">
        <p className="text-xs font-medium text-slate-500">Query</p>
        <p className="font-mono break-all text-slate-900">{query}</p>
        <p className="mt-1 text-xs text-slate-500">Sorted by {sortLabels[sort].toLowerCase()}</p>
      </div>
      <Input label="Name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} error={nameError} data-autofocus="" />
      <Checkbox
        label="Share with everyone"
        description="Everyone who can search sees it under Shared searches; only you can change it."
        checked={shared}
        onChange={(e) => setShared(e.target.checked)}
      />
      {create.isError && <Alert tone="error">{getErrorMessage(create.error)}</Alert>}
      <DialogFooter>
        <Button variant="secondary" onClick={onDone} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={create.isPending}>
          Save
        </Button>
      </DialogFooter>
    </form>
  );
}
