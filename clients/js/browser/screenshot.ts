// Takes docs/inbox.png, the README's picture: bob's inbox open after a few notifications, all
// read but the newest. Run it with `npm run screenshot` (Herald.Server built); it is not a test.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, it } from "vitest";
import type { Browser } from "playwright-core";
import { badgeShows, bell, item, itemShows, launchBrowser, notify, openInbox, soon } from "./harness.js";

const picture = fileURLToPath(new URL("../../../docs/inbox.png", import.meta.url));
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

it("takes docs/inbox.png", async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 }, colorScheme: "light" });
  const page = await openInbox(context, "bob");

  await notify("carol", {
    recipient: "bob",
    type: "mention",
    title: "carol mentioned you in #release",
    content: "@bob can you check the changelog before we tag 2.4?",
  });
  await notify("alice", {
    recipient: "bob",
    type: "approval",
    title: "Request 42 awaits your review",
    content: "alice approved request 42; it needs your approval next.",
    link: "/approvals/42",
  });
  await badgeShows(page, "2");
  await bell(page).click();
  await page.locator("herald-inbox [part=mark-all]").click();
  await badgeShows(page, "");

  const [reply] = await notify("alice", {
    recipient: "bob",
    type: "comment",
    title: "alice replied to you",
    content: "Looks good to me — shipping it 🚀",
  });
  await itemShows(page, reply!, true);
  await badgeShows(page, "1");
  await item(page, reply!).locator("time").waitFor({ timeout: soon });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: picture });
  await context.close();
});
