import { describe, expect, it } from "vitest";
import { bell, errorsOf, item, itemShows, newUser, notify, openInbox, panel, sharedBrowser } from "./harness.js";

describe("keyboard and roles", () => {
  const browser = sharedBrowser();

  it("opens, reads and closes the inbox from the keyboard, with the roles a screen reader needs", async () => {
    const bob = newUser("bob");
    const context = await browser().newContext();
    const page = await openInbox(context, bob);
    const [id] = await notify("alice", { recipient: bob, type: "comment", title: "alice replied to you" });
    await item(page, id!).waitFor({ state: "attached" });

    await bell(page).focus();
    await page.keyboard.press("Enter");
    await panel(page).waitFor({ state: "visible" });
    const roles = await page.locator("herald-inbox").evaluate((host) => {
      const root = host.shadowRoot!;
      const bellButton = root.querySelector(".bell")!;
      return {
        bell: bellButton.tagName,
        expanded: bellButton.getAttribute("aria-expanded"),
        controls: root.getElementById(bellButton.getAttribute("aria-controls") ?? "")?.getAttribute("role"),
        list: root.querySelector(".list")?.getAttribute("role"),
        labelled: root.querySelector(".panel")?.getAttribute("aria-labelledby"),
      };
    });

    // Marking read with the keyboard: the row's button takes Enter like a click.
    await item(page, id!).locator("[part=toggle-read]").focus();
    await page.keyboard.press("Enter");
    await itemShows(page, id!, false);

    await page.keyboard.press("Escape");
    await panel(page).waitFor({ state: "hidden" });
    const focusedAfterEscape = await page.locator("herald-inbox").evaluate((host) => host.shadowRoot!.activeElement?.className);

    expect(roles).toEqual({ bell: "BUTTON", expanded: "true", controls: "dialog", list: "list", labelled: expect.any(String) });
    expect(await bell(page).getAttribute("aria-expanded")).toBe("false");
    expect(focusedAfterEscape).toContain("bell");
    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });
});
