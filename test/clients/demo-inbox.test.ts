// The demo page in a real browser (Debian's chromium, headless) against the suite's `wrangler dev`: the official
// @novu/js Inbox UI receives a notification over its websocket, counts it, and marks it read on the server.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Novu } from "@novu/api";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const executablePath = "/usr/bin/chromium";
const apiUrl = inject("apiUrl");
const development = inject("development");
const production = inject("production");
const artifacts = path.resolve(import.meta.dirname, "..", "..", "test-artifacts");
const subscriberId = `demo-${Date.now().toString(36)}`;
const userDataDir = mkdtempSync(path.join(tmpdir(), "novu-edge-chromium-"));
let browser: BrowserContext;

const demoUrl = (applicationIdentifier: string, subscriber: string) =>
  `${apiUrl}/demo?${new URLSearchParams({ applicationIdentifier, subscriberId: subscriber })}`;

/**
 * Opens the demo and waits until the Inbox has its session (the bell shows a count) and its socket is up;
 * `frames` collects what the page's websockets receive.
 */
async function openDemo(applicationIdentifier: string, subscriber: string) {
  const page = await browser.newPage();
  // A step that cannot happen fails with its own message, well inside the test's timeout.
  page.setDefaultTimeout(15_000);
  const failures: string[] = [];
  const frames: string[] = [];
  page.on("pageerror", (error) => failures.push(error.message));
  // Any Inbox call the Worker refuses is a compatibility gap with @novu/js's UI, whatever the screen shows.
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith("/v1/") && response.status() >= 400)
      failures.push(`${response.status()} ${url.pathname}${url.search}`);
  });
  page.on("websocket", (socket) => {
    socket.on("framereceived", ({ payload }) => frames.push(String(payload)));
  });
  await page.goto(demoUrl(applicationIdentifier, subscriber));
  await page.locator("#unread-count").waitFor();
  await expect.poll(() => page.locator("#trigger").isEnabled()).toBe(true);
  // The socket is up before anything is sent, so what arrives next arrives live.
  await expect.poll(() => page.locator("#live").textContent(), { timeout: 15_000 }).toBe("live");
  expect(failures).toEqual([]);
  return { page, frames, failures };
}

const unreadCount = (page: Page) => page.locator("#unread-count").textContent();

beforeAll(async () => {
  // A missing browser is a broken setup (.ci/run installs it), never a reason to skip.
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: apt-get install -y --no-install-recommends chromium`);
  }
  const bundle = await fetch(`${apiUrl}/demo/inbox.js`);
  if (!bundle.ok) throw new Error("The demo bundle is missing: run `npm run build:demo` (npm test does)");
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(userDataDir, { recursive: true, force: true });
});

describe("the demo Inbox page in chromium", () => {
  it("shows a triggered notification live, counts it on the bell, and marks it read", async () => {
    const { page, frames, failures } = await openDemo(development.applicationIdentifier, subscriberId);
    expect(await unreadCount(page)).toBe("0");
    const notifications = page.locator("#notifications");
    const subject = notifications.getByText(`Hello ${subscriberId}`);
    expect(await subject.count()).toBe(0);

    await page.locator("#trigger").click();
    await expect.poll(() => unreadCount(page), { timeout: 15_000 }).toBe("1");
    await subject.waitFor();
    await expect.poll(() => page.locator("#status").textContent()).toMatch(/^Sent/);

    const item = notifications.locator(".nv-notification").filter({ hasText: `Hello ${subscriberId}` });
    await item.hover();
    await item.locator(".nv-notificationRead__button").click();
    await expect.poll(() => unreadCount(page), { timeout: 15_000 }).toBe("0");

    // What the page showed is what the server holds: one notification for this subscriber, now read.
    const server = new Novu({
      secretKey: development.secretKey,
      serverURL: apiUrl,
      retryConfig: { strategy: "none" },
    });
    const stored = await server.subscribers.notifications.list({ subscriberId });
    expect(stored.result.data.map((n) => [n.subject, n.isRead])).toEqual([[`Hello ${subscriberId}`, true]]);
    expect(failures).toEqual([]);
    // Live: the page never reloaded, and the notification reached it as a socket frame.
    expect(frames.some((frame) => frame.includes('"event":"notification_received"'))).toBe(true);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, "demo-inbox.png"), fullPage: true });
    await page.close();
  });

  it("explains, rather than sends, when the application identifier is a production one", async () => {
    const { page } = await openDemo(production.applicationIdentifier, subscriberId);
    await page.locator("#trigger").click();
    await expect
      .poll(() => page.locator("#status").textContent())
      .toBe("Failed: The demo only triggers workflows in a development environment");
    expect(await unreadCount(page)).toBe("0");
    await page.close();
  });

  it("tells the visitor how to open it when the query string is missing", async () => {
    const page = await browser.newPage();
    await page.goto(`${apiUrl}/demo`);
    await expect.poll(() => page.locator("#status").textContent()).toContain("applicationIdentifier=");
    expect(await page.locator("#trigger").isDisabled()).toBe(true);
    await page.close();
  });
});
