"use client";
import { useState, type FormEvent } from "react";
import { isRole, roleLabels, type Role } from "@/lib/auth/permissions";
import type { UpdateUserInput } from "@/lib/users/schemas";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useUpdateUser, type UserRow } from "@/lib/hooks/use-users-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { roleOptions } from "./role-options";

type EditUserDialogProps = {
  /** The user being edited; null closes the dialog. */
  user: UserRow | null;
  /** Admins cannot demote or disable themselves (the API refuses with 409); the form says so up front. */
  isSelf: boolean;
  onClose: () => void;
};

export function EditUserDialog({ user, isSelf, onClose }: EditUserDialogProps) {
  const updateUser = useUpdateUser();
  return (
    <Dialog open={user !== null} onClose={onClose} dismissible={!updateUser.isPending} title="Edit user" description={user?.email}>
      {user && <EditUserForm user={user} isSelf={isSelf} onDone={onClose} updateUser={updateUser} />}
    </Dialog>
  );
}

function EditUserForm({ user, isSelf, onDone, updateUser }: { user: UserRow; isSelf: boolean; onDone: () => void; updateUser: ReturnType<typeof useUpdateUser> }) {
  const { toast } = useToast();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [disabled, setDisabled] = useState(user.disabledAt !== null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError("Name is required");
      return;
    }
    setNameError(null);

    const changes: UpdateUserInput = {};
    if (trimmed !== user.name) changes.name = trimmed;
    if (role !== user.role) changes.role = role;
    if (disabled !== (user.disabledAt !== null)) changes.disabled = disabled;
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }

    try {
      const { user: updated } = await updateUser.mutateAsync({ id: user.id, ...changes });
      toast({
        tone: "success",
        title: "User updated",
        description:
          changes.disabled !== undefined
            ? `${updated.name} is now ${changes.disabled ? "disabled" : "enabled"}.`
            : `${updated.name} · ${roleLabels[updated.role] ?? updated.role}`,
      });
      onDone();
    } catch (err) {
      setFormError(getErrorMessage(err));
    }
  }

  const selfNote = isSelf ? "You can't change your own role or disable your own account." : undefined;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <Input label="Name" name="name" required value={name} onChange={(e) => setName(e.target.value)} error={nameError} />
      <Select
        label="Role"
        name="role"
        value={role}
        onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}
        options={roleOptions}
        disabled={isSelf}
        description={selfNote}
      />
      <Checkbox
        label="Disable account"
        name="disabled"
        checked={disabled}
        onChange={(e) => setDisabled(e.target.checked)}
        disabled={isSelf}
        description={
          isSelf ? selfNote : "A disabled user is signed out and cannot sign in. Their history and audit trail are kept."
        }
      />
      <DialogFooter>
        <Button variant="secondary" onClick={onDone} disabled={updateUser.isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={updateUser.isPending}>
          Save changes
        </Button>
      </DialogFooter>
    </form>
  );
}
