import { expect, test } from "@playwright/test";
import { accounts } from "./accounts";
import { signIn, signInAs } from "./helpers";

test("an admin creates a user who can then sign in; an auditor sees it in the verified audit log", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  await signInAs(adminPage, accounts.admin.email);
  await adminPage.goto("/admin/users");
  await expect(adminPage.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await adminPage.getByRole("button", { name: "Add user" }).click();
  const dialog = adminPage.getByRole("dialog");
  await dialog.getByLabel("Email").fill("new.officer@e2e.test");
  await dialog.getByLabel("Name").fill("Nora New");
  await dialog.getByLabel("Role").selectOption("OFFICER");
  await dialog.getByLabel("Initial password").fill("a fresh password 42");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(adminPage.getByRole("row", { name: /new\.officer@e2e\.test/ })).toBeVisible();

  const newPage = await (await browser.newContext()).newPage();
  await signIn(newPage, "new.officer@e2e.test", "a fresh password 42");
  await expect(newPage.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(newPage.getByText("Nora New").first()).toBeVisible();

  const auditorPage = await (await browser.newContext()).newPage();
  await signInAs(auditorPage, accounts.auditor.email);
  await auditorPage.goto("/admin/audit");
  await expect(auditorPage.getByRole("cell", { name: "user.create" }).first()).toBeVisible();
  await expect(auditorPage.getByRole("cell", { name: "auth.login" }).first()).toBeVisible();
  await auditorPage.getByRole("button", { name: "Verify chain" }).click();
  await expect(auditorPage.getByText(/Chain intact: \d+ events checked/)).toBeVisible();
  // Auditors read; they do not administer.
  await auditorPage.goto("/admin/users");
  await expect(auditorPage.getByRole("button", { name: "Add user" })).toHaveCount(0);
});
