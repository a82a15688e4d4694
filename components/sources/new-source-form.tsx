"use client";
// Step one of the setup flow: Source type "OpenAI ChatGPT" → name, optional description, workspace id,
// API base URL → Save. Validates with the schema the API uses, then opens the new source, where the next
// step (Create Authorization) waits.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { createSourceSchema, DEFAULT_API_BASE_URL } from "@/lib/sources/schemas";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useCreateSource } from "@/lib/hooks/use-sources-query";
import { getFieldErrors, type FieldErrors } from "@/components/admin/field-errors";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { sourceTypeLabels } from "./labels";

const typeOptions = Object.entries(sourceTypeLabels).map(([value, label]) => ({ value, label }));
const fieldOrder = ["name", "description", "workspaceId", "apiBaseUrl"] as const;

export function NewSourceForm() {
  const router = useRouter();
  const { toast } = useToast();
  const createSource = useCreateSource();
  const formRef = useRef<HTMLFormElement>(null);
  const [type, setType] = useState("OPENAI_CHATGPT");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [workspaceId, setWorkspaceId] = useState("");
  const [apiBaseUrl, setApiBaseUrl] = useState(DEFAULT_API_BASE_URL);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  // Stays true after success so the form can't be submitted twice while the detail page loads.
  const [isDone, setIsDone] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const parsed = createSourceSchema.safeParse({ name, description, workspaceId, apiBaseUrl: apiBaseUrl.trim() || undefined });
    if (!parsed.success) {
      const errors = getFieldErrors(parsed.error);
      setFieldErrors(errors);
      const first = fieldOrder.find((f) => errors[f]);
      if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setFieldErrors({});
    try {
      const { source } = await createSource.mutateAsync(parsed.data);
      setIsDone(true);
      toast({ tone: "success", title: "Source created", description: `Next, create an authorization for ${source.name}.` });
      router.push(`/admin/sources/${encodeURIComponent(source.id)}`);
    } catch (err) {
      setFormError(getErrorMessage(err));
    }
  }

  const isBusy = createSource.isPending || isDone;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      {formError && <Alert tone="error" title="The source was not saved">{formError}</Alert>}
      <Select
        label="Source type"
        name="type"
        value={type}
        onChange={(e) => setType(e.target.value)}
        options={typeOptions}
        description="ChatGPT Enterprise workspaces, captured through OpenAI's Compliance API."
      />
      <Input
        label="Name"
        name="name"
        required
        autoComplete="off"
        placeholder="e.g. Acme ChatGPT Enterprise"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldErrors.name}
      />
      <Input
        label="Description"
        name="description"
        autoComplete="off"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        description="Optional: e.g. which business unit or region this workspace belongs to."
        error={fieldErrors.description}
      />
      <Input
        label="Workspace ID"
        name="workspaceId"
        required
        autoComplete="off"
        spellCheck={false}
        placeholder="00000000-0000-0000-0000-000000000000"
        className="[&_input]:font-mono"
        value={workspaceId}
        onChange={(e) => setWorkspaceId(e.target.value)}
        description="ChatGPT admin → Workspace details"
        error={fieldErrors.workspaceId}
      />
      <Input
        label="API base URL"
        name="apiBaseUrl"
        type="url"
        autoComplete="off"
        spellCheck={false}
        className="[&_input]:font-mono"
        value={apiBaseUrl}
        onChange={(e) => setApiBaseUrl(e.target.value)}
        description={`The Compliance API endpoint. Keep ${DEFAULT_API_BASE_URL} unless you use a regional endpoint or a local simulator.`}
        error={fieldErrors.apiBaseUrl}
      />
      <div className="flex flex-col-reverse gap-2 border-t border-slate-100 pt-5 sm:flex-row sm:justify-end">
        <Link href="/admin/sources" className={buttonClasses("secondary")}>
          Cancel
        </Link>
        <Button type="submit" isLoading={isBusy}>
          Save
        </Button>
      </div>
    </form>
  );
}
