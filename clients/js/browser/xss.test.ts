import { describe, expect, it } from "vitest";
import {
  badgeShows,
  errorsOf,
  item,
  listed,
  newUser,
  notify,
  openInbox,
  post,
  sharedBrowser,
  soon,
  toasts,
} from "./harness.js";

const markup = "<img src=x onerror=alert(1)>";

describe("text from a sender", () => {
  const browser = sharedBrowser();

  it("is shown as text, never run as markup, in the list and in the toast", async () => {
    const bob = newUser("bob");
    const context = await browser().newContext();
    const page = await openInbox(context, bob);
    const dialogs: string[] = [];
    const images: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("request", (request) => request.resourceType() === "image" && images.push(request.url()));
    await page.bringToFront();

    const [id] = await notify("alice", { recipient: bob, title: markup, content: markup });
    await item(page, id!).waitFor({ state: "attached", timeout: soon });
    await toasts(page).first().waitFor({ timeout: soon });

    for (const part of [item(page, id!), toasts(page).first()]) {
      expect(await part.locator(".title").textContent()).toBe(markup);
      expect(await part.locator(".content").textContent()).toBe(markup);
    }

    const imagesInPage = await page.evaluate(() => {
      const root = document.querySelector("herald-inbox")!.shadowRoot!;
      return root.querySelectorAll("img").length + document.querySelectorAll("img").length;
    });
    expect(imagesInPage).toBe(0);
    expect(images).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errorsOf(page)).toEqual([]);

    await context.close();
  });

  const refusedLinks = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "//evil.example/path",
    "data:text/html,<b>x</b>",
  ];

  it.each(refusedLinks)("refuses the link %s with 400, and stores nothing of the batch", async (link) => {
    const bob = newUser("bob");
    const context = await browser().newContext();
    const page = await openInbox(context, bob);

    const refused = await post("alice", [
      { recipient: bob, title: "fine" },
      { recipient: bob, title: "Click me", link },
    ]);
    const problem = (await refused.json()) as { errors?: Record<string, string[]> };
    const [after] = await notify("alice", { recipient: bob, title: "The next one" });

    expect(refused.status).toBe(400);
    expect(Object.keys(problem.errors ?? {})).toEqual(["notifications[1].link"]);
    await badgeShows(page, "1");
    expect((await listed(page)).map((n) => n.id)).toEqual([after]);

    await context.close();
  });
});
