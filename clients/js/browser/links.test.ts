import { describe, expect, it } from "vitest";
import {
  badgeShows,
  bell,
  errorsOf,
  heraldUrl,
  item,
  newUser,
  notify,
  openInbox,
  sharedBrowser,
  soon,
  token,
} from "./harness.js";

describe("a notification's link", () => {
  const browser = sharedBrowser({ backForwardCache: true });

  it("leads to the demo's landing page once read; Back, from the back-forward cache, finds the inbox live", async () => {
    const bob = newUser("bob");
    const context = await browser().newContext();
    const page = await openInbox(context, bob);
    const [id] = await notify("alice", { recipient: bob, title: "Request 42", link: "/approvals/42" });

    await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
    await bell(page).click();
    await item(page, id!).locator("[part=open]").click();
    await page.waitForURL("**/link.html?path=%2Fapprovals%2F42", { timeout: soon });
    expect(await page.locator("#link-path").textContent()).toBe("/approvals/42");
    const authorization = `Bearer ${await token(bob)}`;
    const counts = await fetch(`${heraldUrl()}/api/notifications/unread-count`, { headers: { authorization } });
    expect(((await counts.json()) as { total: number }).total).toBe(0);

    await page.goBack({ waitUntil: "commit" });
    await page.locator("herald-inbox[connection=connected]").waitFor({ timeout: soon });
    const [next] = await notify("alice", { recipient: bob, title: "After coming back" });
    await badgeShows(page, "1");
    await item(page, next!).waitFor({ state: "attached", timeout: soon });
    const cached = await page.evaluate(() => (window as unknown as { before?: boolean }).before === true);
    expect(cached, "the page came back from the back-forward cache").toBe(true);
    expect(errorsOf(page)).toEqual([]);

    await context.close();
  });
});
