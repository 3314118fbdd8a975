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
}

/** The user's unread counts; a higher version is newer. */
export interface UnreadCount {
  total: number;
  byType: Record<string, number>;
  version: number;
}

/** Notifications were marked read or unread, maybe in another tab or on another device. */
export interface ReadStateChange {
  read: boolean;
  ids: string[];
  all: boolean;
  type: string | null;
  readAt: string | null;
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
