// The shapes Herald's HTTP API and hub speak, as JSON.

/** A notification as the inbox API lists it and the hub pushes it. */
export interface HeraldNotification {
  id: string;
  /** Place in the recipient's stream: 1 for the first, one more for each after it. */
  position: number;
  recipient: string;
  sender: string;
  type: string;
  title: string | null;
  content: string | null;
  /** A path on the host's site or an http(s) URL; the server refuses anything else. */
  link: string | null;
  data: unknown;
  createdAt: string;
  readAt: string | null;
  /** When the user first saw it (opened the bell, or read it); null while new. */
  seenAt: string | null;
  /** When it was archived; an archived notification leaves the default list. */
  archivedAt: string | null;
}

/** The user's counts, archived notifications left out; a higher version is newer. */
export interface UnreadCount {
  /** Unread notifications. */
  total: number;
  /** Notifications not seen yet, read or not: what a badge shows. */
  unseen: number;
  byType: Record<string, number>;
  version: number;
}

/** What a state change made the notifications; a client ignores a value it does not know. */
export type InboxStateName = "read" | "unread" | "seen" | "archived" | "unarchived";

/** Notifications changed state, maybe in another tab or on another device. */
export interface StateChange {
  state: InboxStateName | (string & {});
  /** The notifications that changed; empty when `all` is set. */
  ids: string[];
  /** Every notification up to `through` (of `type`, if given) that was not yet in that state. */
  all: boolean;
  type: string | null;
  through: number | null;
  /** The time written; null for unread and unarchived. */
  at: string | null;
}

/** The hub's answer to `Resume(after)`. */
export interface ResumeResult {
  notifications: HeraldNotification[];
  position: number;
  reload: boolean;
}

/** A page of the inbox: newest first, or oldest first after a position. */
export interface InboxPage {
  items: HeraldNotification[];
  nextCursor: string | null;
}
