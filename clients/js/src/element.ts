import type { ConnectionState } from "./client.js";
import type { HeraldNotification, InboxPage } from "./protocol.js";
import { isSafeLink, relative } from "./format.js";
import { InboxStore, type InboxState } from "./store.js";
import { styles } from "./styles.js";
import { SharedConnection } from "./tabs.js";

/** What `<herald-inbox>` needs to connect. */
export interface InboxConnectOptions {
  /** Herald's base address; the page's own origin when left out. */
  server?: string;
  /** The signed-in user's id: tabs of one user share one connection. */
  user: string;
  /** Gives the access token; asked again at every connect. */
  accessToken: () => string | Promise<string>;
}

/** The detail of `herald-open`: a notification was clicked, and where it leads. */
export interface InboxOpenDetail {
  notification: HeraldNotification;
  /** Its link if Herald's rules allow it (a path or an http(s) URL), else null. */
  link: string | null;
}

/** The detail of `herald-connection`. */
export interface InboxConnectionDetail {
  state: ConnectionState;
}

const pageSize = 20;
const toastLimit = 4;
const toastMs = 6000;
const messageMs = 6000;
const clockMs = 30_000;
const svg = (body: string) =>
  `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${body}</svg>`;
const bellIcon = svg(
  '<path d="M12 2.75a6.25 6.25 0 0 0-6.25 6.25v3.6l-1.6 3.05A1 1 0 0 0 5.04 17.1h13.92a1 1 0 0 0 .89-1.45l-1.6-3.05V9A6.25 6.25 0 0 0 12 2.75Z"/><path d="M9.25 18.6a2.75 2.75 0 0 0 5.5 0"/>',
);
const archiveIcon = svg(
  '<rect x="3.5" y="4.5" width="17" height="4" rx="1"/><path d="M5 8.5v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-10M10 12.5h4"/>',
);
const restoreIcon = svg('<path d="M4.5 9.5h10a5 5 0 0 1 0 10h-4"/><path d="M8.5 5.5l-4 4 4 4"/>');

/** One notification's row in the list, kept while it is shown so that focus stays on it. */
interface Row {
  li: HTMLLIElement;
  n: HeraldNotification;
  state: HTMLElement;
  time: HTMLTimeElement;
  read: HTMLButtonElement;
  keep: HTMLButtonElement;
}

/**
 * `<herald-inbox>`: a bell with the badge of new notifications, a panel with the list
 * (infinite scroll, filters by type, unread and archived; read, unread, archive, restore, and
 * all at once), and toasts for new arrivals in the focused tab. Text from notifications is
 * only ever set as text, never as HTML.
 *
 * Events, on the element, bubbling out of any shadow root: `herald-connection` when the
 * connection's state changes (also kept in the `connection` attribute), and `herald-open`,
 * cancelable, when a clicked notification is about to follow its link.
 */
export class HeraldInboxElement extends HTMLElement {
  private readonly root: ShadowRoot;
  private readonly store = new InboxStore();
  private readonly rows = new Map<string, Row>();
  /** The archived view, loaded when the filter asks for it. */
  private archived: HeraldNotification[] | null = null;
  private connection: SharedConnection | null = null;
  /** How it was last connected, to join again after the back-forward cache. */
  private options: InboxConnectOptions | null = null;
  private state: ConnectionState | null = null;
  private wasConnected = false;
  private readonly parts: Record<string, HTMLElement> = {};
  private readonly more = element("li", "more", "Loading…");
  private readonly empty = element("li", "empty");
  private readonly moreObserver: IntersectionObserver;
  private loading = false;
  private clock: number | undefined;
  private messageTimer: number | undefined;
  private readonly time = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  private readonly onDocumentClick = (event: MouseEvent) => {
    if (!event.composedPath().includes(this)) {
      this.toggle(false);
    }
  };
  private readonly onPageShow = (event: PageTransitionEvent) => {
    // Back from the back-forward cache: the tab left its connection on pagehide, so the inbox
    // it shows is stale and nobody listens for it. It joins again.
    if (event.persisted && this.options !== null) {
      void this.connect(this.options).catch(() => undefined);
    }
  };
  private readonly onResize = () => {
    if (!this.parts.panel!.hidden) {
      this.place();
    }
  };

  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    this.root.innerHTML = `
      <style>${styles}</style>
      <button class="bell" part="bell" type="button" aria-haspopup="dialog" aria-expanded="false" aria-controls="panel"
              aria-label="Notifications">
        ${bellIcon}<span class="badge" part="badge" aria-hidden="true" hidden></span>
      </button>
      <section class="panel" part="panel" id="panel" role="dialog" aria-labelledby="heading" hidden>
        <div class="head" part="head">
          <h2 id="heading">Notifications</h2>
          <span class="head-actions">
            <button class="text-button" part="mark-all" type="button">Mark all read</button>
            <button class="text-button" part="archive-all" type="button">Archive all</button>
          </span>
        </div>
        <div class="filters" part="filters">
          <label><input type="checkbox" part="unread-filter"> Unread only</label>
          <label><input type="checkbox" part="archived-filter"> Archived</label>
          <select part="type-filter" aria-label="Type"><option value="">All types</option></select>
        </div>
        <p class="message" part="message" role="alert" hidden></p>
        <ul class="list" part="list" role="list" aria-labelledby="heading"></ul>
      </section>
      <div class="toasts" part="toasts" role="status" aria-live="polite" popover="manual"></div>`;

    const names = ["bell", "badge", "panel", "mark-all", "archive-all", "message", "list", "toasts"];

    for (const name of [...names, "unread-filter", "archived-filter", "type-filter"]) {
      this.parts[name] = this.root.querySelector(`[part="${name}"]`)!;
    }

    this.moreObserver = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          void this.loadMore();
        }
      },
      { root: this.parts.list! },
    );

    this.parts.bell!.addEventListener("click", () => this.toggle());
    this.parts["mark-all"]!.addEventListener("click", () => {
      void this.attempt((api) => api.markAllRead(this.typeFilter() || undefined));
    });
    this.parts["archive-all"]!.addEventListener("click", () => {
      void this.attempt((api) => api.archiveAll(this.typeFilter() || undefined));
    });
    this.parts["archived-filter"]!.addEventListener("change", () => void this.showArchived());
    this.parts["unread-filter"]!.addEventListener("change", () => this.render(this.store.state));
    this.parts["type-filter"]!.addEventListener("change", () => this.render(this.store.state));
    this.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.parts.panel!.hidden) {
        this.toggle(false);
        this.parts.bell!.focus();
      }
    });
    this.store.subscribe((state) => this.render(state));
    this.render(this.store.state);
  }

  /** Whether this tab holds the browser's connection for the user. */
  get isLeader(): boolean {
    return this.connection?.isLeader ?? false;
  }

  /** The connection's state, or null while not connected to any user. */
  get connectionState(): ConnectionState | null {
    return this.state;
  }

  connectedCallback(): void {
    document.addEventListener("click", this.onDocumentClick);
    window.addEventListener("resize", this.onResize);
    window.addEventListener("pageshow", this.onPageShow);
  }

  /** Taken out of the page: the connection goes too; call `connect` again after putting it back. */
  disconnectedCallback(): void {
    document.removeEventListener("click", this.onDocumentClick);
    window.removeEventListener("resize", this.onResize);
    window.removeEventListener("pageshow", this.onPageShow);
    this.disconnect();
  }

  /**
   * Connects as `user` (leaving whoever was connected before) and loads the first page; rejects
   * when that page cannot be loaded, and stays disconnected then.
   */
  async connect(options: InboxConnectOptions): Promise<void> {
    this.leave();
    this.options = options;
    const connection = new SharedConnection({
      serverUrl: options.server ?? location.origin,
      user: options.user,
      accessToken: options.accessToken,
      startAfter: null,
    });
    this.connection = connection;

    // Every handler checks that its connection is still the current one: a closed one still
    // reports that it stopped.
    connection.on("notification", (n) => {
      // A toast is for a new notification in the tab the user looks at, while the panel, which
      // lists it at the top, is closed.
      const fresh = n.readAt === null && n.archivedAt === null;
      const current = this.connection === connection;

      if (current && this.store.add(n) && fresh && this.parts.panel!.hidden && connection.shouldToast) {
        this.toast(n);
      }
    });
    connection.on("unreadCount", (count) => this.connection === connection && this.store.applyUnreadCount(count));
    connection.on("stateChanged", (change) => this.connection === connection && this.store.applyStateChange(change));
    connection.on("reload", () => this.connection === connection && void this.reload().catch(() => undefined));
    connection.on("connection", (state) => this.connection === connection && this.onConnection(state));
    this.clock = window.setInterval(() => this.renderTimes(), clockMs);

    let page: InboxPage;

    try {
      page = await this.reload();
    } catch (error) {
      if (this.connection === connection) {
        this.leave();
      }

      throw error;
    }

    // The connection starts from the page's newest notification: what came after the page
    // was read is replayed, so nothing falls between the page and the stream.
    if (this.connection === connection) {
      connection.start(page.items[0]?.position ?? 0);
    }
  }

  /** Leaves the user's connection and forgets their inbox: the user signed out. */
  disconnect(): void {
    this.options = null;
    this.leave();
  }

  private leave(): void {
    this.connection?.close();
    this.connection = null;
    this.state = null;
    this.wasConnected = false;
    this.removeAttribute("connection");
    window.clearInterval(this.clock);
    this.archived = null;
    (this.parts["archived-filter"] as HTMLInputElement).checked = false;
    const types = this.parts["type-filter"] as HTMLSelectElement;
    types.value = "";
    types.replaceChildren(types.options[0]!);
    this.parts.toasts!.replaceChildren();
    this.showMessage("");
    this.toggle(false);
    this.store.clear();
  }

  private onConnection(state: ConnectionState): void {
    const previous = this.state;
    this.state = state;
    this.setAttribute("connection", state);
    const detail: InboxConnectionDetail = { state };
    this.dispatchEvent(new CustomEvent("herald-connection", { detail, bubbles: true, composed: true }));

    // Back after a break: state changes made meanwhile were not pushed, so the first page is
    // read again. Missed notifications come by the resume as well.
    if (state === "connected" && this.wasConnected && previous !== "connected") {
      void this.reload().catch(() => undefined);
    }

    this.wasConnected ||= state === "connected";
  }

  /** Reads the first page and the counts; what arrives meanwhile is kept. */
  private async reload(): Promise<InboxPage> {
    const connection = this.connection!;
    const mark = this.store.mark();
    const [page, count] = await Promise.all([connection.api.page({ limit: pageSize }), connection.api.unreadCount()]);

    if (this.connection === connection) {
      this.store.reset(page, mark);
      this.store.applyUnreadCount(count);
    }

    return page;
  }

  private async loadMore(): Promise<void> {
    const cursor = this.store.state.cursor;

    if (this.loading || cursor === null || this.connection === null || this.archived !== null) {
      return;
    }

    this.loading = true;

    try {
      const page = await this.attempt((api) => api.page({ limit: pageSize, before: cursor }), "Could not load more");

      if (page !== undefined) {
        this.store.addPage(page);
      }
    } finally {
      this.loading = false;
    }
  }

  private toggle(open = this.parts.panel!.hidden): void {
    const panel = this.parts.panel!;

    if (open === !panel.hidden) {
      return;
    }

    panel.hidden = !open;
    this.parts.bell!.setAttribute("aria-expanded", String(open));
    const newest = this.store.state.notifications[0];

    // The open panel lists what the toasts showed, and they would cover it.
    if (open) {
      this.parts.toasts!.replaceChildren();
      this.place();
      this.renderTimes();
    }

    // Opening the bell sees what it shows; a notification that arrives later stays new.
    if (open && newest !== undefined && (this.store.state.unread?.unseen ?? 0) > 0) {
      void this.attempt((api) => api.markSeen(newest.position));
    }
  }

  /** Keeps the open panel inside the viewport, whichever side of it the bell is on. */
  private place(): void {
    const panel = this.parts.panel!;
    const viewport = document.documentElement.clientWidth;
    const margin = 12;
    panel.style.setProperty("--_viewport", `${viewport}px`);
    panel.style.setProperty("--_below-bell", `${Math.round(this.parts.bell!.getBoundingClientRect().bottom)}px`);
    panel.style.setProperty("--_shift", "0px");
    const { left, right } = panel.getBoundingClientRect();
    const shift = left < margin ? margin - left : right > viewport - margin ? viewport - margin - right : 0;
    panel.style.setProperty("--_shift", `${Math.round(shift)}px`);
  }

  private async showArchived(): Promise<void> {
    const on = (this.parts["archived-filter"] as HTMLInputElement).checked;
    const page = on
      ? await this.attempt((api) => api.page({ archived: true, limit: 100 }), "Could not load the archive")
      : undefined;
    this.archived = page?.items ?? null;
    (this.parts["archived-filter"] as HTMLInputElement).checked = this.archived !== null;
    this.render(this.store.state);
  }

  private typeFilter(): string {
    return (this.parts["type-filter"] as HTMLSelectElement).value;
  }

  private render(state: InboxState): void {
    // The badge counts what is new since the bell was last opened; the list marks unread.
    const unseen = state.unread?.unseen ?? 0;
    const badge = this.parts.badge!;
    badge.hidden = unseen === 0;
    badge.textContent = unseen > 99 ? "99+" : String(unseen);
    this.parts.bell!.setAttribute("aria-label", unseen === 0 ? "Notifications" : `Notifications, ${unseen} new`);
    // The header's "all" actions are for the inbox, so the archived view does without them.
    this.parts["archive-all"]!.hidden = this.archived !== null;
    this.parts["mark-all"]!.hidden = this.archived !== null;
    this.renderTypes(state);

    const onlyUnread = (this.parts["unread-filter"] as HTMLInputElement).checked;
    const type = this.typeFilter();
    const source = this.archived ?? state.notifications;
    const shown = source.filter((n) => (!onlyUnread || n.readAt === null) && (type === "" || n.type === type));
    this.renderRows(shown);

    const list = this.parts.list!;
    this.moreObserver.unobserve(this.more);

    if (this.archived === null && !state.complete && this.connection !== null) {
      list.append(this.more);
      // Observing again gets a first answer at once: load on if the end is still in view.
      this.moreObserver.observe(this.more);
    } else if (shown.length === 0) {
      this.empty.textContent = this.archived !== null ? "Nothing archived." : "Nothing here.";
      list.append(this.empty);
    }
  }

  /** Puts the rows of `shown` in order, reusing those already there, and drops the rest. */
  private renderRows(shown: readonly HeraldNotification[]): void {
    const list = this.parts.list!;
    const ids = new Set<string>();
    this.more.remove();
    this.empty.remove();

    shown.forEach((n, index) => {
      const row = this.row(n);
      const present = list.children[index];
      ids.add(n.id);

      if (present !== row.li) {
        list.insertBefore(row.li, present ?? null);
      }
    });

    for (const [id, row] of this.rows) {
      if (!ids.has(id)) {
        row.li.remove();
        this.rows.delete(id);
      }
    }
  }

  private renderTypes(state: InboxState): void {
    const select = this.parts["type-filter"] as HTMLSelectElement;
    const types = new Set([...state.notifications.map((n) => n.type), ...Object.keys(state.unread?.byType ?? {})]);
    const known = new Set([...select.options].map((o) => o.value));

    for (const type of [...types].sort()) {
      if (!known.has(type)) {
        const option = document.createElement("option");
        option.value = type;
        option.textContent = type;
        select.append(option);
      }
    }
  }

  private renderTimes(): void {
    for (const row of this.rows.values()) {
      row.time.textContent = relative(this.time, new Date(row.n.createdAt));
    }
  }

  /** The row of `n`: the one already shown, brought up to date, or a new one. */
  private row(n: HeraldNotification): Row {
    const shown = this.rows.get(n.id);

    // The store hands out a new object for every change, so the same object needs no update.
    if (shown?.n === n) {
      return shown;
    }

    const row = shown ?? this.newRow(n);
    this.rows.set(n.id, row);
    row.n = n;
    const unread = n.readAt === null;
    const archived = n.archivedAt !== null;
    row.li.classList.toggle("unread", unread);
    row.state.textContent = unread ? "Unread: " : "";
    label(row.read, unread ? "Mark read" : "Mark unread");
    label(row.keep, archived ? "Restore" : "Archive");
    row.keep.setAttribute("part", archived ? "restore" : "archive");
    row.keep.innerHTML = archived ? restoreIcon : archiveIcon;
    return row;
  }

  private newRow(n: HeraldNotification): Row {
    const li = element("li", "item");
    li.setAttribute("part", "item");
    li.dataset.id = n.id;
    li.dataset.position = String(n.position);

    const state = element("span", "sr-only");
    const time = this.when(n.createdAt);
    const meta = element("span", "meta");
    meta.append(userText("span", "sender", n.sender), element("span", "type", n.type), time);

    const open = element("button", "open");
    open.type = "button";
    open.setAttribute("part", "open");
    open.append(state, ...this.texts(n), meta);

    const read = element("button", "action read");
    read.type = "button";
    read.setAttribute("part", "toggle-read");
    read.append(element("span", "dot"));

    const keep = element("button", "action");
    keep.type = "button";

    const actions = element("span", "actions");
    actions.append(read, keep);
    li.append(avatar(n.sender), open, actions);

    const row: Row = { li, n, state, time, read, keep };
    open.addEventListener("click", () => void this.open(row.n));
    read.addEventListener("click", () => {
      const ids = [row.n.id];
      void this.attempt((api) => (row.n.readAt === null ? api.markRead(ids) : api.markUnread(ids)));
    });
    keep.addEventListener("click", () => void this.archiveOrRestore(row.n));
    return row;
  }

  private texts(n: HeraldNotification): HTMLElement[] {
    const parts: HTMLElement[] = [];

    for (const [name, text] of [["title", n.title], ["content", n.content]] as const) {
      if (text !== null) {
        const span = userText("span", name, text);
        span.setAttribute("part", name);
        parts.push(span);
      }
    }

    // Without a title the content leads, and looks as the title would.
    if (n.title === null) {
      parts[0]?.classList.add("lead");
    }

    return parts;
  }

  private when(createdAt: string): HTMLTimeElement {
    const at = new Date(createdAt);
    const time = element("time", "time", relative(this.time, at));
    time.dateTime = createdAt;
    time.title = at.toLocaleString();
    return time;
  }

  private toast(n: HeraldNotification): void {
    const toasts = this.parts.toasts!;
    const toast = element("div", "toast");
    toast.setAttribute("part", "toast");
    toast.dataset.id = n.id;

    const body = element("span", "toast-body");
    body.append(userText("span", "toast-from", `${n.sender} · ${n.type}`), ...this.texts(n));
    const open = element("button", "toast-open");
    open.type = "button";
    open.append(avatar(n.sender), body);
    open.addEventListener("click", () => {
      toast.remove();
      void this.open(n);
    });

    const close = element("button", "toast-close", "×");
    close.type = "button";
    label(close, "Dismiss");
    close.addEventListener("click", () => toast.remove());

    toast.append(open, close);
    toasts.append(toast);

    if (!toasts.matches(":popover-open") && this.isConnected) {
      toasts.showPopover();
    }

    while (toasts.children.length > toastLimit) {
      toasts.firstElementChild!.remove();
    }

    // Hovering or focusing a toast holds it, so that it can be read before it goes.
    let timer = window.setTimeout(() => toast.remove(), toastMs);
    const hold = () => window.clearTimeout(timer);
    const release = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => toast.remove(), toastMs / 2);
    };
    toast.addEventListener("pointerenter", hold);
    toast.addEventListener("focusin", hold);
    toast.addEventListener("pointerleave", release);
    toast.addEventListener("focusout", release);
  }

  private async archiveOrRestore(n: HeraldNotification): Promise<void> {
    if (n.archivedAt === null) {
      await this.attempt((api) => api.archive([n.id]));
      return;
    }

    // A restored one may come from a page the inbox never loaded: it joins the list here.
    if ((await this.attempt((api) => api.unarchive([n.id]))) !== undefined) {
      this.archived = this.archived?.filter((a) => a.id !== n.id) ?? null;
      this.store.addPage({ items: [{ ...n, archivedAt: null }], nextCursor: this.store.state.cursor });
    }
  }

  /**
   * Marks it read, then follows its link, if it has one Herald's rules allow and no listener
   * of `herald-open` took it over. A failed mark does not keep the link from being followed.
   */
  private async open(n: HeraldNotification): Promise<void> {
    if (n.readAt === null) {
      await this.attempt((api) => api.markRead([n.id]));
    }

    const link = n.link !== null && isSafeLink(n.link) ? n.link : null;
    const detail: InboxOpenDetail = { notification: n, link };
    const event = new CustomEvent("herald-open", { detail, bubbles: true, composed: true, cancelable: true });
    const follow = this.dispatchEvent(event);

    if (follow && link !== null) {
      location.assign(link);
    }
  }

  /** Runs a call of the API; a failure is shown in the panel and gives undefined. */
  private async attempt<T>(
    call: (api: SharedConnection["api"]) => Promise<T>,
    what = "Could not save",
  ): Promise<T | undefined> {
    const connection = this.connection;

    if (connection === null) {
      return undefined;
    }

    try {
      return await call(connection.api);
    } catch (error) {
      if (this.connection === connection) {
        this.showMessage(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      }

      return undefined;
    }
  }

  private showMessage(text: string): void {
    const message = this.parts.message!;
    message.textContent = text;
    message.hidden = text === "";
    window.clearTimeout(this.messageTimer);

    if (text !== "") {
      this.messageTimer = window.setTimeout(() => this.showMessage(""), messageMs);
    }
  }
}

type Tag = keyof HTMLElementTagNameMap;

function element<K extends Tag>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;

  if (text !== undefined) {
    node.textContent = text;
  }

  return node;
}

/** Text someone wrote: set as text, its direction taken from the text itself. */
function userText<K extends Tag>(tag: K, className: string, text: string): HTMLElementTagNameMap[K] {
  const node = element(tag, className, text);
  node.dir = "auto";
  return node;
}

function label(button: HTMLButtonElement, text: string): void {
  button.setAttribute("aria-label", text);
  button.title = text;
}

/** A circle with the sender's first letter, in a colour of its own for each sender. */
function avatar(sender: string): HTMLElement {
  const node = element("span", "avatar", (Array.from(sender)[0] ?? "?").toLocaleUpperCase());
  let hue = 0;

  for (const char of sender) {
    hue = (hue * 31 + char.codePointAt(0)!) % 360;
  }

  node.setAttribute("aria-hidden", "true");
  node.style.setProperty("--_hue", String(hue));
  return node;
}

if (typeof customElements !== "undefined" && customElements.get("herald-inbox") === undefined) {
  customElements.define("herald-inbox", HeraldInboxElement);
}
