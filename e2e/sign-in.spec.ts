import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";

// After signing in, the page goes straight from the form to the workspace: no frame in between
// shows an empty page (watched on every DOM change and animation frame of the sign-in page).
test("signing in shows the workspace without a blank page in between", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill(E2E.admin.password);
  await page.evaluate(() => {
    const w = window as unknown as { __blank: number; __samples: number };
    w.__blank = 0;
    w.__samples = 0;
    const check = () => {
      w.__samples++;
      if (!document.body || document.body.innerText.trim() === "") w.__blank++;
    };
    new MutationObserver(check).observe(document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    const frame = () => {
      check();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page).not.toHaveURL(/sign-in/);
  const seen = await page.evaluate(() => {
    const w = window as unknown as { __blank?: number; __samples?: number };
    return { blank: w.__blank ?? null, samples: w.__samples ?? null };
  });
  expect(seen.blank ?? 0).toBe(0);
});
