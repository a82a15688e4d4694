"use client";
import { useState, type FormEvent } from "react";
import { resetPasswordSchema } from "@/lib/users/schemas";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useResetPassword, type UserRow } from "@/lib/hooks/use-users-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

export function ResetPasswordDialog({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const resetPassword = useResetPassword();
  return (
    <Dialog
      open={user !== null}
      onClose={onClose}
      dismissible={!resetPassword.isPending}
      title={user?.hasPassword === false ? "Set password" : "Reset password"}
      description={user ? `For ${user.name} (${user.email}). Their existing sessions end.` : undefined}
    >
      {user && <ResetPasswordForm user={user} onDone={onClose} resetPassword={resetPassword} />}
    </Dialog>
  );
}

function ResetPasswordForm({ user, onDone, resetPassword }: { user: UserRow; onDone: () => void; resetPassword: ReturnType<typeof useResetPassword> }) {
  const { toast } = useToast();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const parsed = resetPasswordSchema.safeParse({ password });
    setPasswordError(parsed.success ? null : (parsed.error.issues[0]?.message ?? "Invalid password"));
    const mismatch = password !== confirm;
    setConfirmError(mismatch ? "Passwords don't match" : null);
    if (!parsed.success || mismatch) return;

    try {
      await resetPassword.mutateAsync({ id: user.id, password: parsed.data.password });
      toast({ tone: "success", title: "Password changed", description: `${user.name} must sign in again with the new password.` });
      onDone();
    } catch (err) {
      setFormError(getErrorMessage(err));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <Input
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        description="At least 12 characters."
        error={passwordError}
      />
      <Input
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={confirmError}
      />
      <DialogFooter>
        <Button variant="secondary" onClick={onDone} disabled={resetPassword.isPending}>
          Cancel
        </Button>
        <Button type="submit" isLoading={resetPassword.isPending}>
          {user.hasPassword ? "Reset password" : "Set password"}
        </Button>
      </DialogFooter>
    </form>
  );
}
