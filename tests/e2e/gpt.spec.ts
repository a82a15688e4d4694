// GPT and project pages as a reviewer uses them, on the search workspace the e2e server syncs before it
// starts: the GPT list sorted by number of versions, a GPT with at least two configuration versions, its
// history and the side-by-side diff of its two newest versions (by default), then two versions chosen with
// the selectors (in the "wrong" order: the older one still shows on the left). Then a project page.
// Nothing is hard-coded about the seeded data beyond "some GPT has two versions and some project exists".
import { expect, test } from "@playwright/test";
import { accounts } from "./accounts";
import { signInAs } from "./helpers";

test.describe.configure({ mode: "serial" });

test("a reviewer opens a GPT from the list, sees its versions and compares two of them side by side", async ({ page }) => {
  await signInAs(page, accounts.reviewer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "GPTs", exact: true }).click();
  await expect(page.getByRole("heading", { name: "GPTs", level: 1 })).toBeVisible();

  // Most versions first.
  const list = page.getByRole("table", { name: "GPTs" });
  await list.getByRole("link", { name: /^Versions/ }).click();
  await expect(page).toHaveURL(/[?&]sort=versions/);
  await expect(list.getByRole("columnheader", { name: /^Versions/ })).toHaveAttribute("aria-sort", "descending");
  const row = list.getByRole("row").nth(1);
  const versionsCell = row.getByRole("cell").nth(3);
  const count = Number((await versionsCell.textContent())!.replace(/,/g, ""));
  expect(count, "a GPT with at least two captured configuration versions").toBeGreaterThanOrEqual(2);
  const link = row.getByRole("link").first();
  const name = (await link.textContent())!.trim();
  await link.click();

  // The GPT page: header, current configuration, every version.
  await expect(page).toHaveURL(/\/gpts\/[^/?#]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("heading", { name: "Current configuration" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sharing", exact: true })).toBeVisible();
  const versions = page.getByRole("table", { name: "Configuration versions" });
  await expect(versions.getByRole("row")).toHaveCount(count + 1);
  await expect(versions.getByRole("cell", { name: "Current" })).toBeVisible();

  // By default the newest version is compared with the one before it, older on the left.
  const compare = page.getByRole("region", { name: `Changes from version ${count - 1} to version ${count}` });
  await expect(compare).toBeVisible();
  // Every edit the simulator makes changes the instructions: a side-by-side diff with a changed or added line.
  const instructions = compare.getByRole("table", { name: "Instructions" });
  await expect(instructions.getByRole("columnheader", { name: `Version ${count - 1} (older)` })).toBeVisible();
  await expect(instructions.getByRole("columnheader", { name: `Version ${count} (newer)` })).toBeVisible();
  await expect(instructions.locator("ins").filter({ hasText: /\S/ }).first()).toBeVisible();
  await expect(instructions.locator('tr[data-kind="changed"], tr[data-kind="added"]').first()).toBeVisible();

  // Choose the versions with the selectors, newest on the "older" side: the page still puts the older left.
  const older = compare.getByLabel("Older version (left)");
  const newer = compare.getByLabel("Newer version (right)");
  await older.selectOption({ index: 0 });
  await newer.selectOption({ index: count - 1 });
  await compare.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page).toHaveURL(/[?&]a=[^&]+&b=[^&#]+#compare$/);
  const chosen = page.getByRole("region", { name: `Changes from version 1 to version ${count}` });
  await expect(chosen).toBeVisible();
  await expect(chosen.getByText(/^Changed:/)).toBeVisible();
  await expect(chosen.getByRole("table", { name: "Instructions" }).getByRole("columnheader", { name: "Version 1 (older)" })).toBeVisible();

  // A row's "Compare with" link compares that version with the previous one.
  await versions.getByRole("link", { name: `Compare version 2 with version 1` }).click();
  await expect(page.getByRole("region", { name: "Changes from version 1 to version 2" })).toBeVisible();

  // The review panel sits on the page like on a conversation.
  await expect(page.getByRole("region", { name: "Review", exact: true })).toBeVisible();
});

test("a reviewer opens a project page from the projects list, and the view is audited", async ({ page, browser }) => {
  await signInAs(page, accounts.reviewer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Projects", level: 1 })).toBeVisible();
  const list = page.getByRole("table", { name: "Projects" });
  const link = list.getByRole("row").nth(1).getByRole("link").first();
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(/\/projects\/[^/?#]+$/);
  const projectId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("heading", { name: "Current configuration" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Configuration versions" }).getByRole("row")).not.toHaveCount(1);
  await expect(page.getByRole("heading", { name: /^Conversations that used this project \([\d,]+\)$/ })).toBeVisible();

  // Filters live in the URL; a filter that matches nothing says so.
  await page.goto(`/projects?${new URLSearchParams({ name: "no project is called this" })}`);
  await expect(page.getByRole("heading", { name: "No Projects match these filters" })).toBeVisible();

  // Every view is in the audit log, with who looked at what.
  const auditor = await browser.newContext();
  const auditorPage = await auditor.newPage();
  await signInAs(auditorPage, accounts.auditor.email);
  const res = await auditorPage.request.get(`/api/v1/audit?${new URLSearchParams({ action: "project.view", actor: accounts.reviewer.email, limit: "100" })}`);
  expect(res.status()).toBe(200);
  const { events } = (await res.json()) as { events: { action: string; targetType: string; targetId: string; actorEmail: string }[] };
  expect(events).toContainEqual(expect.objectContaining({ action: "project.view", targetType: "project", targetId: projectId, actorEmail: accounts.reviewer.email }));
  await auditor.close();
});
