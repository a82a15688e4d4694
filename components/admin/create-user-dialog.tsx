"use client";
import { useState, type FormEvent } from "react";
import { isRole, type Role } from "@/lib/auth/permissions";
import { createUserSchema } from "@/lib/users/schemas";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useCreateUser } from "@/lib/hooks/use-users-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { getFieldErrors, type FieldErrors } from "./field-errors";
import { roleOptions } from "./role-options";

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const createUser = useCreateUser();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!createUser.isPending}
      title="Add user"
      description="They sign in with this email and password. You can change their role or disable them later."
    >
      <CreateUserForm onDone={onClose} createUser={createUser} />
    </Dialog>
  );
}

function CreateUserForm({ onDone, createUser }: { onDone: () => void; createUser: ReturnType<typeof useCreateUser> }) {
  const { toast } = useToast();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("REVIEWER");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const parsed = createUserSchema.safeParse({ name, email, role, password });
    if (!parsed.success) {
      setFieldErrors(getFieldErrors(parsed.error));
      return;
    }
    setFieldErrors({});
    try {
      const { user } = await createUser.mutateAsync(parsed.data);
      toast({ tone: "success", title: "User created", description: `${user.name} (${user.email}) can now sign in.` });
      onDone();
    } catch (err) {
      setFormError(getErrorMessage(err));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <Input label="Name" name="name" autoComplete="off" required value={name} onChange={(e) => setName(e.target.value)} error={fieldErrors.name} />
      <Input
        label="Email"
        name="email"
        type="email"
        autoComplete="off"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fieldErrors.email}
      />
      <Select
        label="Role"
        name="role"
        value={role}
        onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}
        options={roleOptions}
        error={fieldErrors.role}
      />
      <Input
        label="Initial password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        description="At least 12 characters. Share it with the user through a secure channel."
        error={fieldErrors.password}
      />
      <DialogFooter>
        <Button variant="secondary" onClick={onDone} disabled={createUser.isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={createUser.isPending}>
          Create user
        </Button>
      </DialogFooter>
    </form>
  );
}
