import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Relay,
  badgeShows,
  errorsOf,
  heraldUrl,
  isLeader,
  items,
  launchBrowser,
  listed,
  newUser,
  notify,
  openInbox,
  soon,
} from "./harness.js";

describe("a browser that goes offline", () => {
  let browser: Browser;
  let relay: Relay;

  beforeAll(async () => {
    browser = await launchBrowser();
    relay = await Relay.open(heraldUrl());
  });

  afterAll(async () => {
    await browser?.close();
    await relay?.close();
  });

  it("gets what was sent meanwhile once back, once each and in order, in every tab", async () => {
    const bob = newUser("bob");
    const context = await browser.newContext();
    const one = await openInbox(context, bob, relay.url);
    const other = await openInbox(context, bob, relay.url);
    const [leader, follower] = (await isLeader(one)) ? [one, other] : [other, one];

    // Offline mode fails the page's requests; pulling the relay drops the hub's WebSocket.
    await context.setOffline(true);
    relay.unplug();
    await leader.locator("#connection[data-state=reconnecting]").waitFor({ timeout: soon });
    await follower.locator("herald-inbox[connection=reconnecting]").waitFor({ timeout: soon });

    const ids = await notify(
      "alice",
      { recipient: bob, title: "First while away" },
      { recipient: bob, title: "Second while away" },
      { recipient: bob, title: "Third while away" },
    );
    expect(await items(leader).count()).toBe(0);

    relay.plug();
    await context.setOffline(false);

    for (const page of [leader, follower]) {
      await badgeShows(page, "3", 60_000);
      await page.locator("#connection[data-state=connected]").waitFor({ timeout: soon });
      const shown = await listed(page);
      expect(shown.map((n) => n.id)).toEqual([...ids].reverse());
      expect(shown.map((n) => n.position)).toEqual([3, 2, 1]);
      expect(shown.map((n) => n.title)).toEqual(["Third while away", "Second while away", "First while away"]);
    }

    expect([...errorsOf(one), ...errorsOf(other)]).toEqual([]);
    await context.close();
  });
});
