import { expect, test } from "@playwright/test";
import { accounts } from "./accounts";
import { signIn, signInAs } from "./helpers";

test.describe("sign-in", () => {
  test("anonymous visitors are sent to the login page", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to Custodian" })).toBeVisible();
  });

  test("a wrong password gets a clear message", async ({ page }) => {
    await signIn(page, accounts.wrongPassword.email, "not the password");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a disabled account cannot sign in", async ({ page }) => {
    await signIn(page, accounts.disabled.email);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("This account is disabled.");
  });

  test("an admin signs in and sees the whole app shell", async ({ page }) => {
    await signInAs(page, accounts.admin.email);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Search", "Conversations", "GPTs", "Custodians", "Holds", "Retention", "Exports", "Sources", "Users", "Audit"]) {
      await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    }
    await expect(page.getByText(accounts.admin.name).first()).toBeVisible();
    await nav.getByRole("link", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/\/search/);
    await expect(nav.getByRole("link", { name: "Search", exact: true })).toHaveAttribute("aria-current", "page");
  });

  test("a reviewer sees no admin entries and is refused admin pages and APIs", async ({ page }) => {
    await signInAs(page, accounts.reviewer.email);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Conversations", exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Audit", exact: true })).toHaveCount(0);
    await page.goto("/admin/users");
    await expect(page.getByText("You don't have access to this page")).toBeVisible();
    const api = await page.request.get("/api/v1/users");
    expect(api.status()).toBe(403);
    expect((await api.json()).error.code).toBe("forbidden");
  });

  test("anonymous API calls get 401 JSON", async ({ request }) => {
    const res = await request.get("/api/v1/users");
    expect(res.status()).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
  });
});
