// Governance, end to end, on the e2e server's "Governance workspace" (its own source, dated early 2024,
// so nothing here touches data other specs use): an officer places a hold from a search, previews it and
// activates it; creates a retention policy for that source, checks its dry run, runs disposition and reads
// the certificate (the held custodian's conversations are skipped, the rest disposed); exports a search and
// downloads the ZIP, which verifies against its manifest. A reviewer gets no governance controls and 403s.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { accounts } from "./accounts";
import { readFixtures } from "./fixtures";
import { signInAs } from "./helpers";
import { verifyExportZip } from "@/lib/exports/verify";
import type { SearchResponse } from "@/lib/search/schemas";

test.describe.configure({ mode: "serial" });

const stamp = Date.now();
const HOLD = `E2E hold ${stamp}`;

async function apiSearch(request: APIRequestContext, q: string): Promise<SearchResponse> {
  const res = await request.get(`/api/v1/search?${new URLSearchParams({ q, limit: "50" })}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as SearchResponse;
}

test("an officer places a hold from a search, previews its counts and activates it", async ({ page }) => {
  const { governance } = readFixtures();
  const query = `type:message email:${governance.userEmail}`;
  await signInAs(page, accounts.officer.email);
  await page.goto(`/search?${new URLSearchParams({ q: query })}`);
  await expect(page.getByRole("list", { name: "Search results" }).getByRole("listitem").first()).toBeVisible();

  await page.getByRole("link", { name: "Place hold" }).click();
  await expect(page.getByRole("heading", { name: "New hold", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Query")).toHaveValue(query);
  await page.getByLabel("Name").fill(HOLD);
  await page.getByLabel("Matter").fill("Matter 42 v. Example");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(HOLD);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Draft");

  // Exact counts before anything is held: per type and per custodian.
  const preview = page.getByRole("region", { name: "Preview" });
  await preview.getByRole("button", { name: "Preview scope" }).click();
  await expect(preview.getByText(/item\(s\): \d+ from the criteria/)).toBeVisible();
  await expect(preview).toContainText(`By custodian · 1${governance.userName}`);
  const total = Number((await preview.locator("strong").first().textContent())!.replace(/,/g, ""));
  expect(total).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await page.getByRole("dialog", { name: `Activate “${HOLD}”` }).getByRole("button", { name: "Activate hold" }).click();
  await expect(page.getByText(`${total.toLocaleString("en-US")} item(s) are held.`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");

  // The conversation pages of that custodian say they are held.
  const hit = (await apiSearch(page.request, query)).hits[0];
  await page.goto(`/conversations/${encodeURIComponent(hit.document.conversationId!)}`);
  await expect(page.getByLabel("Conversation details")).toContainText(HOLD);
});

test("an officer checks a policy's dry run, runs disposition and reads the certificate", async ({ page }) => {
  test.setTimeout(180_000);
  const { governance } = readFixtures();
  await signInAs(page, accounts.officer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Retention" }).click();

  const dialog = page.getByRole("dialog", { name: "New retention policy" });
  // The button is server-rendered: retry the click until the page has hydrated and opens the dialog.
  await expect(async () => {
    await page.getByRole("button", { name: "New policy" }).click();
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await dialog.getByRole("textbox", { name: "Name" }).fill(`E2E governance workspace ${stamp}`);
  await dialog.getByLabel("Conversations and their messages").check();
  await dialog.getByLabel("Source").selectOption({ label: "Governance workspace" });
  await dialog.getByLabel("Retention period (days)").fill("30");
  // The workspace's conversations date from early 2024: counted from the source date, all are due.
  await dialog.getByLabel("Counted from").selectOption({ label: "Source date (when it was created or last active at the source)" });
  // Before enabling: what would go now, and what the hold keeps.
  await dialog.getByRole("button", { name: "Dry run" }).click();
  const dryRun = dialog.getByRole("region", { name: "Dry run" });
  const wouldGo = dryRun.getByRole("table", { name: "Would be disposed now", exact: true });
  await expect(wouldGo).toBeVisible();
  await expect(wouldGo).toContainText(/[1-9]/);
  await expect(dryRun.getByRole("table", { name: "Sample items that would be disposed now" })).toBeVisible();
  await dialog.getByLabel("Enabled").check();
  await dialog.getByRole("button", { name: "Create policy" }).click();
  await expect(dialog).toBeHidden();

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Run disposition now" }).click();
  const runs = page.getByRole("table", { name: "Recent runs" });
  const run = runs.getByRole("row").nth(1);
  await expect(run).toContainText("succeeded", { timeout: 120_000 });
  await expect(run).toContainText(`By ${accounts.officer.email}`);
  // The held custodian's conversations were skipped, not disposed.
  const heldSkipped = Number((await run.getByRole("cell").nth(4).textContent())!.replace(/,/g, ""));
  expect(heldSkipped).toBeGreaterThan(0);

  const certificateHref = await run.getByRole("link", { name: "View" }).getAttribute("href");
  const certificate = await page.request.get(certificateHref!);
  expect(certificate.status()).toBe(200);
  const html = await certificate.text();
  expect(html).toMatch(/certificate of destruction/i);
  expect(html).toContain(accounts.officer.email);
  const json = await page.request.get(certificateHref!.replace("format=html", "format=json"));
  const body = (await json.json()) as Record<string, unknown>;
  expect(JSON.stringify(body)).toMatch(/[0-9a-f]{64}/);
  const verify = await page.request.get(certificateHref!.replace(/\/certificate\?format=html$/, "/verify"));
  expect(verify.status()).toBe(200);
  expect(await verify.json()).toMatchObject({ verify: { ok: true } });

  // The held custodian keeps their conversations; the others' leave the index (other specs search it).
  expect((await apiSearch(page.request, `type:message email:${governance.userEmail}`)).total).toBeGreaterThan(0);
  for (const email of governance.otherUserEmails) {
    await expect
      .poll(async () => (await apiSearch(page.request, `type:message email:${email}`)).total, { timeout: 120_000, message: `${email}'s messages leave the index` })
      .toBe(0);
  }
});

test("an officer exports a search and downloads a ZIP that verifies", async ({ page }) => {
  test.setTimeout(180_000);
  const { governance } = readFixtures();
  const query = `type:message email:${governance.userEmail}`;
  await signInAs(page, accounts.officer.email);
  await page.goto(`/search?${new URLSearchParams({ q: query })}`);
  await expect(page.getByRole("list", { name: "Search results" }).getByRole("listitem").first()).toBeVisible();
  await page.getByRole("button", { name: "Export results" }).click();
  const dialog = page.getByRole("dialog", { name: "New export" });
  await dialog.getByLabel("Name").fill(`E2E export ${stamp}`);
  await dialog.getByRole("button", { name: "Start export" }).click();
  await expect(dialog).toBeHidden();

  await page.goto("/exports");
  const row = page.getByRole("table", { name: "Exports" }).getByRole("row").filter({ hasText: `E2E export ${stamp}` });
  await expect(row).toContainText("Ready", { timeout: 120_000 });
  const sha256 = (await row.locator("code").textContent())!.trim();
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /Download/ }).click()]);
  const file = await download.path();
  expect(createHash("sha256").update(fs.readFileSync(file)).digest("hex")).toBe(sha256);
  const result = await verifyExportZip(file, { expectedSha256: sha256 });
  expect(result.ok, JSON.stringify(result)).toBe(true);
});

test("a reviewer gets no governance controls and is refused by the API", async ({ page }) => {
  await signInAs(page, accounts.reviewer.email);
  await page.goto("/holds");
  await expect(page.getByRole("heading", { name: "Holds", level: 1 })).toBeVisible();
  await expect(page.getByText(HOLD)).toBeVisible();
  await expect(page.getByRole("link", { name: "New hold" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "New hold" })).toHaveCount(0);
  await page.goto("/retention");
  await expect(page.getByRole("table", { name: "Recent runs" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New policy" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Run disposition now" })).toHaveCount(0);
  await page.goto(`/search?${new URLSearchParams({ q: "type:message" })}`);
  await expect(page.getByRole("button", { name: "Save search" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Place hold" })).toHaveCount(0);

  expect((await page.request.post("/api/v1/holds", { data: { name: "Not allowed" } })).status()).toBe(403);
  expect((await page.request.post("/api/v1/retention/policies", { data: { name: "Not allowed", itemTypes: ["CONVERSATION"], periodDays: 1 } })).status()).toBe(403);
  expect((await page.request.post("/api/v1/disposition/runs", { data: {} })).status()).toBe(403);
});
