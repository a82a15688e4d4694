"use client";
// Create a hold (a draft) or edit one: name, matter, description and the scope's criteria. Validated with
// the same zod schemas as the API before anything is sent; the server's message is shown if it refuses.
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { createHoldSchema, updateHoldSchema } from "@/lib/governance/hold-schemas";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useCreateHold, useUpdateHold, type HoldDetail } from "@/lib/hooks/use-holds-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, fieldClasses } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { ScopeEditor, emptyScopeDraft, queryErrorOf, toScopeInput, type ScopeDraft } from "./scope-editor";

type Errors = Partial<Record<"name" | "matter" | "description" | "from" | "to" | "query" | "form", string>>;

function errorsOf(issues: { path: PropertyKey[]; message: string }[]): Errors {
  const out: Errors = {};
  for (const i of issues) {
    const key = (i.path[0] === "scope" ? i.path[1] : i.path[0]) as keyof Errors | undefined;
    const k = key && ["name", "matter", "description", "from", "to", "query"].includes(String(key)) ? key : "form";
    out[k] ??= i.message;
  }
  return out;
}

/** `initialQuery` pre-fills a new hold's scope query (the search page's "Place hold"). */
export function HoldForm({ hold, onDone, initialQuery = "" }: { hold?: HoldDetail; onDone?: () => void; initialQuery?: string }) {
  const router = useRouter();
  const { toast } = useToast();
  const create = useCreateHold();
  const update = useUpdateHold(hold?.hold.id ?? "");
  const mutation = hold ? update : create;
  const [name, setName] = useState(hold?.hold.name ?? "");
  const [matter, setMatter] = useState(hold?.hold.matter ?? "");
  const [description, setDescription] = useState(hold?.hold.description ?? "");
  const [scope, setScope] = useState<ScopeDraft>(
    hold ? { custodians: hold.custodians, from: hold.hold.scope.from ?? "", to: hold.hold.scope.to ?? "", query: hold.hold.scope.query ?? "" } : { ...emptyScopeDraft, query: initialQuery },
  );
  const [errors, setErrors] = useState<Errors>({});
  const isActive = hold?.hold.status === "ACTIVE";

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (queryErrorOf(scope.query)) return;
    const input = { name, matter: matter || null, description: description || null, scope: toScopeInput(scope) };
    if (hold) {
      const parsed = updateHoldSchema.safeParse(input);
      if (!parsed.success) return setErrors(errorsOf(parsed.error.issues));
      setErrors({});
      update.mutate(parsed.data, {
        onSuccess: ({ hold: saved }) => {
          toast({ tone: "success", title: "Hold saved", description: saved.scopeVersion !== hold.hold.scopeVersion ? `Scope version ${saved.scopeVersion}.` : undefined });
          onDone?.();
        },
      });
    } else {
      const parsed = createHoldSchema.safeParse(input);
      if (!parsed.success) return setErrors(errorsOf(parsed.error.issues));
      setErrors({});
      create.mutate(parsed.data, {
        onSuccess: ({ hold: created }) => {
          toast({ tone: "success", title: `Draft hold “${created.name}” created`, description: "Preview its scope, then activate it." });
          router.push(`/holds/${encodeURIComponent(created.id)}`);
        },
      });
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-8">
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Hold</legend>
        <Input label="Name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={errors.name ?? null} data-autofocus="" />
        <Input label="Matter" maxLength={200} value={matter} onChange={(e) => setMatter(e.target.value)} error={errors.matter ?? null} description="Case or investigation this hold serves." />
        <div className="space-y-1">
          <label htmlFor="hold-description" className="block text-sm font-medium text-slate-800">
            Description
          </label>
          <textarea id="hold-description" rows={3} maxLength={5000} className={fieldClasses} value={description} onChange={(e) => setDescription(e.target.value)} />
          {errors.description && <p className="text-xs text-red-700">{errors.description}</p>}
        </div>
      </fieldset>
      <ScopeEditor value={scope} onChange={setScope} errors={errors} />
      {isActive && (
        <Alert tone="warning" title="This hold is active">
          Saving a changed scope re-evaluates it now: new matches are held at once, and items that no longer match are released unless they were added explicitly.
        </Alert>
      )}
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      {mutation.isError && <Alert tone="error">{getErrorMessage(mutation.error)}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" isLoading={mutation.isPending}>
          {hold ? "Save changes" : "Create draft"}
        </Button>
        {onDone ? (
          <Button variant="secondary" onClick={onDone} disabled={mutation.isPending}>
            Cancel
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => router.push("/holds")} disabled={mutation.isPending}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
