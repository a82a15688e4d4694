// Search as a reviewer uses it, on the search workspace the e2e server syncs and indexes before it starts:
// a phrase plus two filters set from the filter panel, highlighted hits and facet counts, a hit that opens
// its conversation scrolled to the message, then Save search, leave, and rerun it from the saved list.
//
// The phrase is not hard-coded: the spec asks the API (with the reviewer's own session) for recent
// assistant messages and takes two adjacent words from one of them, then checks that the exact query it
// is about to type returns that message on the first page. So it holds for any seed, as long as the demo
// data holds one English assistant message on its conversation's active branch.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { accounts } from "./accounts";
import { signInAs } from "./helpers";
import type { SearchHitView, SearchResponse } from "@/lib/search/schemas";

test.describe.configure({ mode: "serial" });

// Words the English text search configuration drops or that are too common to make a narrow phrase.
const STOPWORDS = new Set(
  "about above after again against because before being below between cannot could doing during further having other should their there these those through under until where which while would yours yourself themselves ourselves itself myself hello thanks please".split(
    " ",
  ),
);

type Target = { hit: SearchHitView; phrase: string; email: string; query: string };

async function apiSearch(request: APIRequestContext, q: string, limit = 25): Promise<SearchResponse> {
  const res = await request.get(`/api/v1/search?${new URLSearchParams({ q, limit: String(limit) })}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as SearchResponse;
}

/** Two adjacent plain words inside a snippet (never its first or last word, which may be cut). */
function wordPairs(hit: SearchHitView): string[] {
  const words = hit.snippet.map((s) => s.text).join("").split(/\s+/);
  const pairs: string[] = [];
  for (let i = 1; i + 2 < words.length; i++) {
    const [a, b] = [words[i], words[i + 1]];
    if (/^[a-z]{5,}$/.test(a) && /^[a-z]{5,}$/.test(b) && !STOPWORDS.has(a) && !STOPWORDS.has(b) && a !== b) pairs.push(`${a} ${b}`);
  }
  return pairs;
}

/** A message, a phrase from it and its custodian, such that the full query finds it on the first page. */
async function findTarget(request: APIRequestContext): Promise<Target> {
  const recent = await apiSearch(request, "type:message role:assistant", 100);
  for (const hit of recent.hits) {
    const d = hit.document;
    if (!d.onActiveBranch || d.deletedAtSource || !d.conversationId || !d.messageId || !d.userEmail) continue;
    // The email: filter is case-insensitive and written lowercase in the normalized query.
    const email = d.userEmail.toLowerCase();
    for (const phrase of wordPairs(hit).slice(0, 3)) {
      const query = `"${phrase}" role:assistant email:${email}`;
      const check = await apiSearch(request, query);
      const found = check.hits.find((h) => h.document.id === d.id);
      const marked = found?.snippet.filter((s) => s.match).map((s) => s.text.toLowerCase()).join(" ") ?? "";
      if (phrase.split(" ").every((word) => new RegExp(`\\b${word}\\b`).test(marked))) {
        return { hit, phrase, email, query };
      }
    }
  }
  throw new Error("No English assistant message with a usable phrase in the indexed demo data");
}

test("a reviewer searches with a phrase and filters, opens a hit, saves the search and reruns it", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, accounts.reviewer.email);

  // The e2e server syncs and indexes the demo workspace; indexing may still be finishing.
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/v1/search?${new URLSearchParams({ q: "type:message role:assistant", limit: "1" })}`);
        return res.ok() ? ((await res.json()) as SearchResponse).total : 0;
      },
      { timeout: 120_000, message: "demo data indexed" },
    )
    .toBeGreaterThan(0);
  const target = await findTarget(page.request);
  const { conversationId, messageId } = target.hit.document;

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "Search", level: 1 })).toBeVisible();

  // A query that does not parse is explained in place and not run.
  const box = page.getByLabel("Search query");
  await box.fill(`"${target.phrase}`);
  await box.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: /quote/i })).toBeVisible();
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(page).not.toHaveURL(/[?&]q=/);

  // The phrase, then two filters from the panel: each edits the query text, which the URL carries.
  await box.fill(`"${target.phrase}"`);
  await box.press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByTestId("search-total")).toHaveText(/^(about )?[\d,]+ results?$/);
  // Facet groups are labelled too ("Role", "Custodian"): address the panel's controls inside the panel.
  const filters = page.getByRole("region", { name: "Filters", exact: true });
  await filters.getByLabel("Role", { exact: true }).selectOption("assistant");
  await expect(box).toHaveValue(`"${target.phrase}" role:assistant`);
  const custodian = filters.getByLabel("Custodian", { exact: true });
  await custodian.fill(target.email);
  await custodian.press("Enter");
  await expect(box).toHaveValue(target.query);
  expect(new URL(page.url()).searchParams.get("q")).toBe(target.query);

  // Highlighted hits and facet counts for exactly that search.
  const results = page.getByRole("list", { name: "Search results" });
  const hitLink = results.locator(`a[href*="#m-${encodeURIComponent(messageId!)}"]`);
  await expect(hitLink).toBeVisible();
  const [first, second] = target.phrase.split(" ");
  // Other hits may highlight other forms of the words (stemming); the target's snippet has the words themselves.
  // `has` is matched inside each list item, so it takes a locator relative to the item (page-rooted).
  const targetHit = results.getByRole("listitem").filter({ has: page.locator(`a[href*="#m-${encodeURIComponent(messageId!)}"]`) });
  await expect(targetHit.locator("mark").filter({ hasText: new RegExp(`\\b${first}\\b`, "i") }).first()).toBeVisible();
  await expect(targetHit.locator("mark").filter({ hasText: new RegExp(`\\b${second}\\b`, "i") }).first()).toBeVisible();
  const total = (await page.getByTestId("search-total").textContent())!;
  const refine = page.getByRole("region", { name: "Refine" });
  await expect(refine.getByRole("region", { name: "Role" }).getByRole("button", { name: /^Assistant [\d,]+$/ })).toHaveAttribute("aria-pressed", "true");
  await expect(refine.getByRole("region", { name: "Custodian" }).getByRole("button", { pressed: true })).toBeVisible();
  const hrefs = await results.getByRole("heading").getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));

  // Opening the hit lands on its conversation, scrolled to the message.
  await hitLink.click();
  await expect(page).toHaveURL(new RegExp(`/conversations/${encodeURIComponent(conversationId!)}\\?m=${encodeURIComponent(messageId!)}&q=.+#m-${encodeURIComponent(messageId!)}$`));
  const message = page.locator(`[id="m-${messageId}"]`);
  await expect(message).toBeInViewport();
  // The query's words are marked in the message the hit pointed at.
  await expect(message.locator("mark").filter({ hasText: new RegExp(`\\b${first}\\b`, "i") }).first()).toBeVisible();

  // Back restores the search from the URL; save it.
  await page.goBack();
  await expect(box).toHaveValue(target.query);
  await page.getByRole("button", { name: "Save search" }).click();
  const dialog = page.getByRole("dialog", { name: "Save search" });
  const name = `Phrase ${first} ${Date.now().toString(36)}`;
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(dialog).toBeHidden();
  const saved = page.getByRole("region", { name: "Saved searches" });
  await expect(saved.getByRole("link", { name })).toBeVisible();

  // Leave, come back to a blank search, rerun it from the saved list: the same results.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Conversations" }).click();
  await expect(page.getByRole("heading", { name: "Conversations", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
  await expect(box).toHaveValue("");
  await saved.getByRole("link", { name }).click();
  await expect(box).toHaveValue(target.query);
  await expect(page.getByTestId("search-total")).toHaveText(total);
  await expect(results.locator(`a[href*="#m-${encodeURIComponent(messageId!)}"]`)).toBeVisible();
  expect(await results.getByRole("heading").getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual(hrefs);
  await expect(results.locator("mark").first()).toBeVisible();
});

test("GPT and memory hits open the GPT's configuration history and the custodian's memories", async ({ page }) => {
  await signInAs(page, accounts.reviewer.email);
  await page.goto(`/search?${new URLSearchParams({ q: "type:gpt" })}`);
  const results = page.getByRole("list", { name: "Search results" });
  const gptHit = results.getByRole("heading").getByRole("link").first();
  const gptName = (await gptHit.textContent())!.trim();
  await gptHit.click();
  await expect(page).toHaveURL(/\/gpts\/[^/?#]+/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(gptName);
  await expect(page.getByRole("table", { name: "Configuration versions" }).getByRole("row")).not.toHaveCount(1);

  await page.goto(`/search?${new URLSearchParams({ q: "type:memory" })}`);
  await results.getByRole("heading").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/custodians\/[^/?#]+/);
  await expect(page.getByRole("heading", { name: /^Memories \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole("list", { name: /^Memories/ }).getByRole("listitem").first()).toBeVisible();
});
