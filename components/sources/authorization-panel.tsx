"use client";
// The source's API-key authorization: create (the server tests the key before keeping it), replace, or
// delete (revokes the key; capture stops at once). The secret lives only in an uncontrolled password
// field inside the dialog, so it never becomes React state or a DOM attribute and is gone once the
// dialog closes; the API only ever returns its last four characters.
import { useState, type FormEvent } from "react";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useCreateAuthorization, useDeleteAuthorization, type AuthorizationSummary, type SourceSummary } from "@/lib/hooks/use-sources-query";
import { createAuthorizationSchema } from "@/lib/sources/schemas";
import { formatDateTime } from "@/components/admin/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { AuthorizationStatusBadge, MaskedKey } from "./status-badges";

export function AuthorizationPanel({ source, canWrite }: { source: SourceSummary; canWrite: boolean }) {
  const [isCreating, setIsCreating] = useState(false);
  const [isDeleting, setIsDeleting] = useState(false);
  const revoked = source.authorization?.status === "REVOKED" ? source.authorization : null;
  const auth = source.authorization && !revoked ? source.authorization : null;

  return (
    <section aria-labelledby="authorization-title" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="authorization-title" className="text-base font-semibold text-slate-900">
        Authorization
      </h2>
      {auth ? (
        <>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">Secret key</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <MaskedKey last4={auth.last4} />
              <AuthorizationStatusBadge status={auth.status} />
            </dd>
            <dt className="text-slate-500">Tested</dt>
            <dd>{auth.lastTestedAt ? formatDateTime(auth.lastTestedAt) : "Not tested yet"}</dd>
            {auth.lastTestMessage && (
              <>
                <dt className="text-slate-500">Result</dt>
                <dd className={auth.status === "INVALID" ? "text-red-700" : "text-slate-700"}>{auth.lastTestMessage}</dd>
              </>
            )}
            <dt className="text-slate-500">Created</dt>
            <dd>
              {formatDateTime(auth.createdAt)}
              {auth.createdByEmail && <span className="text-slate-600"> by {auth.createdByEmail}</span>}
            </dd>
          </dl>
          {auth.status === "INVALID" && (
            <Alert tone="warning" className="mt-3">
              This key no longer works, so capture is failing. Replace it with a new key.
            </Alert>
          )}
          {canWrite && (
            <div className="mt-4 flex flex-wrap gap-2">
              <Button variant="secondary" onClick={() => setIsCreating(true)}>
                Replace key
              </Button>
              <Button variant="danger" onClick={() => setIsDeleting(true)}>
                Delete authorization
              </Button>
            </div>
          )}
        </>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">No authorization</p>
          <p className="mt-1 text-sm text-slate-600">
            {revoked ? `The previous key (ending ${revoked.last4}) was deleted. ` : ""}
            Capture needs a Compliance API secret key for this workspace. It is tested before it is saved, stored encrypted, and
            only its last four characters are ever shown.
          </p>
          {canWrite && (
            <Button className="mt-4" onClick={() => setIsCreating(true)}>
              Create Authorization
            </Button>
          )}
        </>
      )}

      {canWrite && (
        <>
          <CreateAuthorizationDialog
            open={isCreating}
            onClose={() => setIsCreating(false)}
            source={source}
            isReplacing={auth !== null}
          />
          {auth && <DeleteAuthorizationDialog open={isDeleting} onClose={() => setIsDeleting(false)} source={source} authorization={auth} />}
        </>
      )}
    </section>
  );
}

function CreateAuthorizationDialog({ open, onClose, source, isReplacing }: { open: boolean; onClose: () => void; source: SourceSummary; isReplacing: boolean }) {
  const createAuthorization = useCreateAuthorization();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!createAuthorization.isPending}
      title={isReplacing ? "Replace authorization" : "Create Authorization"}
      description={
        isReplacing
          ? "Paste the new secret key. It is tested against the Compliance API first; only if it works does it replace the current key."
          : "Paste a Compliance API secret key for this workspace. Custodian tests it against the Compliance API before saving it."
      }
    >
      <CreateAuthorizationForm source={source} onDone={onClose} createAuthorization={createAuthorization} />
    </Dialog>
  );
}

function CreateAuthorizationForm({
  source,
  onDone,
  createAuthorization,
}: {
  source: SourceSummary;
  onDone: () => void;
  createAuthorization: ReturnType<typeof useCreateAuthorization>;
}) {
  const { toast } = useToast();
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const secret = new FormData(e.currentTarget).get("secret");
    const parsed = createAuthorizationSchema.safeParse({ secret: typeof secret === "string" ? secret : "" });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? "Paste the secret key");
      return;
    }
    setFieldError(null);
    try {
      const { authorization } = await createAuthorization.mutateAsync({ sourceId: source.id, secret: parsed.data.secret });
      toast({
        tone: "success",
        title:
          authorization.status === "VALID"
            ? `Authorization created: key ending …${authorization.last4} is valid`
            : `Authorization created: key ending …${authorization.last4}`,
        description: authorization.lastTestMessage ?? undefined,
      });
      onDone();
    } catch (err) {
      // A rejected key (400) keeps the dialog open with the API's explanation; nothing was saved.
      setFormError(getErrorMessage(err));
    }
  }

  const isPending = createAuthorization.isPending;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error" title="The key was not saved">{formError}</Alert>}
      <Input
        label="Secret key"
        name="secret"
        type="password"
        required
        autoComplete="off"
        spellCheck={false}
        data-1p-ignore
        data-lpignore="true"
        className="[&_input]:font-mono"
        description="A Compliance API key with the compliance read scope, created in the OpenAI platform for this workspace."
        error={fieldError}
        readOnly={isPending}
      />
      {isPending && (
        <p role="status" className="text-sm text-slate-600">
          Testing the key against {source.apiBaseUrl}…
        </p>
      )}
      <DialogFooter>
        <Button variant="secondary" onClick={onDone} disabled={isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={isPending}>
          {isPending ? "Testing the key…" : "Create"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function DeleteAuthorizationDialog({
  open,
  onClose,
  source,
  authorization,
}: {
  open: boolean;
  onClose: () => void;
  source: SourceSummary;
  authorization: AuthorizationSummary;
}) {
  const { toast } = useToast();
  const deleteAuthorization = useDeleteAuthorization();
  const [error, setError] = useState<string | null>(null);

  async function onConfirm() {
    setError(null);
    try {
      await deleteAuthorization.mutateAsync({ sourceId: source.id, authorizationId: authorization.id });
      toast({ tone: "success", title: "Authorization deleted", description: `Capture for ${source.name} has stopped.` });
      onClose();
    } catch (err) {
      setError(getErrorMessage(err));
    }
  }

  return (
    <Dialog open={open} onClose={onClose} dismissible={!deleteAuthorization.isPending} title="Delete authorization?" size="sm">
      <div className="space-y-3 text-sm text-slate-700">
        {error && <Alert tone="error">{error}</Alert>}
        <p>
          The key ending <span className="font-mono">{authorization.last4}</span> is revoked and its encrypted copy is wiped.
        </p>
        <p>
          <strong>Capture stops at once</strong>: the key is no longer used, and no sync can run until you create a new
          authorization. Everything already archived is kept.
        </p>
      </div>
      <DialogFooter>
        <Button variant="secondary" onClick={onClose} disabled={deleteAuthorization.isPending}>
          Cancel
        </Button>
        <Button variant="danger" onClick={() => void onConfirm()} isLoading={deleteAuthorization.isPending}>
          Delete authorization
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
