// The conversation reader as a reviewer uses it, on the search workspace the e2e server captures before it
// starts: switching between alternate branches ("2 / 3") and the tree outline; untrusted HTML shown as
// text and never executed; Markdown (table, code, safe and unsafe links); a deep link to a message on
// another branch; the raw JSON view; a file download and the per-message review panel.
// Branched conversations and messages with files are found through the search API with the reviewer's
// own session (the workspace has branchRate 0.3 and fileRate 0.1), so the spec holds for any seed.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { accounts } from "./accounts";
import { readFixtures } from "./fixtures";
import { signInAs } from "./helpers";
import type { SearchHitDocument, SearchResponse } from "@/lib/search/schemas";

async function searchAll(request: APIRequestContext, q: string, pages = 8): Promise<SearchHitDocument[]> {
  const out: SearchHitDocument[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const params = new URLSearchParams({ q, limit: "100" });
    if (cursor) params.set("cursor", cursor);
    const res = await request.get(`/api/v1/search?${params}`);
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as SearchResponse;
    out.push(...body.hits.map((h) => h.document));
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** Fails the test on any JavaScript dialog (alert/confirm/prompt): content must never execute. */
function forbidDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on("dialog", (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}

test("a reviewer switches between alternate branches and sees the tree outline", async ({ page }) => {
  await signInAs(page, accounts.reviewer.email);
  const offBranch = (await searchAll(page.request, "type:message")).find((d) => !d.onActiveBranch && !d.deletedAtSource && d.conversationId && d.messageId);
  expect(offBranch, "a message on an alternate branch in the indexed workspace").toBeTruthy();
  const conversationId = offBranch!.conversationId!;

  await page.goto(`/conversations/${encodeURIComponent(conversationId)}`);
  const thread = page.getByRole("list", { name: "Messages on the active branch" });
  await expect(thread).toBeVisible();
  const outline = page.getByRole("navigation", { name: "Conversation tree" });
  await expect(outline).toBeVisible();
  await expect(outline).toContainText(/\d+ branches/);
  await expect(outline.locator('a[data-on-branch="true"]').first()).toBeVisible();
  const offBranchRows = outline.locator("a:not([data-on-branch])");
  expect(await offBranchRows.count()).toBeGreaterThan(0);

  // The first message with alternatives: its switcher reads "k / n"; go to another version.
  const switcher = thread.getByTestId("branch-switcher").first();
  await expect(switcher).toBeVisible();
  const [, k, n] = (await switcher.textContent())!.match(/(\d+) \/ (\d+)/)!.map(Number);
  expect(n).toBeGreaterThan(1);
  const row = switcher.locator("xpath=ancestor::li[@data-message-id][1]");
  const oldId = (await row.getAttribute("data-message-id"))!;
  const oldText = (await row.innerText()).trim();
  const toOther = switcher.getByRole("link", { name: k > 1 ? "Previous version" : "Next version" });
  const otherId = new URL((await toOther.getAttribute("href"))!, "http://x").searchParams.get("m")!;
  await toOther.click();
  await expect(page).toHaveURL(new RegExp(`[?&]m=${encodeURIComponent(otherId)}`));
  const other = page.locator(`[id="m-${otherId}"]`);
  await expect(other).toBeVisible();
  await expect(other.getByTestId("branch-switcher")).toContainText(`${k > 1 ? k - 1 : k + 1} / ${n}`);
  expect((await other.innerText()).trim()).not.toBe(oldText);
  await expect(page.locator(`[id="m-${oldId}"]`)).toHaveCount(0);
  await expect(outline.locator('a[aria-current="location"]')).toBeVisible();
  // Any alternative to a message of the active branch lies off it, and the page says so.
  await expect(page.getByRole("status").filter({ hasText: "Showing an alternate branch" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Messages on the branch through the linked message" })).toBeVisible();
});

test("untrusted HTML is shown as text and never executed", async ({ page }) => {
  const dialogs = forbidDialogs(page);
  const fx = readFixtures();
  await signInAs(page, accounts.reviewer.email);
  await page.goto(`/conversations/${encodeURIComponent(fx.conversationId)}?m=${encodeURIComponent(fx.xssMessageId)}#m-${encodeURIComponent(fx.xssMessageId)}`);
  const message = page.locator(`[id="m-${fx.xssMessageId}"]`);
  await expect(message).toContainText(fx.xssText);
  await expect(message).toBeInViewport();
  await expect(page.locator("[data-message-id] script")).toHaveCount(0);
  await expect(page.locator("[data-message-id] img")).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  // Give any injected handler every chance to have run: the page is fully loaded and idle.
  await page.waitForLoadState("networkidle");
  expect(dialogs).toEqual([]);
});

test("Markdown renders tables and code; only safe links are links", async ({ page }) => {
  const dialogs = forbidDialogs(page);
  const fx = readFixtures();
  await signInAs(page, accounts.reviewer.email);
  await page.goto(`/conversations/${encodeURIComponent(fx.conversationId)}?m=${encodeURIComponent(fx.markdownMessageId)}`);
  const message = page.locator(`[id="m-${fx.markdownMessageId}"]`);
  const table = message.getByRole("table");
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Region" })).toBeVisible();
  await expect(table.getByRole("cell", { name: "North" })).toBeVisible();
  await expect(message.locator("pre code")).toHaveText("print('<b>not bold</b>')");
  await expect(message.locator("b")).toHaveCount(0);
  const policy = message.getByRole("link", { name: "the policy" });
  await expect(policy).toHaveAttribute("href", "https://example.com/policy");
  await expect(policy).toHaveAttribute("rel", "noopener noreferrer");
  await expect(policy).toHaveAttribute("target", "_blank");
  await expect(message.getByRole("link", { name: /a script link/ })).toHaveCount(0);
  await expect(message.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(message).toContainText("a script link");
  await expect(message).toContainText("javascript:alert(3)");
  expect(dialogs).toEqual([]);
});

test("a deep link to a message on another branch opens that branch and highlights it", async ({ page }) => {
  await signInAs(page, accounts.reviewer.email);
  const offBranch = (await searchAll(page.request, "type:message")).find((d) => !d.onActiveBranch && !d.deletedAtSource && d.conversationId && d.messageId)!;
  expect(offBranch).toBeTruthy();
  const { conversationId, messageId } = offBranch as { conversationId: string; messageId: string };
  // Only the hash names the message: the server renders the active branch, the page then asks for its branch.
  await page.goto(`/conversations/${encodeURIComponent(conversationId)}#m-${encodeURIComponent(messageId)}`);
  await expect(page).toHaveURL(new RegExp(`\\?m=${encodeURIComponent(messageId)}#m-${encodeURIComponent(messageId)}$`));
  const message = page.locator(`[id="m-${messageId}"]`);
  await expect(message).toBeVisible();
  await expect(message).toHaveClass(/message-highlighted/);
  await expect(message).toBeInViewport();
  await expect(page.getByRole("list", { name: "Messages on the branch through the linked message" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Showing an alternate branch" })).toBeVisible();
});

test("raw JSON of a message, a file download and the message's review panel", async ({ page }) => {
  const fx = readFixtures();
  await signInAs(page, accounts.reviewer.email);
  await page.goto(`/conversations/${encodeURIComponent(fx.conversationId)}?m=${encodeURIComponent(fx.xssMessageId)}`);
  const message = page.locator(`[id="m-${fx.xssMessageId}"]`);

  await message.getByRole("button", { name: "Raw JSON of this message" }).click();
  const raw = page.getByRole("dialog", { name: "Raw JSON" });
  await expect(raw.getByTestId("raw-message-id")).toHaveText(fx.xssMessageId);
  await expect(raw.getByLabel("Raw JSON")).toContainText(`"id": "${fx.xssMessageId}"`);
  await expect(raw.getByLabel("Raw JSON")).toContainText("<script>alert(2)</script>");
  await raw.getByRole("button", { name: "Close" }).click();
  await expect(raw).toBeHidden();

  await message.getByRole("button", { name: "Review this message" }).click();
  const review = page.getByRole("dialog", { name: "Review message" });
  await expect(review.getByRole("heading", { name: "Review", exact: true })).toBeVisible();
  await expect(review.getByText(/tags/i).first()).toBeVisible();
  await review.getByRole("button", { name: "Close" }).click();

  // A message with a stored file: download it through the audited route.
  const withFile = (await searchAll(page.request, "type:message has:file")).filter((d) => d.conversationId && d.messageId && !d.deletedAtSource);
  expect(withFile.length, "messages with files in the indexed workspace").toBeGreaterThan(0);
  for (const d of withFile) {
    await page.goto(`/conversations/${encodeURIComponent(d.conversationId!)}?m=${encodeURIComponent(d.messageId!)}`);
    const files = page.locator(`[id="m-${d.messageId}"]`).getByRole("list", { name: "Files" });
    await expect(files).toBeVisible();
    const link = files.locator('a[href^="/api/v1/files/"]').first();
    if ((await link.count()) === 0) {
      // Every file of this message expired before capture: said so, and not offered for download.
      await expect(files).toContainText(/Expired at source|Capture failed|Not downloaded/);
      continue;
    }
    const name = (await link.textContent())!.trim();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    if (/^[\w.\- ]+$/.test(name)) expect(download.suggestedFilename()).toBe(name);
    else expect(download.suggestedFilename()).not.toBe("");
    expect(await download.failure()).toBeNull();
    await expect(files).toContainText(/SHA-256 [0-9a-f]{64}/);
    return;
  }
  test.info().annotations.push({ type: "skip-reason", description: "no message in the workspace has a stored (non-expired) file" });
});
