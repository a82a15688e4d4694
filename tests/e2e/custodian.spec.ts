// The custodian page as a reviewer uses it, on the search workspace the e2e server captured twice: between
// the syncs one of `memoryUserId`'s memories changed and another was deleted at source (fixtures.ts). The
// page shows both in the memory timeline, the activity chart, and their conversations in a chosen order.
// Then the /custodians and /conversations lists: sorting, filtering, and bad input explained in place.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { accounts } from "./accounts";
import { readFixtures } from "./fixtures";
import { signInAs } from "./helpers";

test.describe.configure({ mode: "serial" });

/** The numbers in one column of a table (header row excluded), in row order. */
async function columnNumbers(table: Locator, header: string): Promise<number[]> {
  const headers = await table.getByRole("columnheader").allTextContents();
  const index = headers.findIndex((h) => h.trim().toLowerCase().startsWith(header.toLowerCase()));
  expect(index, `column ${header} in ${headers.join(" | ")}`).toBeGreaterThan(-1);
  const rows = table.locator("tbody tr");
  const values: number[] = [];
  for (let i = 0; i < (await rows.count()); i++) values.push(Number((await rows.nth(i).getByRole("cell").nth(index).textContent())!.replace(/[^\d]/g, "")));
  return values;
}

const isSorted = (xs: number[], dir: "asc" | "desc") => xs.every((x, i) => i === 0 || (dir === "asc" ? xs[i - 1] <= x : xs[i - 1] >= x));

async function openCustodian(page: Page, userId: string) {
  await page.goto(`/custodians/${encodeURIComponent(userId)}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

test("the custodian page shows the memory timeline with a changed and a deleted memory", async ({ page }) => {
  const fx = readFixtures();
  expect(fx.changedMemoryEntryIds.length, "the e2e server changed a memory").toBeGreaterThan(0);
  expect(fx.deletedMemoryEntryIds.length, "the e2e server deleted a memory").toBeGreaterThan(0);
  await signInAs(page, accounts.reviewer.email);
  await openCustodian(page, fx.memoryUserId);

  const memories = page.getByRole("list", { name: /^Memories \(\d+\)$/ });
  await expect(page.getByRole("heading", { name: /^Memories \(\d+\)$/ })).toBeVisible();

  // The changed memory: its first version (Added) and the new one (Changed), each with its own content,
  // and the words that changed marked.
  const changed = memories.locator(`li[data-entry-id="${fx.changedMemoryEntryIds[0]}"]`);
  await expect(changed).toBeVisible();
  await expect(changed.getByText("Current", { exact: true })).toBeVisible();
  const versions = changed.getByRole("list", { name: /^Versions of memory / });
  const added = versions.locator('li[data-change="added"]');
  const changedVersion = versions.locator('li[data-change="changed"]').last();
  await expect(added).toHaveCount(1);
  await expect(added.getByText("Added", { exact: true })).toBeVisible();
  await expect(changedVersion.getByText("Changed", { exact: true })).toBeVisible();
  const before = (await added.getByTestId("memory-version-content").textContent())!.trim();
  const after = (await changedVersion.getByTestId("memory-version-content").textContent())!.trim();
  expect(before.length).toBeGreaterThan(0);
  expect(after.length).toBeGreaterThan(0);
  expect(after).not.toBe(before);
  await expect(changedVersion.locator("ins, del").first()).toBeVisible();
  // In time order: Added comes first.
  await expect(versions.locator(":scope > li").first()).toHaveAttribute("data-change", "added");
  await expect(changedVersion.getByText(/Captured/)).toBeVisible();

  // The deleted memory: marked deleted at source, its history ending with the deletion.
  const deleted = memories.locator(`li[data-entry-id="${fx.deletedMemoryEntryIds[0]}"]`);
  await expect(deleted).toBeVisible();
  const deletedVersions = deleted.getByRole("list", { name: /^Versions of memory / });
  await expect(deletedVersions.locator(":scope > li").last()).toHaveAttribute("data-change", "deleted");
  await expect(deletedVersions.locator(":scope > li").last().getByText("Deleted at source", { exact: true })).toBeVisible();
  await expect(deleted.getByText(/Deletion detected/)).toBeVisible();

  // The memory filter narrows the timeline to deleted entries.
  await page.getByRole("navigation", { name: "Memory filter" }).getByRole("link", { name: /^Deleted at source \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/[?&]memories=deleted/);
  await expect(memories.locator(`li[data-entry-id="${fx.deletedMemoryEntryIds[0]}"]`)).toBeVisible();
  await expect(memories.locator(`li[data-entry-id="${fx.changedMemoryEntryIds[0]}"]`)).toHaveCount(0);

  // Review controls open per memory, on demand.
  const toggle = page.getByRole("button", { name: `Review: memory ${fx.deletedMemoryEntryIds[0]}` });
  await expect(page.getByRole("region", { name: "Review", exact: true })).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("region", { name: "Review", exact: true })).toBeVisible();
});

test("the custodian page shows the activity chart and their conversations in a chosen order", async ({ page }) => {
  const fx = readFixtures();
  await signInAs(page, accounts.reviewer.email);
  await openCustodian(page, fx.memoryUserId);

  const chart = page.getByRole("img", { name: /^Messages per (day|week)$/ });
  await expect(chart).toBeVisible();
  expect(await chart.locator("rect").count()).toBeGreaterThan(0);
  await expect(page.locator("#activity-summary")).toHaveText(/[\d,]+ messages? from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
  const ranges = page.getByRole("navigation", { name: "Activity range" });
  await expect(ranges.getByRole("link", { name: "180 days" })).toHaveAttribute("aria-current", "true");
  await ranges.getByRole("link", { name: "All" }).click();
  await expect(page).toHaveURL(/[?&]range=all/);
  await expect(ranges.getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "true");
  await expect(chart).toBeVisible();

  const table = page.getByRole("table", { name: /^Conversations of / });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await table.getByRole("columnheader", { name: /Messages/ }).getByRole("link").click();
  await expect(page).toHaveURL(/[?&]sort=messages/);
  await expect(table.getByRole("columnheader", { name: /Messages/ })).toHaveAttribute("aria-sort", "descending");
  expect(isSorted(await columnNumbers(table, "Messages"), "desc")).toBe(true);
  await table.getByRole("columnheader", { name: /Messages/ }).getByRole("link").click();
  await expect(table.getByRole("columnheader", { name: /Messages/ })).toHaveAttribute("aria-sort", "ascending");
  expect(isSorted(await columnNumbers(table, "Messages"), "asc")).toBe(true);
  // The other page state survives a re-sort.
  await expect(page).toHaveURL(/[?&]range=all/);
});

test("the custodians list sorts, filters and links to the custodian page", async ({ page }) => {
  const fx = readFixtures();
  await signInAs(page, accounts.reviewer.email);
  await openCustodian(page, fx.memoryUserId);
  const name = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Custodians" }).click();
  await expect(page.getByRole("heading", { name: "Custodians", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Custodians" });
  expect(await table.locator("tbody tr").count()).toBeGreaterThan(1);
  await table.getByRole("columnheader", { name: /Messages/ }).getByRole("link").click();
  await expect(page).toHaveURL(/[?&]sort=messages/);
  expect(isSorted(await columnNumbers(table, "Messages"), "desc")).toBe(true);

  await page.getByLabel("Name or e-mail contains").fill(name);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  const row = table.locator("tbody tr").filter({ hasText: name });
  await expect(row.first()).toBeVisible();
  const memoriesShown = await columnNumbers(table, "Memories");
  expect(memoriesShown.every((n) => n >= 0)).toBe(true);
  await row.first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/custodians/${encodeURIComponent(fx.memoryUserId)}`));

  // A page link from another order is explained, not a crash.
  await page.goto(`/custodians?sort=messages&cursor=${Buffer.from(JSON.stringify({ s: "name", d: "asc", v: "a", id: "x" })).toString("base64url")}`);
  await expect(page.getByRole("alert").filter({ hasText: "different sort order" })).toBeVisible();
  await expect(table.locator("tbody tr").first()).toBeVisible();
});

test("the conversations list sorts and filters, and explains bad input", async ({ page }) => {
  await signInAs(page, accounts.reviewer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Conversations", exact: true }).click();
  const table = page.getByRole("table", { name: "Conversations" });
  await expect(table.locator("tbody tr").first()).toBeVisible();

  await table.getByRole("columnheader", { name: /Messages/ }).getByRole("link").click();
  await expect(page).toHaveURL(/[?&]sort=messages/);
  const counts = await columnNumbers(table, "Messages");
  expect(counts.length).toBeGreaterThan(1);
  expect(isSorted(counts, "desc")).toBe(true);

  // Filter by a word of the first title; the sort is kept.
  const title = (await table.locator("tbody tr").first().getByRole("link").textContent())!.trim();
  const word = title.split(/\s+/).find((w) => /^[\p{L}]{4,}$/u.test(w)) ?? title;
  await page.getByLabel("Title contains").fill(word);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page).toHaveURL(/[?&]sort=messages/);
  const titles = await table.locator("tbody tr").getByRole("link").allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  for (const t of titles) expect(t.toLowerCase()).toContain(word.toLowerCase());
  expect(isSorted(await columnNumbers(table, "Messages"), "desc")).toBe(true);

  // Nothing matches: an empty state, not an empty table.
  await page.goto(`/conversations?q=${encodeURIComponent("no title has this zq9x")}`);
  await expect(page.getByRole("heading", { name: "No matching conversations" })).toBeVisible();

  // A bad date is reported and the rest of the filters still apply.
  await page.goto(`/conversations?createdFrom=31-01-2025&sort=title`);
  await expect(page.getByRole("alert").filter({ hasText: "Some filters were not applied" })).toContainText("Created from");
  await expect(table.getByRole("columnheader", { name: /Title/ })).toHaveAttribute("aria-sort", "ascending");
});
