"use client";
// Create or edit a retention policy: object types, source, custodians, period and its date basis,
// versions kept, enabled. "Dry run" evaluates the form as it stands (even unsaved or disabled) next to
// the enabled policies, so an officer sees exact counts and the forecast before enabling anything.
import { useState } from "react";
import { z } from "zod";
import { dateBases, dateBasisLabels, policyInputSchema, retentionItemTypeLabels, retentionItemTypes, type PolicyFormInput } from "@/lib/governance/retention-schemas";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useDryRun, useSavePolicy, type PolicyRow } from "@/lib/hooks/use-retention-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { DryRunResultView } from "./dry-run-result";

export type SourceOption = { id: string; name: string };

type FormState = {
  name: string;
  description: string;
  itemTypes: string[];
  sourceId: string;
  custodians: string;
  periodDays: string;
  dateBasis: string;
  versionsKept: string;
  enabled: boolean;
};

function initial(policy: PolicyRow | null): FormState {
  return {
    name: policy?.name ?? "",
    description: policy?.description ?? "",
    itemTypes: policy?.itemTypes ?? ["CONVERSATION"],
    sourceId: policy?.sourceId ?? "",
    custodians: policy?.custodianIds.join(", ") ?? "",
    periodDays: String(policy?.periodDays ?? 365),
    dateBasis: policy?.dateBasis ?? "CAPTURED",
    versionsKept: policy?.versionsKept == null ? "" : String(policy.versionsKept),
    enabled: policy?.enabled ?? false,
  };
}

function toInput(f: FormState): PolicyFormInput {
  return {
    name: f.name,
    description: f.description.trim() ? f.description : null,
    itemTypes: f.itemTypes as PolicyFormInput["itemTypes"],
    sourceId: f.sourceId || null,
    custodianIds: f.custodians.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean),
    periodDays: Number(f.periodDays),
    dateBasis: f.dateBasis as PolicyFormInput["dateBasis"],
    versionsKept: f.versionsKept.trim() ? Number(f.versionsKept) : null,
    enabled: f.enabled,
  };
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

export function PolicyFormDialog({ open, onClose, policy, sources }: { open: boolean; onClose: () => void; policy: PolicyRow | null; sources: SourceOption[] }) {
  const { toast } = useToast();
  const save = useSavePolicy();
  const dryRun = useDryRun();
  const [form, setForm] = useState<FormState>(() => initial(policy));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  const validated = (): PolicyFormInput | null => {
    const parsed = policyInputSchema.safeParse(toInput(form));
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return null;
    }
    setErrors({});
    return toInput(form);
  };

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = validated();
    if (!input) return;
    save.mutate(
      { id: policy?.id ?? null, input },
      {
        onSuccess: ({ policy: saved }) => {
          toast({ tone: "success", title: policy ? `Saved "${saved.name}" (version ${saved.version})` : `Created "${saved.name}"` });
          onClose();
        },
      },
    );
  };

  const onDryRun = () => {
    const input = validated();
    if (input) dryRun.mutate({ policyId: policy?.id, draft: input, samples: 10 });
  };

  return (
    <Dialog open={open} onClose={onClose} title={policy ? `Edit ${policy.name}` : "New retention policy"} size="lg" dismissible={!save.isPending}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Input label="Name" value={form.name} onChange={(e) => set("name", e.target.value)} error={errors.name} required />
        <Input label="Description" value={form.description} onChange={(e) => set("description", e.target.value)} error={errors.description} />
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800">Object types</legend>
          {retentionItemTypes.map((t) => (
            <Checkbox
              key={t}
              label={retentionItemTypeLabels[t]}
              checked={form.itemTypes.includes(t)}
              onChange={(e) => set("itemTypes", e.target.checked ? [...form.itemTypes, t] : form.itemTypes.filter((x) => x !== t))}
            />
          ))}
          {errors.itemTypes && <p className="text-xs font-medium text-red-700">{errors.itemTypes}</p>}
        </fieldset>
        <Select label="Source" value={form.sourceId} onChange={(e) => set("sourceId", e.target.value)} error={errors.sourceId}>
          <option value="">All sources</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
        <Input
          label="Custodians"
          description="Workspace user ids, separated by commas; empty covers every custodian."
          value={form.custodians}
          onChange={(e) => set("custodians", e.target.value)}
          error={errors.custodianIds}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Input label="Retention period (days)" type="number" min={1} value={form.periodDays} onChange={(e) => set("periodDays", e.target.value)} error={errors.periodDays} required />
          <Select label="Counted from" value={form.dateBasis} onChange={(e) => set("dateBasis", e.target.value)} options={dateBases.map((b) => ({ value: b, label: dateBasisLabels[b] }))} />
        </div>
        <Input
          label="Versions kept"
          description="GPT configurations and memories: the newest N versions are kept whatever their age (the current one always is while it exists at the source)."
          type="number"
          min={1}
          value={form.versionsKept}
          onChange={(e) => set("versionsKept", e.target.value)}
          error={errors.versionsKept}
        />
        <Checkbox label="Enabled" description="Only enabled policies dispose anything. Dry-run first." checked={form.enabled} onChange={(e) => set("enabled", e.target.checked)} />
        {save.isError && <Alert tone="error">{getErrorMessage(save.error)}</Alert>}
        {dryRun.isError && <Alert tone="error">{getErrorMessage(dryRun.error)}</Alert>}
        {dryRun.data && (
          <section aria-label="Dry run" className="rounded-md bg-slate-50 p-3">
            <DryRunResultView result={dryRun.data} />
          </section>
        )}
        <DialogFooter>
          <Button variant="secondary" onClick={onDryRun} isLoading={dryRun.isPending}>
            Dry run
          </Button>
          <Button variant="secondary" onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" isLoading={save.isPending}>
            {policy ? "Save new version" : "Create policy"}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
