import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getAuthProviders } from "@/lib/auth/options";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

type LoginPageProps = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

/** Only same-origin paths: a callbackUrl pointing elsewhere would make the login page an open redirect. */
function getSafeCallbackUrl(value: string | string[] | undefined): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (!url) return "/";
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return url;
  try {
    // next-auth passes absolute URLs of this app; keep just their path.
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}${parsed.hash}` || "/";
  } catch {
    return "/";
  }
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  if (await getSessionUser()) redirect("/");
  const params = await searchParams;
  const error = Array.isArray(params.error) ? params.error[0] : params.error;

  return (
    <main id="main-content" className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <span aria-hidden="true" className="mx-auto flex size-10 items-center justify-center rounded-lg bg-accent-600 text-lg font-semibold text-white">
            C
          </span>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">Sign in to Custodian</h1>
          <p className="mt-1 text-sm text-slate-600">Compliance archive for ChatGPT Enterprise</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <LoginForm providers={getAuthProviders()} callbackUrl={getSafeCallbackUrl(params.callbackUrl)} initialError={error ?? null} />
        </div>
      </div>
    </main>
  );
}
