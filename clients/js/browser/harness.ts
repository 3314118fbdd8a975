// What the browser tests share: the browser, tokens and sends over HTTP, the demo page signed in
// as a user, what its <herald-inbox> shows, and a network link that a test can pull.
import { randomUUID } from "node:crypto";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

/** How long a test waits for something that should happen at once; generous for a busy CI. */
export const soon = 15_000;

/** The Herald.Server the suite started. */
export const heraldUrl = (): string => inject("heraldUrl");

/**
 * Launches Debian's Chromium (or HERALD_CHROMIUM's). `backForwardCache` keeps the cache on,
 * which Playwright otherwise turns off, for a test of a page that comes back from it.
 */
export function launchBrowser({ backForwardCache = false } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HERALD_CHROMIUM ?? "/usr/bin/chromium",
    ignoreDefaultArgs: backForwardCache ? ["--disable-back-forward-cache"] : [],
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** One browser for the tests of a file: launched before them, closed after them. */
export function sharedBrowser(options: { backForwardCache?: boolean } = {}): () => Browser {
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchBrowser(options);
  });

  afterAll(async () => {
    await browser?.close();
  });

  return () => browser!;
}

/** A user id no other test uses: the tests share one server and database. */
export function newUser(name: string): string {
  return `${name}-${randomUUID().slice(0, 8)}`;
}

const tokens = new Map<string, Promise<string>>();

/** A Development token for `user`, fetched once per user and scopes. */
export function token(user: string, scopes?: string[]): Promise<string> {
  const key = JSON.stringify([user, scopes ?? []]);
  let fetched = tokens.get(key);

  if (fetched === undefined) {
    fetched = fetchToken(user, scopes);
    tokens.set(key, fetched);
  }

  return fetched;
}

async function fetchToken(user: string, scopes?: string[]): Promise<string> {
  const response = await fetch(`${heraldUrl()}/dev/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user, scopes }),
  });

  if (!response.ok) {
    throw new Error(`POST /dev/token answered ${response.status}.`);
  }

  return ((await response.json()) as { token: string }).token;
}

/** What a test sends; `recipient` is required, as on the API. */
export interface Outgoing {
  recipient: string;
  type?: string;
  title?: string;
  content?: string;
  link?: string;
}

/** Sends as `sender` over HTTP and hands back the response, whatever its status. */
export async function post(sender: string, notifications: Outgoing[]): Promise<Response> {
  return fetch(`${heraldUrl()}/api/notifications`, {
    method: "POST",
    headers: { authorization: `Bearer ${await token(sender)}`, "content-type": "application/json" },
    body: JSON.stringify({ notifications: notifications.map((n) => ({ type: "comment", ...n })) }),
  });
}

/** Sends as `sender`, expects 202, and gives the ids. */
export async function notify(sender: string, ...notifications: Outgoing[]): Promise<string[]> {
  const response = await post(sender, notifications);

  if (response.status !== 202) {
    throw new Error(`POST /api/notifications answered ${response.status}: ${await response.text()}`);
  }

  return ((await response.json()) as { ids: string[] }).ids;
}

const pageErrors = new WeakMap<Page, string[]>();

/**
 * Opens the demo page signed in as `user` (`?user=`) in `context` and waits until its inbox
 * is connected, whether this tab holds the connection or another of the context's tabs does.
 */
export async function openInbox(context: BrowserContext, user: string, server = heraldUrl()): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on("pageerror", (error) => errors.push(error.message));

  await page.goto(`${server}/?user=${encodeURIComponent(user)}`);
  await page.locator("herald-inbox[connection=connected]").waitFor({ timeout: soon });

  // Playwright tells every page that it has the focus; these tests need the real focus, which
  // page.bringToFront() moves, because a toast belongs in the focused tab only. (Set after the
  // navigation, which sets it back.)
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setFocusEmulationEnabled", { enabled: false });
  await cdp.detach();
  return page;
}

/** Uncaught errors and unhandled rejections of a page opened by `openInbox`. */
export function errorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

export const bell = (page: Page): Locator => page.locator("herald-inbox .bell");
export const badge = (page: Page): Locator => page.locator("herald-inbox .badge");
export const panel = (page: Page): Locator => page.locator("herald-inbox .panel");
export const items = (page: Page): Locator => page.locator("herald-inbox li.item");
export const item = (page: Page, id: string): Locator => page.locator(`herald-inbox li.item[data-id="${id}"]`);
export const toasts = (page: Page): Locator => page.locator("herald-inbox .toast");

/** Waits until the badge shows `text` ("" for no badge at all). */
export async function badgeShows(page: Page, text: string, timeout = soon): Promise<void> {
  const shown =
    text === ""
      ? page.locator("herald-inbox .badge[hidden]")
      : page.locator("herald-inbox .badge:not([hidden])", { hasText: exactly(text) });
  await shown.waitFor({ state: "attached", timeout });
}

/** Waits until the notification `id` is listed, read (`unread` false) or unread. */
export async function itemShows(page: Page, id: string, unread: boolean, timeout = soon): Promise<void> {
  const state = unread ? ".unread" : ":not(.unread)";
  await page.locator(`herald-inbox li.item[data-id="${id}"]${state}`).waitFor({ state: "attached", timeout });
}

export async function isLeader(page: Page): Promise<boolean> {
  return page.evaluate(() => (document.querySelector("herald-inbox") as HTMLElement & { isLeader: boolean }).isLeader);
}

/** The listed notifications, top to bottom. */
export async function listed(page: Page): Promise<{ id: string; position: number; title: string; unread: boolean }[]> {
  return items(page).evaluateAll((lis) =>
    lis.map((li) => ({
      id: (li as HTMLElement).dataset.id!,
      position: Number((li as HTMLElement).dataset.position),
      title: li.querySelector(".title")?.textContent ?? "",
      unread: li.classList.contains("unread"),
    })),
  );
}

/** Starts noting in the page, with the page's own clock, each change of the badge. */
export async function watchBadge(page: Page): Promise<void> {
  await page.evaluate(() => {
    const badge = document.querySelector("herald-inbox")!.shadowRoot!.querySelector<HTMLElement>(".badge")!;
    const changes: { text: string; at: number }[] = [];
    (window as unknown as { badgeChanges: typeof changes }).badgeChanges = changes;
    const note = () => {
      changes.push({ text: badge.hidden ? "" : badge.textContent!, at: performance.timeOrigin + performance.now() });
    };
    new MutationObserver(note).observe(badge, { attributes: true, childList: true, subtree: true, characterData: true });
  });
}

interface BadgeChange {
  text: string;
  at: number;
}

/** When (epoch milliseconds) the watched badge first showed `text`. */
export async function badgeShownAt(page: Page, text: string): Promise<number> {
  const changes = await page.evaluate(() => (window as unknown as { badgeChanges: BadgeChange[] }).badgeChanges);
  const change = changes.find((c) => c.text === text);

  if (change === undefined) {
    throw new Error(`The badge never showed "${text}": ${JSON.stringify(changes)}`);
  }

  return change.at;
}

/** Epoch milliseconds with the precision of the monotonic clock, like the page's `watchBadge`. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/**
 * A TCP relay in front of the server that a test can pull out like a network cable: `unplug`
 * drops every connection through it, the hub's WebSocket among them, and refuses new ones
 * until `plug`. (Playwright's offline mode fails requests but leaves open WebSockets alone.)
 */
export class Relay {
  private readonly server = createServer((incoming) => this.relay(incoming));
  private readonly sockets = new Set<Socket>();
  private unplugged = false;

  private constructor(private readonly target: URL) {}

  static async open(target: string): Promise<Relay> {
    const relay = new Relay(new URL(target));
    await new Promise<void>((resolve) => relay.server.listen(0, "127.0.0.1", resolve));
    return relay;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  unplug(): void {
    this.unplugged = true;

    for (const socket of this.sockets) {
      socket.destroy();
    }
  }

  plug(): void {
    this.unplugged = false;
  }

  async close(): Promise<void> {
    this.unplug();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(incoming: Socket): void {
    if (this.unplugged) {
      incoming.destroy();
      return;
    }

    const outgoing = connect(Number(this.target.port), this.target.hostname);

    for (const [from, to] of [[incoming, outgoing], [outgoing, incoming]] as const) {
      this.sockets.add(from);
      from.pipe(to);
      from.on("error", () => to.destroy());
      from.on("close", () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }
}
