import type { HeraldNotification, InboxPage, StateChange, UnreadCount } from "./protocol.js";

/** What an inbox shows: the notifications loaded so far, newest first, and the counts. */
export interface InboxState {
  /** Loaded notifications that are not archived, newest first. */
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
  /** How many notifications `add` took so far, and each one's number in that count. */
  private arrivals = 0;
  private readonly arrivedAt = new Map<string, number>();
  private readonly listeners = new Set<InboxListener>();

  get state(): InboxState {
    this.sorted ??= [...this.byId.values()].filter((n) => n.archivedAt === null).sort((a, b) => b.position - a.position);
    return { notifications: this.sorted, unread: this.unread, cursor: this.cursor, complete: this.complete };
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: InboxListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A mark to pass to `reset`, taken before the page it gets is asked for. */
  mark(): number {
    return this.arrivals;
  }

  /**
   * Starts over from a first page, as after a reload: what was loaded before is dropped, except
   * what `add` took after `since` (a `mark()` taken before the page was asked for): a push that
   * came while the page was on its way may be newer than the page.
   */
  reset(page: InboxPage, since = this.arrivals): void {
    const kept = [...this.byId.values()].filter((n) => (this.arrivedAt.get(n.id) ?? -1) >= since);
    const stamps = new Map(kept.map((n) => [n.id, this.arrivedAt.get(n.id)!]));
    this.byId.clear();
    this.arrivedAt.clear();
    this.cursor = null;
    this.complete = false;

    for (const notification of kept) {
      this.byId.set(notification.id, notification);
      this.arrivedAt.set(notification.id, stamps.get(notification.id)!);
    }

    this.addPage(page);
  }

  /** Forgets everything, the counts too: another user signs in. */
  clear(): void {
    this.byId.clear();
    this.arrivedAt.clear();
    this.unread = noCount;
    this.cursor = null;
    this.complete = false;
    this.changed();
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
    this.arrivedAt.set(notification.id, this.arrivals++);
    this.changed();
    return true;
  }

  /** Applies a state change, from this tab, another tab or another device. */
  applyStateChange(change: StateChange): void {
    const write = writers[change.state];

    if (write === undefined) {
      return;
    }

    let touched = false;

    for (const notification of this.byId.values()) {
      const targeted = change.all
        ? (change.through === null || notification.position <= change.through) &&
          (change.type === null || notification.type === change.type)
        : change.ids.includes(notification.id);
      const next = targeted ? write(notification, change.at) : notification;

      if (next !== notification) {
        this.byId.set(notification.id, next);
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

type Writer = (n: HeraldNotification, at: string | null) => HeraldNotification;

/** How each state change rewrites one notification; the same object back when nothing changes. */
const writers: Partial<Record<string, Writer>> = {
  // Reading a notification is seeing it, too.
  read: (n, at) => (n.readAt !== null ? n : { ...n, readAt: at, seenAt: n.seenAt ?? at }),
  unread: (n) => (n.readAt === null ? n : { ...n, readAt: null }),
  seen: (n, at) => (n.seenAt !== null ? n : { ...n, seenAt: at }),
  archived: (n, at) => (n.archivedAt !== null ? n : { ...n, archivedAt: at }),
  unarchived: (n) => (n.archivedAt === null ? n : { ...n, archivedAt: null }),
};

function sameCount(a: UnreadCount, b: UnreadCount): boolean {
  const types = Object.keys(a.byType);
  return (
    a.version === b.version &&
    a.total === b.total &&
    a.unseen === b.unseen &&
    types.length === Object.keys(b.byType).length &&
    types.every((type) => a.byType[type] === b.byType[type])
  );
}
