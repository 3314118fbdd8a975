import type { Page, WebSocket } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  badge,
  badgeShownAt,
  badgeShows,
  errorsOf,
  isLeader,
  listed,
  newUser,
  notify,
  now,
  openInbox,
  sharedBrowser,
  soon,
  toasts,
  token,
  watchBadge,
} from "./harness.js";

describe("tabs of one user", () => {
  const browser = sharedBrowser();

  it("share one hub connection, show a push within a second, toast in the focused one, and hand over", async () => {
    const bob = newUser("bob");
    const carol = newUser("carol");
    const bobs = await browser().newContext();
    const carols = await browser().newContext();
    const hubSockets: { page: Page; socket: WebSocket }[] = [];
    bobs.on("page", (page) =>
      page.on("websocket", (socket) => {
        if (socket.url().includes("/hubs/notifications")) {
          hubSockets.push({ page, socket });
        }
      }),
    );

    const first = await openInbox(bobs, bob);
    const second = await openInbox(bobs, bob);
    const carolPage = await openInbox(carols, carol);

    const leaders = await Promise.all([first, second].map(isLeader));
    const [leader, follower] = leaders[0] ? [first, second] : [second, first];
    expect(leaders.filter((l) => l)).toHaveLength(1);
    expect(hubSockets).toHaveLength(1);
    expect(hubSockets[0]!.page).toBe(leader);
    expect(hubSockets[0]!.socket.isClosed()).toBe(false);

    // Carol's connection works (and the server has sent once: the time below is not a cold start's).
    const [forCarol] = await notify("alice", { recipient: carol, title: "For carol" });
    await badgeShows(carolPage, "1");
    const carolToasts = await toasts(carolPage).count();

    // The user looks at the tab without the connection: that one toasts.
    await leader.bringToFront();
    await follower.bringToFront();
    await follower.waitForFunction(() => document.hasFocus(), null, { timeout: soon });
    expect(await leader.evaluate(() => document.hasFocus())).toBe(false);

    await token("alice");
    await Promise.all([leader, follower, carolPage].map(watchBadge));
    const sentAt = now();
    const [hello] = await notify("alice", { recipient: bob, title: "Request 42 awaits your review" });
    const answeredAt = now();
    await Promise.all([leader, follower].map((page) => badgeShows(page, "1", 1000)));
    const [inLeader, inFollower] = await Promise.all([leader, follower].map((page) => badgeShownAt(page, "1")));
    const ms = (at: number) => `${(at - sentAt).toFixed(1)} ms`;
    console.log(
      `Badge after an HTTP send: ${ms(inLeader!)} in the leader tab, ${ms(inFollower!)} in the other ` +
        `(the send answered in ${ms(answeredAt)}).`,
    );

    await toasts(follower).first().waitFor({ timeout: 1000 });
    expect(await toasts(follower).count()).toBe(1);
    expect(await toasts(leader).count()).toBe(0);
    expect((await listed(leader)).map((n) => n.id)).toEqual([hello]);
    expect((await listed(follower)).map((n) => n.id)).toEqual([hello]);

    // Nothing of bob's reached carol: her badge never moved, her list and toasts are as before.
    expect(await carolPage.evaluate(() => (window as unknown as { badgeChanges: unknown[] }).badgeChanges)).toEqual([]);
    expect(await badge(carolPage).textContent()).toBe("1");
    expect((await listed(carolPage)).map((n) => n.id)).toEqual([forCarol]);
    expect(await toasts(carolPage).count()).toBe(carolToasts);

    // The leader goes: the other tab takes the lock, connects, and receives.
    await leader.close();
    await expect.poll(() => isLeader(follower), { timeout: soon }).toBe(true);
    await expect.poll(() => hubSockets.length, { timeout: soon }).toBe(2);
    expect(hubSockets[1]!.page).toBe(follower);
    await follower.locator("herald-inbox[connection=connected]").waitFor({ timeout: soon });

    const [after] = await notify("alice", { recipient: bob, title: "After the handover" });
    await badgeShows(follower, "2");
    expect((await listed(follower)).map((n) => n.id)).toEqual([after, hello]);
    expect(hubSockets[1]!.socket.isClosed()).toBe(false);
    expect([...errorsOf(first), ...errorsOf(second), ...errorsOf(carolPage)]).toEqual([]);

    await bobs.close();
    await carols.close();
  });
});
