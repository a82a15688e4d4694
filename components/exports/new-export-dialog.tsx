"use client";
// "New export": a name and what to export. From the exports page it is a search query (validated with
// the search parser as you submit, the problem shown under the field); from the search or holds pages
// (ExportButton) the query, hold or selection is fixed and only the name is asked for.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { createExportSchema, type ExportParams, type ExportKindName, type CreateExportForm } from "@/lib/exports/schemas";
import { SEARCH_SORTS } from "@/lib/search/schemas";
import type { SearchSort } from "@/lib/search/types";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useCreateExport } from "@/lib/hooks/use-exports-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { describeSource, kindLabels } from "./format";

export type ExportTarget =
  | { kind: "SEARCH"; params: { query: string; sort?: SearchSort } }
  | { kind: "HOLD"; params: { holdId: string } }
  | { kind: "SELECTION"; params: { items: { itemType: string; itemId: string }[] } };

const sortLabels: Record<SearchSort, string> = { relevance: "Relevance", newest: "Newest first", oldest: "Oldest first" };

function defaultNameFor(target: ExportTarget | undefined): string {
  const day = new Date().toISOString().slice(0, 10);
  if (!target) return `Export ${day}`;
  if (target.kind === "SEARCH") return `Search “${target.params.query.slice(0, 60)}” ${day}`;
  return `${kindLabels[target.kind]} export ${day}`;
}

export function NewExportDialog({
  open,
  onClose,
  target,
  defaultName,
}: {
  open: boolean;
  onClose: () => void;
  /** Fixed contents (from the search or holds page); omitted: the user types a search query. */
  target?: ExportTarget;
  defaultName?: string;
}) {
  const create = useCreateExport();
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title="New export"
      description="A ZIP with the records (JSONL), a readable page per conversation, native files, a metadata CSV and a manifest of SHA-256 hashes. It is built in the background and can be downloaded for a limited time."
      dismissible={!create.isPending}
    >
      <NewExportForm target={target} defaultName={defaultName ?? defaultNameFor(target)} create={create} onDone={close} />
    </Dialog>
  );
}

type FieldErrors = { name?: string; query?: string; form?: string };

function NewExportForm({ target, defaultName, create, onDone }: { target?: ExportTarget; defaultName: string; create: ReturnType<typeof useCreateExport>; onDone: () => void }) {
  const { toast } = useToast();
  const [name, setName] = useState(defaultName);
  const [query, setQuery] = useState(target?.kind === "SEARCH" ? target.params.query : "");
  const [sort, setSort] = useState<SearchSort>(target?.kind === "SEARCH" ? (target.params.sort ?? "relevance") : "relevance");
  const [errors, setErrors] = useState<FieldErrors>({});
  const editableQuery = !target || target.kind === "SEARCH";

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const kind: ExportKindName = target?.kind ?? "SEARCH";
    const params: unknown = kind === "SEARCH" ? { query, sort } : target!.params;
    const parsed = createExportSchema.safeParse({ name, kind, params } as CreateExportForm);
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === "name" ? "name" : issue.path[0] === "params" && issue.path[1] === "query" ? "query" : "form";
        next[key] ??= issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: ({ export: created }) => {
        toast({ tone: "success", title: `Export “${created.name}” queued`, description: "Its progress is shown under Exports; download it there when it is ready." });
        onDone();
      },
      onError: (err) => {
        const message = getErrorMessage(err);
        if (editableQuery && /query/i.test(message)) setErrors({ query: message });
      },
    });
  }

  const paramsSummary = target && target.kind !== "SEARCH" ? describeSource({ kind: target.kind, params: target.params as ExportParams }) : null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Input label="Name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} data-autofocus="" />
      {editableQuery ? (
        <>
          <Input
            label="Search query"
            description="Every match is exported, with the whole conversation of each matching message or file."
            required
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              if (errors.query) setErrors((x) => ({ ...x, query: undefined }));
            }}
            error={errors.query}
            className="font-mono"
            spellCheck={false}
          />
          <Select label="Order" value={sort} onChange={(e) => setSort(e.target.value as SearchSort)} options={SEARCH_SORTS.map((s) => ({ value: s, label: sortLabels[s] }))} />
        </>
      ) : (
        <div className="rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200 ring-inset">
          <p className="text-xs font-medium text-slate-500">{target ? kindLabels[target.kind] : ""}</p>
          <p className="break-all text-slate-900">{paramsSummary}</p>
        </div>
      )}
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      {create.isError && !errors.query && <Alert tone="error">{getErrorMessage(create.error)}</Alert>}
      <p className="text-xs text-slate-500">
        Exports are audited. See all of yours on the{" "}
        <Link href="/exports" className="font-medium text-accent-700 underline">
          Exports
        </Link>{" "}
        page.
      </p>
      <DialogFooter>
        <Button variant="secondary" onClick={onDone} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={create.isPending}>
          Start export
        </Button>
      </DialogFooter>
    </form>
  );
}
