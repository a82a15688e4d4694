import { describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";

describe("typed configuration", () => {
  it("applies defaults", () => {
    const env = getEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe("./.data");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.LOGIN_MAX_ATTEMPTS).toBe(5);
  });
  it("reports every invalid variable at once", () => {
    expect(() => getEnv({ PORT: "abc", OIDC_ISSUER: "https://id.example.com", ADMIN_EMAIL: "not-an-email" })).toThrow(
      /PORT[\s\S]*ADMIN_EMAIL|ADMIN_EMAIL[\s\S]*PORT/,
    );
    expect(() => getEnv({ OIDC_ISSUER: "https://id.example.com" })).toThrow(/must be set together/);
    expect(() => getEnv({ ADMIN_EMAIL: "a@b.co", ADMIN_PASSWORD: "short" })).toThrow(/at least 12/);
  });
  it("treats empty strings as unset", () => {
    expect(getEnv({ DATABASE_URL: "", MEILI_HOST: " " }).DATABASE_URL).toBeUndefined();
  });
});
