"use client";
// Review controls for one archive item: tags, flags, review status and threaded comments. Reviewers
// (canWrite) change them here; everyone else sees the same state with no controls. Comment bodies are
// user text and are rendered as plain text only (React escapes them; no markdown, no HTML).
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import {
  useAddComment,
  useApplyTag,
  useEditComment,
  useFlagItem,
  useItemComments,
  useItemReview,
  useResolveFlag,
  useReviewers,
  useSetReviewStatus,
  useTags,
  type CommentThread,
  type CommentView,
  type FlagView,
  type ItemRef,
  type ItemReview,
  type ReviewItemType,
  type StatusChange,
  type ReviewStateValue,
} from "@/lib/hooks/use-review-query";
import { LoadError, Loading } from "@/components/shell/query-states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { fieldClasses } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import { STATUS_LABELS, STATUS_OPTIONS, STATUS_TONES } from "./status-labels";


const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
function formatTime(iso: string): string {
  return dateFormat.format(new Date(iso));
}

function Time({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatTime(iso)}</time>;
}

/** viewerId: the signed-in user, whose own comments get an Edit button (the server checks authorship too). */
type Props = { itemType: ReviewItemType; itemId: string; canWrite: boolean; viewerId: string };

export function ReviewPanel({ itemType, itemId, canWrite, viewerId }: Props) {
  const ref: ItemRef = { itemType, itemId };
  const review = useItemReview(ref);
  // Pages may show several panels (a conversation's and one message's): headings need their own ids.
  const titleId = useId();

  return (
    <section aria-labelledby={titleId} className="mb-6 space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={titleId} className="text-sm font-semibold text-slate-900">
        Review
      </h2>
      {review.isPending ? (
        <Loading>Loading review…</Loading>
      ) : review.isError ? (
        <LoadError title="Could not load the review" error={review.error} onRetry={() => void review.refetch()} />
      ) : (
        <>
          <div className="grid gap-4 md:grid-cols-2">
            <TagsSection itemRef={ref} tags={review.data.tags} canWrite={canWrite} />
            <StatusSection itemRef={ref} status={review.data.status} canWrite={canWrite} viewerId={viewerId} />
          </div>
          <FlagsSection itemRef={ref} flags={review.data.flags.open} canWrite={canWrite} />
          <CommentsSection itemRef={ref} canWrite={canWrite} currentUserId={viewerId} />
        </>
      )}
    </section>
  );
}

// ---- tags -------------------------------------------------------------------------------------------------

function TagChip({ name, color, onRemove, isRemoving }: { name: string; color: string; onRemove?: () => void; isRemoving?: boolean }) {
  return (
    <li className="inline-flex items-center gap-1 rounded-full bg-slate-50 py-0.5 pr-1 pl-2 text-xs font-medium text-slate-800 ring-1 ring-slate-300 ring-inset">
      <span aria-hidden="true" className="size-2.5 rounded-full" style={{ backgroundColor: color }} />
      <span>{name}</span>
      {onRemove && (
        <button
          type="button"
          onClick={onRemove}
          disabled={isRemoving}
          aria-label={`Remove tag ${name}`}
          className="rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-800 disabled:opacity-50"
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </li>
  );
}

function TagsSection({ itemRef, tags, canWrite }: { itemRef: ItemRef; tags: { id: string; name: string; color: string }[]; canWrite: boolean }) {
  const allTags = useTags({ enabled: canWrite });
  const apply = useApplyTag(itemRef);
  const { toast } = useToast();
  const applied = new Set(tags.map((t) => t.id));
  const available = allTags.data?.filter((t) => !applied.has(t.id)) ?? [];

  function change(tagId: string, name: string, action: "add" | "remove") {
    apply.mutate(
      { tagId, action },
      { onError: (err) => toast({ tone: "error", title: action === "add" ? `Could not add tag “${name}”` : `Could not remove tag “${name}”`, description: getErrorMessage(err) }) },
    );
  }

  return (
    <div className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Tags</h3>
      {tags.length === 0 ? (
        <p className="text-sm text-slate-500">No tags.</p>
      ) : (
        <ul aria-label="Tags" className="flex flex-wrap gap-1.5">
          {tags.map((t) => (
            <TagChip
              key={t.id}
              name={t.name}
              color={t.color}
              isRemoving={apply.isPending}
              onRemove={canWrite ? () => change(t.id, t.name, "remove") : undefined}
            />
          ))}
        </ul>
      )}
      {canWrite &&
        (allTags.isError ? (
          <LoadError title="Could not load tags" error={allTags.error} onRetry={() => void allTags.refetch()} />
        ) : (
          <Select
            label="Add tag"
            value=""
            disabled={allTags.isPending || apply.isPending || available.length === 0}
            onChange={(e) => {
              const tag = available.find((t) => t.id === e.target.value);
              if (tag) change(tag.id, tag.name, "add");
            }}
            className="max-w-xs"
          >
            <option value="">{allTags.isPending ? "Loading tags…" : available.length === 0 ? "No more tags" : "Choose a tag…"}</option>
            {available.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        ))}
    </div>
  );
}

// ---- status -----------------------------------------------------------------------------------------------

function StatusSection({ itemRef, status, canWrite, viewerId }: { itemRef: ItemRef; status: ItemReview["status"]; canWrite: boolean; viewerId: string }) {
  const setStatus = useSetReviewStatus(itemRef);
  const reviewers = useReviewers({ enabled: canWrite });
  const { toast } = useToast();
  const change = (value: StatusChange, what: string) =>
    setStatus.mutate(value, { onError: (err) => toast({ tone: "error", title: `Could not change the ${what}`, description: getErrorMessage(err) }) });
  const assignee = status.assignee;
  // The current assignee stays listed even if they can no longer review (role changed, disabled).
  const options = [...(reviewers.data ?? [])];
  if (assignee && !options.some((r) => r.id === assignee.id)) options.unshift(assignee);
  return (
    <div className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Status</h3>
      {canWrite ? (
        <div className="flex flex-wrap items-end gap-3">
          <Select
            label="Review status"
            value={status.status}
            disabled={setStatus.isPending}
            options={STATUS_OPTIONS}
            className="max-w-xs"
            onChange={(e) => change({ status: e.target.value as ReviewStateValue }, "review status")}
          />
          <Select
            label="Assignee"
            value={assignee?.id ?? ""}
            disabled={setStatus.isPending || reviewers.isPending}
            className="max-w-xs"
            onChange={(e) => change({ assigneeId: e.target.value || null }, "assignee")}
          >
            <option value="">Unassigned</option>
            {options.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id === viewerId ? `${r.name} (me)` : r.name}
              </option>
            ))}
          </Select>
        </div>
      ) : (
        <p className="text-sm">
          <span className="sr-only">Review status: </span>
          <Badge tone={STATUS_TONES[status.status]}>{STATUS_LABELS[status.status]}</Badge>
          {assignee && <span className="ml-2 text-slate-600">assigned to {assignee.name}</span>}
        </p>
      )}
      {status.updatedBy && status.updatedAt && (
        <p className="text-xs text-slate-500">
          Last changed by {status.updatedBy.name}, <Time iso={status.updatedAt} />
        </p>
      )}
    </div>
  );
}

// ---- flags ------------------------------------------------------------------------------------------------

function FlagsSection({ itemRef, flags, canWrite }: { itemRef: ItemRef; flags: FlagView[]; canWrite: boolean }) {
  const resolve = useResolveFlag(itemRef);
  const { toast } = useToast();
  const [isDialogOpen, setDialogOpen] = useState(false);

  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Open flags</h3>
        {canWrite && (
          <Button size="sm" variant="secondary" onClick={() => setDialogOpen(true)}>
            Flag
          </Button>
        )}
      </div>
      {flags.length === 0 ? (
        <p className="text-sm text-slate-500">No open flags.</p>
      ) : (
        <ul aria-label="Open flags" className="space-y-2">
          {flags.map((f) => (
            <li key={f.id} className="flex items-start gap-3 rounded-md bg-red-50 px-3 py-2 ring-1 ring-red-200 ring-inset">
              <div className="min-w-0 flex-1 text-sm">
                <p className="break-words whitespace-pre-wrap text-slate-900">{f.reason}</p>
                <p className="text-xs text-slate-600">
                  Flagged by {f.createdBy.name || f.createdBy.email} · <Time iso={f.createdAt} />
                </p>
              </div>
              {canWrite && (
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`Resolve flag: ${f.reason}`}
                  isLoading={resolve.isPending && resolve.variables === f.id}
                  onClick={() =>
                    resolve.mutate(f.id, {
                      onSuccess: () => toast({ tone: "success", title: "Flag resolved" }),
                      onError: (err) => toast({ tone: "error", title: "Could not resolve the flag", description: getErrorMessage(err) }),
                    })
                  }
                >
                  Resolve
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && <FlagDialog itemRef={itemRef} open={isDialogOpen} onClose={() => setDialogOpen(false)} />}
    </div>
  );
}

function FlagDialog({ itemRef, open, onClose }: { itemRef: ItemRef; open: boolean; onClose: () => void }) {
  const flag = useFlagItem(itemRef);
  const { toast } = useToast();
  const close = () => {
    flag.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title="Flag this item" description="Say why it needs attention. Reviewers see the reason." dismissible={!flag.isPending} size="sm">
      <FlagForm
        isPending={flag.isPending}
        error={flag.isError ? getErrorMessage(flag.error) : null}
        onCancel={close}
        onSubmit={(reason) =>
          flag.mutate(reason, {
            onSuccess: () => {
              toast({ tone: "success", title: "Item flagged" });
              close();
            },
          })
        }
      />
    </Dialog>
  );
}

export function FlagForm({
  isPending,
  error,
  onCancel,
  onSubmit,
  submitLabel = "Flag item",
}: {
  isPending: boolean;
  error: string | null;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
  submitLabel?: string;
}) {
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) return setInvalid("A reason is required");
    setInvalid(null);
    onSubmit(trimmed);
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextArea label="Reason" value={reason} onChange={setReason} maxLength={500} error={invalid} autoFocus />
      {error && <Alert tone="error">{error}</Alert>}
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel} disabled={isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={isPending}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}

// ---- comments ---------------------------------------------------------------------------------------------

function CommentsSection({ itemRef, canWrite, currentUserId }: { itemRef: ItemRef; canWrite: boolean; currentUserId: string }) {
  const comments = useItemComments(itemRef);

  return (
    <div className="space-y-3">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Comments</h3>
      {comments.isPending ? (
        <Loading>Loading comments…</Loading>
      ) : comments.isError ? (
        <LoadError title="Could not load comments" error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.data.length === 0 ? (
        <p className="text-sm text-slate-500">No comments yet.</p>
      ) : (
        <ol aria-label="Comments" className="space-y-3">
          {comments.data.map((thread) => (
            <ThreadItem key={thread.id} itemRef={itemRef} thread={thread} canWrite={canWrite} currentUserId={currentUserId} />
          ))}
        </ol>
      )}
      {canWrite && <NewCommentForm itemRef={itemRef} label="Add a comment" submitLabel="Add comment" />}
    </div>
  );
}

function ThreadItem({ itemRef, thread, canWrite, currentUserId }: { itemRef: ItemRef; thread: CommentThread; canWrite: boolean; currentUserId: string | null }) {
  const [isReplying, setReplying] = useState(false);
  return (
    <li className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset">
      <CommentBody itemRef={itemRef} comment={thread} canEdit={canWrite && thread.author.id === currentUserId}>
        {canWrite && !isReplying && (
          <Button size="sm" variant="ghost" onClick={() => setReplying(true)} aria-label={`Reply to ${thread.author.name || thread.author.email}`}>
            Reply
          </Button>
        )}
      </CommentBody>
      {(thread.replies.length > 0 || isReplying) && (
        <div className="mt-3 ml-4 space-y-3 border-l-2 border-slate-200 pl-3">
          {thread.replies.length > 0 && (
            <ol aria-label="Replies" className="space-y-3">
              {thread.replies.map((reply) => (
                <li key={reply.id}>
                  <CommentBody itemRef={itemRef} comment={reply} canEdit={canWrite && reply.author.id === currentUserId} />
                </li>
              ))}
            </ol>
          )}
          {isReplying && <NewCommentForm itemRef={itemRef} parentId={thread.id} label="Reply" submitLabel="Post reply" onDone={() => setReplying(false)} autoFocus />}
        </div>
      )}
    </li>
  );
}

function CommentBody({ itemRef, comment, canEdit, children }: { itemRef: ItemRef; comment: CommentView; canEdit: boolean; children?: ReactNode }) {
  const [isEditing, setEditing] = useState(false);
  return (
    <article aria-label={`Comment by ${comment.author.name || comment.author.email}`} className="text-sm">
      <p className="text-xs text-slate-600">
        <span className="font-medium text-slate-900">{comment.author.name || comment.author.email}</span> · <Time iso={comment.createdAt} />
        {comment.editedAt && (
          <span className="ml-1 text-slate-500" title={`Edited ${formatTime(comment.editedAt)}`}>
            (edited)
          </span>
        )}
      </p>
      {isEditing ? (
        <EditCommentForm itemRef={itemRef} comment={comment} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p className="mt-1 break-words whitespace-pre-wrap text-slate-800">{comment.body}</p>
          {(canEdit || children) && (
            <div className="mt-1 flex gap-1">
              {children}
              {canEdit && (
                <Button size="sm" variant="ghost" onClick={() => setEditing(true)} aria-label="Edit comment">
                  Edit
                </Button>
              )}
            </div>
          )}
        </>
      )}
    </article>
  );
}

function NewCommentForm({
  itemRef,
  parentId,
  label,
  submitLabel,
  onDone,
  autoFocus,
}: {
  itemRef: ItemRef;
  parentId?: string;
  label: string;
  submitLabel: string;
  onDone?: () => void;
  autoFocus?: boolean;
}) {
  const add = useAddComment(itemRef);
  const { toast } = useToast();
  const [body, setBody] = useState("");
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = body.trim();
    if (!trimmed) return;
    add.mutate(
      { body: trimmed, parentId },
      {
        onSuccess: () => {
          setBody("");
          onDone?.();
        },
        onError: (err) => toast({ tone: "error", title: "Could not post the comment", description: getErrorMessage(err) }),
      },
    );
  }
  return (
    <form onSubmit={submit} className="space-y-2">
      <TextArea label={label} value={body} onChange={setBody} maxLength={5000} autoFocus={autoFocus} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" isLoading={add.isPending} disabled={!body.trim()}>
          {submitLabel}
        </Button>
        {onDone && (
          <Button size="sm" variant="secondary" onClick={onDone} disabled={add.isPending}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

function EditCommentForm({ itemRef, comment, onDone }: { itemRef: ItemRef; comment: CommentView; onDone: () => void }) {
  const edit = useEditComment(itemRef);
  const { toast } = useToast();
  const [body, setBody] = useState(comment.body);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = body.trim();
    if (!trimmed) return;
    if (trimmed === comment.body) return onDone();
    edit.mutate(
      { id: comment.id, body: trimmed },
      {
        onSuccess: onDone,
        onError: (err) => toast({ tone: "error", title: "Could not save the comment", description: getErrorMessage(err) }),
      },
    );
  }
  return (
    <form onSubmit={submit} className="mt-1 space-y-2">
      <TextArea label="Edit comment" value={body} onChange={setBody} maxLength={5000} autoFocus />
      <div className="flex gap-2">
        <Button type="submit" size="sm" isLoading={edit.isPending} disabled={!body.trim()}>
          Save
        </Button>
        <Button size="sm" variant="secondary" onClick={onDone} disabled={edit.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

// A labelled <textarea> styled like the Input primitive (components/ui has no textarea yet).
function TextArea({
  label,
  value,
  onChange,
  maxLength,
  error,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  error?: string | null;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        value={value}
        maxLength={maxLength}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
        className={cn(fieldClasses, error && "ring-red-500")}
      />
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
