import { describe, expect, it } from "vitest";
import { bell, errorsOf, item, listed, newUser, notify, openInbox, sharedBrowser, soon } from "./harness.js";

describe("the list", () => {
  const browser = sharedBrowser();

  it("loads older pages as it scrolls, filters by type and unread, archives and restores", async () => {
    const bob = newUser("bob");
    const sent = await notify(
      "alice",
      ...Array.from({ length: 25 }, (_, i) => ({
        recipient: bob,
        type: i % 5 === 0 ? "approval" : "comment",
        title: `Note ${i + 1}`,
      })),
    );
    const context = await browser().newContext();
    const page = await openInbox(context, bob);
    await bell(page).click();
    await item(page, sent[24]!).waitFor();
    const firstPage = (await listed(page)).length;

    // Scrolling to the end loads the rest, newest first, each once.
    await page.locator("herald-inbox .list").evaluate((list) => list.scrollTo(0, list.scrollHeight));
    await item(page, sent[0]!).waitFor({ state: "attached", timeout: soon });
    const all = await listed(page);

    await page.locator("herald-inbox [part=type-filter]").selectOption("approval");
    const approvals = await listed(page);
    await page.locator("herald-inbox [part=type-filter]").selectOption("");

    await item(page, sent[24]!).locator("[part=toggle-read]").click();
    await page.locator(`herald-inbox li.item[data-id="${sent[24]}"]:not(.unread)`).waitFor({ state: "attached" });
    await page.locator("herald-inbox [part=unread-filter]").check();
    const unreadOnly = await listed(page);
    await page.locator("herald-inbox [part=unread-filter]").uncheck();

    await item(page, sent[23]!).locator("[part=archive]").click();
    await item(page, sent[23]!).waitFor({ state: "detached" });
    await page.locator("herald-inbox [part=archived-filter]").check();
    await item(page, sent[23]!).locator("[part=restore]").waitFor();
    const archivedView = await listed(page);
    await item(page, sent[23]!).locator("[part=restore]").click();
    await page.locator("herald-inbox [part=archived-filter]").uncheck();
    await item(page, sent[23]!).waitFor();

    expect(firstPage).toBeLessThan(25);
    expect(all.map((n) => n.position)).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
    expect(approvals.map((n) => n.title)).toEqual(["Note 21", "Note 16", "Note 11", "Note 6", "Note 1"]);
    expect(unreadOnly).toHaveLength(24);
    expect(unreadOnly.map((n) => n.id)).not.toContain(sent[24]);
    expect(archivedView.map((n) => n.id)).toEqual([sent[23]]);
    expect((await listed(page)).map((n) => n.position)).toEqual(all.map((n) => n.position));
    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });
});
