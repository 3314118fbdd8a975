import { describe, expect, it } from "vitest";
import {
  badgeShows,
  bell,
  errorsOf,
  item,
  itemShows,
  listed,
  newUser,
  notify,
  openInbox,
  sharedBrowser,
} from "./harness.js";

describe("read state across tabs", () => {
  const browser = sharedBrowser();

  it("follows in the other tab what one tab saw and read", async () => {
    const bob = newUser("bob");
    const context = await browser().newContext();
    const one = await openInbox(context, bob);
    const other = await openInbox(context, bob);

    const [first, second] = await notify(
      "alice",
      { recipient: bob, type: "comment", title: "alice replied to you" },
      { recipient: bob, type: "approval", title: "Request 42 awaits your review" },
    );
    await badgeShows(one, "2");
    await badgeShows(other, "2");
    expect(await bell(other).getAttribute("aria-label")).toBe("Notifications, 2 new");

    // Opening the bell sees both: the badges go, and both stay unread.
    await bell(one).click();
    await badgeShows(one, "");
    await badgeShows(other, "");
    expect((await listed(other)).map((n) => n.unread)).toEqual([true, true]);

    // Reading one in the first tab marks it read in the other.
    await item(one, first!).locator("[part=toggle-read]").click();
    await itemShows(other, first!, false);
    await itemShows(other, second!, true);

    // A new one, unseen while the panel stays open: reading it takes the badge away everywhere.
    const [third] = await notify("alice", { recipient: bob, type: "mention", title: "alice mentioned you" });
    await badgeShows(one, "1");
    await badgeShows(other, "1");
    await item(one, third!).locator("[part=toggle-read]").click();
    await badgeShows(other, "");
    await itemShows(other, third!, false);
    expect(await bell(other).getAttribute("aria-label")).toBe("Notifications");

    // "Mark all read" in the other tab reaches the first.
    await other.bringToFront();
    await bell(other).click();
    await other.locator("herald-inbox [part=mark-all]").click();
    await itemShows(one, second!, false);
    expect((await listed(one)).map((n) => n.unread)).toEqual([false, false, false]);
    expect([...errorsOf(one), ...errorsOf(other)]).toEqual([]);

    await context.close();
  });
});
