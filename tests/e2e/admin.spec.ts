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

test("an admin sees how much is indexed and rebuilds the search index with live progress; an auditor only reads", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  await signInAs(adminPage, accounts.admin.email);
  await adminPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search index" }).click();
  await expect(adminPage.getByRole("heading", { name: "Search index", level: 1 })).toBeVisible();
  // The e2e server indexed its search workspace before starting: everything the archive holds is indexed.
  const count = adminPage.getByTestId("index-count");
  await expect(count).toHaveText(/^([\d,]+) of \1 documents$/);
  const before = (await count.textContent())!;

  await adminPage.getByRole("button", { name: "Rebuild index" }).click();
  await expect(adminPage.getByText("Reindex queued")).toBeVisible();
  // The worker runs it; the page follows until it ends, with every document rewritten.
  await expect(adminPage.getByText(/Last rebuild: succeeded/)).toBeVisible({ timeout: 60_000 });
  const written = before.split(" of ")[0];
  await expect(adminPage.getByText(new RegExp(`${written} written, 0 removed`))).toBeVisible();
  await expect(count).toHaveText(before);

  const auditorPage = await (await browser.newContext()).newPage();
  await signInAs(auditorPage, accounts.auditor.email);
  await auditorPage.goto("/admin/search-index");
  await expect(auditorPage.getByTestId("index-count")).toHaveText(before);
  await expect(auditorPage.getByRole("button", { name: "Rebuild index" })).toHaveCount(0);
});
