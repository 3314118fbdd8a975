import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  badgeShows,
  bell,
  errorsOf,
  newUser,
  notify,
  openInbox,
  panel,
  sharedBrowser,
  soon,
  toasts,
} from "./harness.js";

const long = `${"Supercalifragilisticexpialidocious".repeat(6)} ${"a long word-free line ".repeat(150)}`;
const longType = "a-type-name.that-goes-on-and-on_up-to-sixty-four-characters-long".slice(0, 64);
const emoji = "🎉🚀 Shipped! 👩‍👩‍👧‍👦🏳️‍🌈 ".repeat(6);
const arabic = "طلب الشراء 42 بانتظار موافقتك؛ وافق عليه أحمد وهو الآن عندك";
const hebrew = "אליס הגיבה לך: נראה טוב, אפשר למזג";

/** What sticks out: boxes not inside the panel, and the panel's own overflow. */
async function overflow(page: Page) {
  return panel(page).evaluate((panel) => {
    const box = panel.getBoundingClientRect();
    const list = panel.querySelector(".list")!;
    const outside = [...panel.querySelectorAll(".item, .item *")]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
      })
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return {
      panel: panel.scrollWidth - panel.clientWidth,
      list: list.scrollWidth - list.clientWidth,
      outside,
      inViewport: box.left >= 0 && box.right <= document.documentElement.clientWidth,
    };
  });
}

describe("long, emoji and right-to-left text", () => {
  const browser = sharedBrowser();

  it("stays inside the panel and the toasts, each text in its own direction", async () => {
    const bob = newUser("bob");
    const context = await browser().newContext({ viewport: { width: 1100, height: 800 } });
    const page = await openInbox(context, bob);
    await page.bringToFront();

    await notify(
      "alice",
      { recipient: bob, type: longType, title: "W".repeat(200), content: long },
      { recipient: bob, type: "comment", title: emoji.slice(0, emoji.length / 2), content: emoji },
      { recipient: bob, type: "approval", title: arabic, content: hebrew },
      { recipient: bob, type: "comment", content: `${hebrew} — mixed with English and 123` },
    );
    await badgeShows(page, "4");
    await toasts(page).nth(3).waitFor({ timeout: soon });

    const texts = await page.locator("herald-inbox").evaluate((host) =>
      [...host.shadowRoot!.querySelectorAll(".title, .content, .sender")].map((e) => ({
        dir: e.getAttribute("dir"),
        direction: getComputedStyle(e).direction,
        text: e.textContent!,
      })),
    );
    expect(texts.every((t) => t.dir === "auto")).toBe(true);
    expect(texts.filter((t) => t.text === arabic).map((t) => t.direction)).toEqual(["rtl", "rtl"]);

    const toastsFit = await page.locator("herald-inbox .toasts").evaluate((layer) => {
      const viewport = document.documentElement.clientWidth;
      return [...layer.querySelectorAll(".toast")].every((t) => {
        const r = t.getBoundingClientRect();
        return r.left >= 0 && r.right <= viewport && t.scrollWidth <= t.clientWidth;
      });
    });
    expect(toastsFit).toBe(true);

    for (const width of [1100, 360]) {
      await page.setViewportSize({ width, height: 800 });

      if (await panel(page).isHidden()) {
        await bell(page).click();
      }

      await panel(page).waitFor({ timeout: soon });
      await page.evaluate(() => window.dispatchEvent(new Event("resize")));
      expect(await overflow(page), `at ${width} px`).toEqual({ panel: 0, list: 0, outside: [], inViewport: true });
    }

    expect(errorsOf(page)).toEqual([]);
    await context.close();
  });
});
