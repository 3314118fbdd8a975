import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  badgeShows,
  errorsOf,
  isLeader,
  listed,
  newUser,
  notify,
  openInbox,
  sharedBrowser,
  soon,
} from "./harness.js";

async function signIn(page: Page, user: string): Promise<void> {
  await page.locator("#signin-user").fill(user);
  await page.locator("#signin-button").click();
  await page.locator("#account-user", { hasText: user }).waitFor({ timeout: soon });
  await page.locator("herald-inbox[connection=connected]").waitFor({ timeout: soon });
}

describe("signing in on the demo page", () => {
  const browser = sharedBrowser();

  it("switches the inbox to another user and back, with each one's own counts and connection", async () => {
    const bob = newUser("bob");
    const carol = newUser("carol");
    const context = await browser().newContext();
    const page = await openInbox(context, bob);

    const forBob = await notify(
      "alice",
      { recipient: bob, title: "One for bob" },
      { recipient: bob, title: "Two for bob" },
      { recipient: bob, title: "Three for bob" },
    );
    await badgeShows(page, "3");

    // Carol's counts have a lower version than bob's: they must be shown all the same.
    await signIn(page, carol);
    expect(new URL(page.url()).searchParams.get("user")).toBe(carol);
    await badgeShows(page, "");
    expect(await listed(page)).toEqual([]);
    const [forCarol] = await notify("alice", { recipient: carol, title: "One for carol" });
    await badgeShows(page, "1");
    expect((await listed(page)).map((n) => n.id)).toEqual([forCarol]);

    // Back as bob in the same tab: the tab takes bob's lock again and connects.
    await signIn(page, bob);
    await badgeShows(page, "3");
    expect(await isLeader(page)).toBe(true);
    const [fourth] = await notify("alice", { recipient: bob, title: "Four for bob" });
    await badgeShows(page, "4");
    expect((await listed(page)).map((n) => n.id)).toEqual([fourth, ...[...forBob].reverse()]);

    await page.locator("#signout").click();
    await page.locator("herald-inbox").waitFor({ state: "hidden", timeout: soon });
    expect(await page.locator("#connection").getAttribute("data-state")).toBe("signedout");
    expect(errorsOf(page)).toEqual([]);

    await context.close();
  });
});
