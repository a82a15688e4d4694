"use client";
// The tag catalogue: admins create, rename, recolour, describe and delete the tags reviewers apply.
// Renames and deletes reach every tagged item (and the search index); a delete says how many items lose
// the tag before it happens. Others see the catalogue read-only.
import { useState, type FormEvent } from "react";
import { getErrorMessage, isApiError } from "@/lib/hooks/fetch-json";
import { useDeleteTag, useSaveTag, useTags, type TagInput, type TagView } from "@/lib/hooks/use-review-query";
import { EmptyState } from "@/components/shell/empty-state";
import { LoadError, Loading } from "@/components/shell/query-states";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

const DEFAULT_COLOR = "#64748b";
type Editing = { tag: TagView | null } | null;

export function TagsPanel({ canWrite }: { canWrite: boolean }) {
  const tags = useTags();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<TagView | null>(null);

  if (tags.isPending) return <Loading>Loading tags…</Loading>;
  if (tags.isError) return <LoadError title="Could not load tags" error={tags.error} onRetry={() => void tags.refetch()} />;
  return (
    <div className="space-y-4">
      {canWrite && (
        <div>
          <Button onClick={() => setEditing({ tag: null })}>New tag</Button>
        </div>
      )}
      {tags.data.length === 0 ? (
        <EmptyState title="No tags yet">{canWrite ? "Create the tags reviewers use to mark items, such as “Privileged” or “Needs follow-up”." : "An admin defines the tags reviewers use."}</EmptyState>
      ) : (
        <Table caption="Tags">
          <THead>
            <Tr>
              <Th>Tag</Th>
              <Th>Description</Th>
              <Th className="text-right">Items tagged</Th>
              {canWrite && <Th className="text-right">Actions</Th>}
            </Tr>
          </THead>
          <TBody>
            {tags.data.map((t) => (
              <Tr key={t.id}>
                <Td>
                  <span className="inline-flex items-center gap-2 font-medium text-slate-900">
                    <span aria-hidden="true" className="size-3 rounded-full ring-1 ring-slate-300" style={{ backgroundColor: t.color }} />
                    {t.name}
                  </span>
                  <span className="sr-only"> (colour {t.color})</span>
                </Td>
                <Td className="max-w-md break-words text-slate-600">{t.description ?? "—"}</Td>
                <Td className="text-right tabular-nums">{t.usageCount.toLocaleString("en-US")}</Td>
                {canWrite && (
                  <Td className="text-right whitespace-nowrap">
                    <Button size="sm" variant="secondary" onClick={() => setEditing({ tag: t })} aria-label={`Edit tag ${t.name}`}>
                      Edit
                    </Button>{" "}
                    <Button size="sm" variant="danger" onClick={() => setDeleting(t)} aria-label={`Delete tag ${t.name}`}>
                      Delete
                    </Button>
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing?.tag ? "Edit tag" : "New tag"} size="sm">
        {editing && <TagForm tag={editing.tag} onDone={() => setEditing(null)} />}
      </Dialog>
      <DeleteTagDialog tag={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}

function TagForm({ tag, onDone }: { tag: TagView | null; onDone: () => void }) {
  const save = useSaveTag();
  const { toast } = useToast();
  const [name, setName] = useState(tag?.name ?? "");
  const [color, setColor] = useState(tag?.color ?? DEFAULT_COLOR);
  const [description, setDescription] = useState(tag?.description ?? "");
  const [nameError, setNameError] = useState<string | null>(null);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setNameError("Name is required");
    if (trimmed.includes('"')) return setNameError("Tag names cannot contain double quotes");
    setNameError(null);
    const input: TagInput = { name: trimmed, color, description: description.trim() || null };
    save.mutate(
      { id: tag?.id ?? null, input },
      {
        onSuccess: () => {
          toast({ tone: "success", title: tag ? `Tag “${trimmed}” saved` : `Tag “${trimmed}” created` });
          onDone();
        },
        onError: (err) => {
          if (isApiError(err) && err.status === 409) setNameError(getErrorMessage(err));
        },
      },
    );
  }

  const formError = save.isError && !(isApiError(save.error) && save.error.status === 409) ? getErrorMessage(save.error) : null;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Input label="Name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} error={nameError} required data-autofocus />
      <Input label="Colour" type="color" value={color} onChange={(e) => setColor(e.target.value)} className="w-24" />
      <Input label="Description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} description="Optional: when reviewers should use it." />
      {formError && <Alert tone="error">{formError}</Alert>}
      <DialogFooter>
        <Button variant="secondary" onClick={onDone} disabled={save.isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={save.isPending}>
          {tag ? "Save tag" : "Create tag"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function DeleteTagDialog({ tag, onClose }: { tag: TagView | null; onClose: () => void }) {
  const remove = useDeleteTag();
  const { toast } = useToast();
  return (
    <Dialog open={tag !== null} onClose={onClose} title="Delete tag" dismissible={!remove.isPending} size="sm">
      {tag && (
        <div className="space-y-4 text-sm">
          <p>
            Delete <strong>{tag.name}</strong>?{" "}
            {tag.usageCount > 0
              ? `It is removed from ${tag.usageCount.toLocaleString("en-US")} item${tag.usageCount === 1 ? "" : "s"}.`
              : "No items carry it."}{" "}
            The audit log keeps a record of the tag and of the deletion.
          </p>
          {remove.isError && <Alert tone="error">{getErrorMessage(remove.error)}</Alert>}
          <DialogFooter>
            <Button variant="secondary" onClick={onClose} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button
              variant="danger"
              isLoading={remove.isPending}
              onClick={() =>
                remove.mutate(tag.id, {
                  onSuccess: () => {
                    toast({ tone: "success", title: `Tag “${tag.name}” deleted` });
                    onClose();
                  },
                })
              }
            >
              Delete tag
            </Button>
          </DialogFooter>
        </div>
      )}
    </Dialog>
  );
}
