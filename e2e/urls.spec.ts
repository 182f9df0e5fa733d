import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E } from "../playwright.config";
import { signInRequest } from "./helpers";

// Every dynamic route, found in app/ (pages and API routes alike), with each dynamic segment in
// turn replaced by text that is not valid percent-encoding: the answer is a 404 (the not-found
// page, or the API's JSON error), never a 5xx — signed out and signed in.
function routes(dir: string, segments: string[] = []): string[][] {
  const found: string[][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...routes(path.join(dir, entry.name), [...segments, entry.name]));
    else if (entry.name === "page.tsx" || entry.name === "route.ts") found.push(segments);
  }
  return found;
}

const dynamic = routes(path.join(process.cwd(), "app")).filter((segments) => segments.some((s) => s.startsWith("[")));
const MALFORMED = ["%ZZ", "%E0%A4%A", "%"];

/** The route's URL with its `index`th dynamic segment malformed, the others filled in. */
function urlFor(segments: string[], index: number, bad: string): string {
  let seen = -1;
  const parts = segments
    .filter((s) => !s.startsWith("("))
    .map((s) => {
      if (!s.startsWith("[")) return s;
      seen++;
      if (seen === index) return bad;
      return s === "[workspace]" ? E2E.init.workspace : "x";
    });
  return `/${parts.join("/")}`;
}

async function sweep(request: APIRequestContext) {
  const answers: string[] = [];
  for (const segments of dynamic) {
    const count = segments.filter((s) => s.startsWith("[")).length;
    for (let index = 0; index < count; index++)
      for (const bad of MALFORMED) {
        const url = urlFor(segments, index, bad);
        const response = await request.get(url, { maxRedirects: 0 });
        const body = await response.text();
        const api = url.startsWith("/api/");
        const ok = response.status() === 404 && (api ? /"not_found"/.test(body) : /Not found/.test(body));
        if (!ok) answers.push(`${url} → ${response.status()}`);
      }
  }
  return answers;
}

test("every dynamic route answers a malformed URL with its 404, signed out and signed in", async ({ playwright }) => {
  expect(dynamic.length).toBeGreaterThanOrEqual(10);
  const signedOut = await playwright.request.newContext({ baseURL: E2E.baseURL });
  expect(await sweep(signedOut)).toEqual([]);
  const admin = await playwright.request.newContext({ baseURL: E2E.baseURL });
  await signInRequest(admin, E2E.admin.email, E2E.admin.password);
  expect(await sweep(admin)).toEqual([]);
  // A malformed query string is not a malformed path: the page still answers.
  const page = await admin.get(`/${E2E.init.workspace}/traces?q=%ZZ`, { maxRedirects: 0 });
  expect(page.status()).toBe(200);
  await signedOut.dispose();
  await admin.dispose();
});

test("the browser's default icon request finds the icon on every page", async ({ request }) => {
  const icon = await request.get("/favicon.ico", { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  // An ICO holding PNG images: the reserved zero, type 1 (icon), at least one image.
  const bytes = await icon.body();
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  expect(bytes.readUInt16LE(4)).toBeGreaterThanOrEqual(1);
});

test("a page opened signed out comes back after sign-in, to itself and only within the app", async ({ page }) => {
  for (const path of [
    `/${E2E.init.workspace}/decisions/some-decision`,
    `/${E2E.init.workspace}/traces?agent=a&range=7d`,
  ]) {
    await page.context().clearCookies();
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(path);
  }
  // A callback to another origin is not followed.
  await page.goto("/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal");
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill(E2E.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  expect(new URL(page.url()).host).toBe(new URL(E2E.baseURL).host);
});
