import type { HeraldNotification } from "./protocol.js";
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

const pageSize = 20;
const toastLimit = 4;
const toastMs = 6000;
const bellIcon =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 2.75a6.25 6.25 0 0 0-6.25 6.25v3.6l-1.6 3.05A1 1 0 0 0 5.04 17.1h13.92a1 1 0 0 0 .89-1.45l-1.6-3.05V9A6.25 6.25 0 0 0 12 2.75Z"/><path d="M9.25 18.6a2.75 2.75 0 0 0 5.5 0"/></svg>';

/**
 * `<herald-inbox>`: a bell with the unread badge, a panel with the list (infinite scroll,
 * filters by type and unread, mark read, unread and all read), and toasts for new arrivals.
 * Text from notifications is only ever set as text, never as HTML.
 */
export class HeraldInboxElement extends HTMLElement {
  private readonly root: ShadowRoot;
  private readonly store = new InboxStore();
  /** The archived view, loaded when the filter asks for it. */
  private archived: HeraldNotification[] | null = null;
  private connection: SharedConnection | null = null;
  private readonly parts: Record<string, HTMLElement> = {};
  private loading = false;
  private clock: number | undefined;
  private readonly time = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    this.root.innerHTML = `
      <style>${styles}</style>
      <button class="bell" part="bell" type="button" aria-haspopup="dialog" aria-expanded="false" aria-controls="panel">
        ${bellIcon}<span class="badge" part="badge" aria-hidden="true" hidden></span>
      </button>
      <section class="panel" part="panel" id="panel" role="dialog" aria-labelledby="heading" hidden>
        <div class="head">
          <h2 id="heading">Notifications</h2>
          <button class="text-button" part="mark-all" type="button">Mark all read</button>
          <button class="text-button" part="archive-all" type="button">Archive all</button>
        </div>
        <div class="filters">
          <label><input type="checkbox" part="unread-filter"> Unread only</label>
          <label><input type="checkbox" part="archived-filter"> Archived</label>
          <select part="type-filter" aria-label="Type"><option value="">All types</option></select>
        </div>
        <ul class="list" part="list" role="list" aria-labelledby="heading"></ul>
      </section>
      <div class="toasts" part="toasts" role="status" aria-live="polite"></div>`;

    for (const name of ["bell", "badge", "panel", "mark-all", "archive-all", "unread-filter", "archived-filter", "type-filter", "list", "toasts"]) {
      this.parts[name] = this.root.querySelector(`[part="${name}"]`)!;
    }

    this.parts.bell!.addEventListener("click", () => this.toggle());
    this.parts["mark-all"]!.addEventListener("click", () => void this.connection?.api.markAllRead());
    this.parts["archive-all"]!.addEventListener("click", () => void this.connection?.api.archiveAll());
    this.parts["archived-filter"]!.addEventListener("change", () => void this.showArchived());
    this.parts["unread-filter"]!.addEventListener("change", () => this.render(this.store.state));
    this.parts["type-filter"]!.addEventListener("change", () => this.render(this.store.state));
    this.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.parts.panel!.hidden) {
        this.toggle(false);
        this.parts.bell!.focus();
      }
    });
    document.addEventListener("click", (event) => {
      if (!event.composedPath().includes(this)) {
        this.toggle(false);
      }
    });
    this.store.subscribe((state) => this.render(state));
  }

  /** Whether this tab holds the browser's connection for the user. */
  get isLeader(): boolean {
    return this.connection?.isLeader ?? false;
  }

  /** Connects as `user` and loads the first page. */
  async connect(options: InboxConnectOptions): Promise<void> {
    this.connection?.close();
    const connection = new SharedConnection({
      serverUrl: options.server ?? location.origin,
      user: options.user,
      accessToken: options.accessToken,
      startAfter: null,
    });
    this.connection = connection;

    connection.on("notification", (n) => {
      if (this.store.add(n) && connection.shouldToast) {
        this.toast(n);
      }
    });
    connection.on("unreadCount", (count) => this.store.applyUnreadCount(count));
    connection.on("stateChanged", (change) => this.store.applyStateChange(change));
    connection.on("reload", () => void this.reload());
    connection.on("connection", (state) => this.setAttribute("connection", state));

    await this.reload();
    connection.start();
    this.clock = window.setInterval(() => this.render(this.store.state), 30_000);
  }

  disconnectedCallback(): void {
    this.connection?.close();
    window.clearInterval(this.clock);
  }

  private async reload(): Promise<void> {
    const api = this.connection!.api;
    const [page, count] = await Promise.all([api.page({ limit: pageSize }), api.unreadCount()]);
    this.store.reset(page);
    this.store.applyUnreadCount(count);
  }

  private async loadMore(): Promise<void> {
    const cursor = this.store.state.cursor;

    if (this.loading || cursor === null || this.connection === null) {
      return;
    }

    this.loading = true;

    try {
      this.store.addPage(await this.connection.api.page({ limit: pageSize, before: cursor }));
    } finally {
      this.loading = false;
    }
  }

  private toggle(open = this.parts.panel!.hidden): void {
    this.parts.panel!.hidden = !open;
    this.parts.bell!.setAttribute("aria-expanded", String(open));
    const newest = this.store.state.notifications[0];

    // Opening the bell sees what it shows; a notification that arrives later stays new.
    if (open && newest !== undefined && (this.store.state.unread?.unseen ?? 0) > 0) {
      void this.connection?.api.markSeen(newest.position);
    }
  }

  private async showArchived(): Promise<void> {
    const on = (this.parts["archived-filter"] as HTMLInputElement).checked;
    this.archived = on && this.connection !== null ? (await this.connection.api.page({ archived: true, limit: 100 })).items : null;
    this.render(this.store.state);
  }

  private render(state: InboxState): void {
    // The badge counts what is new since the bell was last opened; the list marks unread.
    const unseen = state.unread?.unseen ?? 0;
    const badge = this.parts.badge!;
    badge.hidden = unseen === 0;
    badge.textContent = unseen > 99 ? "99+" : String(unseen);
    this.parts.bell!.setAttribute("aria-label", unseen === 0 ? "Notifications" : `Notifications, ${unseen} new`);
    this.renderTypes(state);

    const onlyUnread = (this.parts["unread-filter"] as HTMLInputElement).checked;
    const type = (this.parts["type-filter"] as HTMLSelectElement).value;
    const source = this.archived ?? state.notifications;
    const shown = source.filter((n) => (!onlyUnread || n.readAt === null) && (type === "" || n.type === type));
    const list = this.parts.list!;
    list.replaceChildren(...shown.map((n) => this.item(n)));

    if (this.archived !== null) {
      if (shown.length === 0) {
        list.append(element("li", "empty", "Nothing archived."));
      }
    } else if (!state.complete) {
      const more = element("li", "more", "Loading…");
      list.append(more);
      new IntersectionObserver((entries, observer) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          void this.loadMore();
        }
      }, { root: list }).observe(more);
    } else if (shown.length === 0) {
      list.append(element("li", "empty", "Nothing here."));
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

  private item(n: HeraldNotification): HTMLLIElement {
    const unread = n.readAt === null;
    const li = element("li", unread ? "item unread" : "item");
    li.setAttribute("part", "item");
    li.dataset.id = n.id;
    li.dataset.position = String(n.position);

    const open = element("button", "open");
    open.type = "button";
    open.setAttribute("part", "open");
    open.append(...this.texts(n), this.when(n.createdAt));
    open.addEventListener("click", () => void this.open(n));

    const toggle = element("button", "toggle", unread ? "Mark read" : "Mark unread");
    toggle.type = "button";
    toggle.setAttribute("part", "toggle-read");
    toggle.addEventListener("click", () => {
      const api = this.connection?.api;
      void (unread ? api?.markRead([n.id]) : api?.markUnread([n.id]));
    });

    const archived = n.archivedAt !== null;
    const keep = element("button", "toggle", archived ? "Restore" : "Archive");
    keep.type = "button";
    keep.setAttribute("part", archived ? "restore" : "archive");
    keep.addEventListener("click", () => void this.archiveOrRestore(n));

    li.append(element("span", "dot"), open, toggle, keep);
    return li;
  }

  private texts(n: HeraldNotification): HTMLElement[] {
    const parts: HTMLElement[] = [];

    for (const [name, text] of [["title", n.title], ["content", n.content]] as const) {
      if (text !== null) {
        const span = element("span", name, text);
        span.dir = "auto";
        span.setAttribute("part", name);
        parts.push(span);
      }
    }

    return parts;
  }

  private when(createdAt: string): HTMLElement {
    const at = new Date(createdAt);
    const time = element("time", "time", relative(this.time, at));
    time.setAttribute("datetime", createdAt);
    time.title = at.toLocaleString();
    return time;
  }

  private toast(n: HeraldNotification): void {
    const toasts = this.parts.toasts!;
    const toast = element("button", "toast");
    toast.type = "button";
    toast.setAttribute("part", "toast");
    toast.append(...this.texts(n));
    toast.addEventListener("click", () => {
      toast.remove();
      void this.open(n);
    });
    toasts.append(toast);

    while (toasts.children.length > toastLimit) {
      toasts.firstElementChild!.remove();
    }

    setTimeout(() => toast.remove(), toastMs);
  }

  private async archiveOrRestore(n: HeraldNotification): Promise<void> {
    const api = this.connection?.api;

    if (api === undefined) {
      return;
    }

    if (n.archivedAt === null) {
      await api.archive([n.id]);
      return;
    }

    // A restored one may come from a page the inbox never loaded: it joins the list here.
    await api.unarchive([n.id]);
    this.archived = this.archived?.filter((a) => a.id !== n.id) ?? null;
    this.store.addPage({ items: [{ ...n, archivedAt: null }], nextCursor: this.store.state.cursor });
  }

  /** Marks it read, then follows its link, if it has one Herald's rules allow. */
  private async open(n: HeraldNotification): Promise<void> {
    if (n.readAt === null) {
      await this.connection?.api.markRead([n.id]);
    }

    if (n.link !== null && isSafeLink(n.link)) {
      location.assign(n.link);
    }
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;

  if (text !== undefined) {
    node.textContent = text;
  }

  return node;
}

if (typeof customElements !== "undefined" && customElements.get("herald-inbox") === undefined) {
  customElements.define("herald-inbox", HeraldInboxElement);
}
