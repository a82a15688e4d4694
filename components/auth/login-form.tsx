"use client";
// Email/password sign-in through next-auth's credentials provider (redirect: false, so errors stay on this
// page), plus one button per configured single sign-on provider.
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

export type LoginProvider = { id: string; name: string };

type LoginFormProps = {
  /** Single sign-on providers (the credentials provider is always shown as the form). */
  providers: readonly LoginProvider[];
  callbackUrl: string;
  /** `?error=` set by next-auth when an SSO round trip fails. */
  initialError?: string | null;
};

export function getCredentialsErrorMessage(error: string): string {
  if (error === "RateLimited") return "Too many failed attempts. Try again later.";
  if (error === "Disabled") return "This account is disabled.";
  return "Invalid email or password.";
}

function getRedirectErrorMessage(error: string): string {
  if (error === "AccessDenied") return "Your account is not allowed to sign in. Ask an administrator for access.";
  if (error === "RateLimited" || error === "Disabled" || error === "CredentialsSignin") return getCredentialsErrorMessage(error);
  if (error === "SessionRequired") return "Please sign in to continue.";
  return "Sign-in failed. Try again.";
}

export function LoginForm({ providers, callbackUrl, initialError }: LoginFormProps) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError ? getRedirectErrorMessage(initialError) : null);
  const [pending, setPending] = useState<string | null>(null);
  const ssoProviders = providers.filter((p) => p.id !== "credentials");

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setPending("credentials");
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error || !result.ok) {
        setError(getCredentialsErrorMessage(result?.error ?? ""));
        setPending(null);
        return;
      }
      router.replace(callbackUrl || "/");
      router.refresh();
    } catch {
      setError("Could not reach the server. Try again.");
      setPending(null);
    }
  }

  async function onSso(providerId: string) {
    setError(null);
    setPending(providerId);
    // Navigates away to the identity provider; failures come back as ?error=.
    await signIn(providerId, { callbackUrl: callbackUrl || "/" });
  }

  return (
    <div>
      {/* Always mounted so the message is announced when it appears. */}
      <div role="alert" aria-atomic="true" className={error ? "mb-4" : undefined}>
        {error && <p className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-200 ring-inset">{error}</p>}
      </div>
      <form onSubmit={onSubmit} className="space-y-4">
        <Input
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Input
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" className="w-full" isLoading={pending === "credentials"} disabled={pending !== null}>
          Sign in
        </Button>
      </form>
      {ssoProviders.length > 0 && (
        <div className="mt-6 space-y-3">
          <div className="flex items-center gap-3 text-xs text-slate-500">
            <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
            or
            <span className="h-px flex-1 bg-slate-200" aria-hidden="true" />
          </div>
          {ssoProviders.map((p) => (
            <Button
              key={p.id}
              variant="secondary"
              className="w-full"
              isLoading={pending === p.id}
              disabled={pending !== null}
              onClick={() => void onSso(p.id)}
            >
              Sign in with {p.name}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
