import type { HeraldNotification, InboxPage, ReadStateChange, UnreadCount } from "./protocol.js";

/** What an inbox shows: the notifications loaded so far, newest first, and the counts. */
export interface InboxState {
  readonly notifications: readonly HeraldNotification[];
  readonly unread: UnreadCount | null;
  /** Older notifications wait on the server: pass `cursor` as `before` to load them. */
  readonly cursor: string | null;
  readonly complete: boolean;
}

export type InboxListener = (state: InboxState) => void;

const noCount: UnreadCount | null = null;

/**
 * The inbox as one tab knows it. Every source (a page loaded over HTTP, a push, a replay, a
 * change made in another tab or device) goes through the same merge rules, so two tabs that
 * are told the same things show the same inbox in whatever order they were told.
 */
export class InboxStore {
  private readonly byId = new Map<string, HeraldNotification>();
  private sorted: HeraldNotification[] | null = [];
  private unread = noCount;
  private cursor: string | null = null;
  private complete = false;
  private readonly listeners = new Set<InboxListener>();

  get state(): InboxState {
    this.sorted ??= [...this.byId.values()].sort((a, b) => b.position - a.position);
    return { notifications: this.sorted, unread: this.unread, cursor: this.cursor, complete: this.complete };
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: InboxListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts over from a first page, as after a reload: what was loaded before is dropped. */
  reset(page: InboxPage): void {
    this.byId.clear();
    this.cursor = null;
    this.complete = false;
    this.addPage(page);
  }

  /** Adds an older page; notifications already known keep their newer state. */
  addPage(page: InboxPage): void {
    for (const notification of page.items) {
      if (!this.byId.has(notification.id)) {
        this.byId.set(notification.id, notification);
      }
    }

    this.cursor = page.nextCursor;
    this.complete = page.nextCursor === null;
    this.changed();
  }

  /** Adds a new notification; one already known (the same id) is not added twice. */
  add(notification: HeraldNotification): boolean {
    if (this.byId.has(notification.id)) {
      return false;
    }

    this.byId.set(notification.id, notification);
    this.changed();
    return true;
  }

  /** Applies a read or unread change, from this tab, another tab or another device. */
  applyReadState(change: ReadStateChange): void {
    const readAt = change.read ? change.readAt : null;
    let touched = false;

    for (const notification of this.byId.values()) {
      const targeted = change.all
        ? change.read && notification.readAt === null && (change.type === null || notification.type === change.type)
        : change.ids.includes(notification.id);

      if (targeted && notification.readAt !== readAt) {
        this.byId.set(notification.id, { ...notification, readAt });
        touched = true;
      }
    }

    if (touched) {
      this.changed();
    }
  }

  /** Keeps the newer of two counts: one that took a slower path and arrives late is dropped. */
  applyUnreadCount(count: UnreadCount): boolean {
    if (this.unread !== null && (count.version < this.unread.version || sameCount(count, this.unread))) {
      return false;
    }

    this.unread = count;
    this.changed();
    return true;
  }

  private changed(): void {
    this.sorted = null;
    const state = this.state;

    for (const listener of this.listeners) {
      listener(state);
    }
  }
}

function sameCount(a: UnreadCount, b: UnreadCount): boolean {
  const types = Object.keys(a.byType);
  return (
    a.version === b.version &&
    a.total === b.total &&
    types.length === Object.keys(b.byType).length &&
    types.every((type) => a.byType[type] === b.byType[type])
  );
}
