import { afterEach, describe, expect, it } from "vitest";
import { getAuthOptions, getAuthProviders } from "@/lib/auth/options";

const OIDC = { OIDC_ISSUER: "https://id.example.test/realms/acme", OIDC_CLIENT_ID: "custodian", OIDC_CLIENT_SECRET: "s3cret-value", OIDC_NAME: "Acme SSO" };

afterEach(() => {
  for (const k of Object.keys(OIDC)) delete process.env[k];
});

describe("auth providers", () => {
  it("offers only email and password when OIDC is not configured", () => {
    expect(getAuthOptions().providers.map((p) => p.id)).toEqual(["credentials"]);
    expect(getAuthProviders()).toEqual([]);
  });

  it("adds the OIDC provider, with PKCE and the issuer's discovery document, when configured", () => {
    Object.assign(process.env, OIDC);
    const options = getAuthOptions();
    const oidc = options.providers.find((p) => p.id === "oidc") as unknown as { wellKnown: string; checks: string[]; name: string };
    expect(oidc).toBeDefined();
    expect(oidc.wellKnown).toBe("https://id.example.test/realms/acme/.well-known/openid-configuration");
    expect(oidc.checks).toContain("pkce");
    expect(getAuthProviders()).toEqual([{ id: "oidc", name: "Acme SSO" }]);
    expect(options.session?.strategy).toBe("jwt");
  });
});
