// The setup flow users know: Sources → New → Save, Create Authorization (a bad key is refused and nothing
// is saved; a good key is tested and only its last 4 shown), Sync now with live progress, then the run in
// the sync history. Runs against the Compliance API simulator the e2e server starts (simulator-info.ts).
import { expect, test, type Page } from "@playwright/test";
import { accounts } from "./accounts";
import { signInAs } from "./helpers";
import { getSimulatorInfo } from "./simulator-info";

test.describe.configure({ mode: "serial" });

const sourceName = `E2E simulator workspace ${Date.now().toString(36)}`;

async function expectNoSecretInPage(page: Page, secret: string) {
  expect(await page.content()).not.toContain(secret);
}

test("an admin connects a workspace, is refused a bad key, authorizes a good one and syncs", async ({ page }) => {
  test.setTimeout(180_000);
  const sim = getSimulatorInfo();
  const last4 = sim.validKey.slice(-4);

  await signInAs(page, accounts.admin.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sources" }).click();
  await expect(page.getByRole("heading", { name: "Sources", level: 1 })).toBeVisible();

  // New source: the form validates inline before anything is sent.
  await page.getByRole("button", { name: "New source" }).click();
  await expect(page.getByRole("heading", { name: "New source", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Source type")).toHaveValue("OPENAI_CHATGPT");
  await expect(page.getByLabel("Source type").locator("option:checked")).toHaveText("OpenAI ChatGPT");
  await expect(page.getByLabel("API base URL")).toHaveValue("https://api.chatgpt.com/v1");
  await page.getByLabel("Workspace ID").fill("not-a-uuid");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Name is required")).toBeVisible();
  await expect(page.getByLabel("Workspace ID")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/admin\/sources\/new$/);

  await page.getByLabel("Name").fill(sourceName);
  await page.getByLabel("Description").fill("Compliance API simulator used by the end-to-end tests");
  await page.getByLabel("Workspace ID").fill(sim.workspaceId);
  await page.getByLabel("API base URL").fill(sim.apiBaseUrl);
  await page.getByRole("button", { name: "Save" }).click();

  await expect(page).toHaveURL(/\/admin\/sources\/(?!new$)[^/]+$/);
  await expect(page.getByRole("heading", { name: sourceName, level: 1 })).toBeVisible();
  await expect(page.getByText(sim.workspaceId)).toBeVisible();
  await expect(page.getByText(sim.apiBaseUrl.replace(/\/+$/, ""), { exact: true })).toBeVisible();

  const authorization = page.getByRole("region", { name: "Authorization", exact: true });
  const sync = page.getByRole("region", { name: "Sync", exact: true });
  await expect(authorization.getByText("No authorization", { exact: true })).toBeVisible();
  await expect(sync.getByRole("button", { name: "Sync now" })).toBeDisabled();

  // Capture Enabled is a real switch that round-trips through the API.
  const captureSwitch = page.getByRole("switch", { name: "Capture Enabled" });
  await expect(captureSwitch).toHaveAttribute("aria-checked", "true");
  await captureSwitch.click();
  await expect(captureSwitch).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText("Capture paused");
  await captureSwitch.click();
  await expect(captureSwitch).toHaveAttribute("aria-checked", "true");

  // A rejected key: the API's explanation shows in the dialog, which stays open, and nothing is saved.
  await authorization.getByRole("button", { name: "Create Authorization" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Authorization" });
  await expect(dialog.getByLabel("Secret key")).toHaveAttribute("type", "password");
  await dialog.getByLabel("Secret key").fill(sim.invalidKey);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("401");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(authorization.getByText("No authorization", { exact: true })).toBeVisible();

  // A good key: tested, saved, and shown only by its last four characters.
  await authorization.getByRole("button", { name: "Create Authorization" }).click();
  await dialog.getByLabel("Secret key").fill(sim.validKey);
  await dialog.getByRole("button", { name: "Create", exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText(`Authorization created: key ending …${last4} is valid`);
  await expect(authorization.getByText(`•••• ${last4}`)).toBeVisible();
  await expect(authorization.getByText("Valid", { exact: true })).toBeVisible();
  await expectNoSecretInPage(page, sim.validKey);

  // Sync now: live progress, then the outcome with counts.
  const syncNow = sync.getByRole("button", { name: "Sync now" });
  await expect(syncNow).toBeEnabled();
  await syncNow.click();
  await expect(sync.getByRole("progressbar", { name: "Sync progress" })).toBeVisible();
  const outcome = sync.getByText(/^Finished: /);
  await expect(outcome).toBeVisible({ timeout: 120_000 });
  await expect(outcome).toContainText(/[1-9][\d,]* conversations?\b/);
  await expect(sync.getByRole("progressbar", { name: "Sync progress" })).toHaveAttribute("aria-valuenow", "100");

  // The run is in the history as succeeded, with the conversations it listed.
  const history = page.getByRole("table", { name: "Sync runs, newest first" });
  const headers = (await history.getByRole("columnheader").allTextContents()).map((h) => h.trim());
  const conversationsColumn = headers.findIndex((h) => /^conversations$/i.test(h));
  expect(conversationsColumn).toBeGreaterThan(-1);
  const latestRun = history.getByRole("row").nth(1);
  await expect(latestRun).toContainText("Succeeded", { timeout: 15_000 });
  await expect(latestRun.getByRole("cell").nth(conversationsColumn)).toHaveText(/^[1-9][\d,]*$/);
  await latestRun.getByRole("button", { name: /^Streams/ }).click();
  await expect(page.getByRole("table", { name: /^Per-stream counts for the run/ })).toContainText("Conversations");

  // The secret never reaches the browser, not even after a reload.
  await expectNoSecretInPage(page, sim.validKey);
  await page.reload();
  await expect(page.getByRole("heading", { name: sourceName, level: 1 })).toBeVisible();
  await expectNoSecretInPage(page, sim.validKey);
});

test("an auditor sees the source read-only", async ({ page }) => {
  await signInAs(page, accounts.auditor.email);
  await page.goto("/admin/sources");
  await expect(page.getByRole("heading", { name: "Sources", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "New source" })).toHaveCount(0);
  await page.getByRole("link", { name: sourceName }).click();
  await expect(page.getByRole("heading", { name: sourceName, level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "Sync runs, newest first" })).toBeVisible();
  await expect(page.getByText("Capture enabled", { exact: true })).toBeVisible();
  for (const name of ["Create Authorization", "Replace key", "Delete authorization", "Sync now"]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(page.getByRole("switch")).toHaveCount(0);
});

test("deleting the authorization stops capture at once", async ({ page }) => {
  const sim = getSimulatorInfo();
  await signInAs(page, accounts.admin.email);
  await page.goto("/admin/sources");
  await page.getByRole("link", { name: sourceName }).click();
  const authorization = page.getByRole("region", { name: "Authorization", exact: true });
  await expect(authorization.getByText(`•••• ${sim.validKey.slice(-4)}`)).toBeVisible();

  await authorization.getByRole("button", { name: "Delete authorization" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete authorization?" });
  await expect(confirm).toContainText("Capture stops at once");
  await confirm.getByRole("button", { name: "Delete authorization" }).click();
  await expect(confirm).toBeHidden();
  await expect(authorization.getByText("No authorization", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Sync", exact: true }).getByRole("button", { name: "Sync now" })).toBeDisabled();
});

test("a reviewer has no Sources entry and cannot open the page", async ({ page }) => {
  await signInAs(page, accounts.reviewer.email);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Search" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Sources" })).toHaveCount(0);
  await page.goto("/admin/sources");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New source" })).toHaveCount(0);
});

test("captured conversations appear in the archive and open on their active thread", async ({ page }) => {
  await signInAs(page, accounts.reviewer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Conversations", exact: true }).click();
  const rows = page.getByRole("table", { name: "Conversations" }).getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(10);
  await rows.nth(1).getByRole("link").click();
  await expect(page.getByRole("list", { name: "Messages on the active branch" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByLabel("Conversation details")).toContainText(/\d+ in \d+ branch/);
});
