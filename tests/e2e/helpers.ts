import { expect, type Page } from "@playwright/test";
import { E2E_PASSWORD } from "./accounts";

export async function signIn(page: Page, email: string, password = E2E_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signInAs(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}
