"use client";
// Saved searches: the viewer's own, then those others shared. Choosing one reruns it (navigates to its
// query and records the run); owners rename, requery, share or delete theirs from its menu.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { savedSearchNameSchema, type SavedSearchView } from "@/lib/search/schemas";
import type { SearchSort } from "@/lib/search/types";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useDeleteSavedSearch, useMarkSavedSearchRun, useSavedSearches, useUpdateSavedSearch } from "@/lib/hooks/use-search-query";
import { LoadError } from "@/components/shell/query-states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Dropdown, type DropdownItem } from "@/components/ui/dropdown";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { searchHref } from "./hit-format";

type Pending = { kind: "rename" | "delete"; search: SavedSearchView } | null;

export function SavedSearchesPanel({ current }: { current: { query: string; sort: SearchSort } | null }) {
  const saved = useSavedSearches();
  const markRun = useMarkSavedSearchRun();
  const update = useUpdateSavedSearch();
  const { toast } = useToast();
  const [pending, setPending] = useState<Pending>(null);

  function change(search: SavedSearchView, input: { query?: string; sort?: SearchSort; shared?: boolean }, done: string) {
    update.mutate(
      { id: search.id, ...input },
      {
        onSuccess: () => toast({ tone: "success", title: done }),
        onError: (err) => toast({ tone: "error", title: `Could not update “${search.name}”`, description: getErrorMessage(err) }),
      },
    );
  }

  function menuItems(search: SavedSearchView): DropdownItem[] {
    const items: DropdownItem[] = [];
    if (search.mine) {
      items.push({ key: "rename", label: "Rename…", onSelect: () => setPending({ kind: "rename", search }) });
      const isCurrent = current !== null && current.query === search.query && current.sort === search.sort;
      items.push({
        key: "requery",
        label: "Replace with current search",
        disabled: current === null || isCurrent,
        onSelect: () => current && change(search, { query: current.query, sort: current.sort }, `“${search.name}” now runs the current search`),
      });
      items.push({
        key: "share",
        label: search.shared ? "Stop sharing" : "Share with everyone",
        onSelect: () => change(search, { shared: !search.shared }, search.shared ? `“${search.name}” is private` : `“${search.name}” is shared`),
      });
    }
    if (search.canDelete) items.push({ key: "delete", label: "Delete…", tone: "danger", onSelect: () => setPending({ kind: "delete", search }) });
    return items;
  }

  const mine = saved.data?.filter((s) => s.mine) ?? [];
  const shared = saved.data?.filter((s) => !s.mine) ?? [];

  return (
    <section aria-labelledby="saved-searches-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="saved-searches-title" className="text-sm font-semibold text-slate-900">
        Saved searches
      </h2>
      {saved.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : saved.isError ? (
        <LoadError title="Could not load saved searches" error={saved.error} onRetry={() => void saved.refetch()} />
      ) : saved.data.length === 0 ? (
        <p className="text-sm text-slate-500">None yet. Run a search, then choose Save search.</p>
      ) : (
        <>
          <SavedList label="Mine" searches={mine} menuItems={menuItems} onRun={(s) => markRun.mutate(s.id)} />
          <SavedList label="Shared by others" searches={shared} menuItems={menuItems} onRun={(s) => markRun.mutate(s.id)} />
        </>
      )}
      <RenameDialog search={pending?.kind === "rename" ? pending.search : null} onClose={() => setPending(null)} />
      <DeleteDialog search={pending?.kind === "delete" ? pending.search : null} onClose={() => setPending(null)} />
    </section>
  );
}

function SavedList({
  label,
  searches,
  menuItems,
  onRun,
}: {
  label: string;
  searches: SavedSearchView[];
  menuItems: (s: SavedSearchView) => DropdownItem[];
  onRun: (s: SavedSearchView) => void;
}) {
  if (searches.length === 0) return null;
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</h3>
      <ul aria-label={label} className="space-y-1">
        {searches.map((s) => {
          const items = menuItems(s);
          return (
            <li key={s.id} className="flex items-start gap-1">
              <div className="min-w-0 flex-1">
                <Link
                  href={searchHref(s.query, s.sort)}
                  onClick={() => onRun(s)}
                  className="block truncate rounded text-sm font-medium text-accent-700 hover:underline"
                  title={s.query}
                >
                  {s.name}
                </Link>
                <p className="truncate text-xs text-slate-500">
                  {s.mine ? (s.shared ? <Badge tone="accent">Shared</Badge> : s.query) : `by ${s.owner.name || s.owner.email}`}
                </p>
              </div>
              {items.length > 0 && (
                <Dropdown trigger={<span aria-hidden="true">⋯</span>} triggerLabel={`Actions for ${s.name}`} items={items} size="sm" />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function RenameDialog({ search, onClose }: { search: SavedSearchView | null; onClose: () => void }) {
  const update = useUpdateSavedSearch();
  const close = () => {
    update.reset();
    onClose();
  };
  return (
    <Dialog open={search !== null} onClose={close} title="Rename saved search" dismissible={!update.isPending} size="sm">
      {search && <RenameForm search={search} update={update} onDone={close} />}
    </Dialog>
  );
}

function RenameForm({ search, update, onDone }: { search: SavedSearchView; update: ReturnType<typeof useUpdateSavedSearch>; onDone: () => void }) {
  const [name, setName] = useState(search.name);
  const [error, setError] = useState<string | null>(null);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = savedSearchNameSchema.safeParse(name);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Invalid name");
    setError(null);
    if (parsed.data === search.name) return onDone();
    update.mutate({ id: search.id, name: parsed.data }, { onSuccess: onDone });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Input label="Name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} error={error} data-autofocus="" />
      {update.isError && <Alert tone="error">{getErrorMessage(update.error)}</Alert>}
      <DialogFooter>
        <Button variant="secondary" onClick={onDone} disabled={update.isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={update.isPending}>
          Rename
        </Button>
      </DialogFooter>
    </form>
  );
}

function DeleteDialog({ search, onClose }: { search: SavedSearchView | null; onClose: () => void }) {
  const remove = useDeleteSavedSearch();
  const { toast } = useToast();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Dialog open={search !== null} onClose={close} title="Delete saved search" dismissible={!remove.isPending} size="sm">
      {search && (
        <>
          <p className="text-sm text-slate-700">
            Delete “{search.name}”{search.mine ? "" : ` (saved by ${search.owner.name || search.owner.email})`}? {search.shared && "Nobody will see it any more. "}
            This cannot be undone.
          </p>
          {remove.isError && <Alert tone="error" className="mt-3">{getErrorMessage(remove.error)}</Alert>}
          <DialogFooter>
            <Button variant="secondary" onClick={close} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button
              variant="danger"
              isLoading={remove.isPending}
              onClick={() =>
                remove.mutate(search.id, {
                  onSuccess: () => {
                    toast({ tone: "success", title: `Deleted “${search.name}”` });
                    close();
                  },
                })
              }
            >
              Delete
            </Button>
          </DialogFooter>
        </>
      )}
    </Dialog>
  );
}
