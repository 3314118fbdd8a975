import { describe, expect, it } from "vitest";
import { InboxStore } from "../src/store.js";
import { note } from "./fixtures.js";

const positions = (store: InboxStore) => store.state.notifications.map((n) => n.position);

describe("InboxStore", () => {
  it("keeps one copy of a notification told twice, by a page and by a push", () => {
    const store = new InboxStore();

    store.addPage({ items: [note(2), note(1)], nextCursor: null });
    const added = store.add(note(2));

    expect(added).toBe(false);
    expect(positions(store)).toEqual([2, 1]);
  });

  it("lists newest first whatever order the notifications came in", () => {
    const store = new InboxStore();

    store.add(note(3));
    store.add(note(1));
    store.addPage({ items: [note(5), note(2)], nextCursor: "2" });
    store.add(note(4));

    expect(positions(store)).toEqual([5, 4, 3, 2, 1]);
    expect(store.state.cursor).toBe("2");
    expect(store.state.complete).toBe(false);
  });

  it("marks everything read after a read-all made in another tab", () => {
    const store = new InboxStore();
    store.addPage({ items: [note(3), note(2, { type: "approval" }), note(1, { readAt: "2026-12-03T09:00:00Z" })], nextCursor: null });

    store.applyStateChange({ state: "read", ids: [], all: true, type: null, through: 3, at: "2026-12-03T11:00:00Z" });

    expect(store.state.notifications.map((n) => n.readAt)).toEqual([
      "2026-12-03T11:00:00Z",
      "2026-12-03T11:00:00Z",
      "2026-12-03T09:00:00Z",
    ]);
  });

  it("limits a read-all of one type to that type", () => {
    const store = new InboxStore();
    store.addPage({ items: [note(2, { type: "approval" }), note(1)], nextCursor: null });

    store.applyStateChange({ state: "read", ids: [], all: true, type: "approval", through: 2, at: "2026-12-03T11:00:00Z" });

    expect(store.state.notifications.map((n) => n.readAt !== null)).toEqual([true, false]);
  });

  it("marks listed ids read and unread again", () => {
    const store = new InboxStore();
    store.addPage({ items: [note(2), note(1)], nextCursor: null });

    store.applyStateChange({ state: "read", ids: ["id-1"], all: false, type: null, through: null, at: "2026-12-03T11:00:00Z" });
    const afterRead = store.state.notifications.map((n) => n.readAt !== null);
    store.applyStateChange({ state: "unread", ids: ["id-1"], all: false, type: null, through: null, at: null });

    expect(afterRead).toEqual([false, true]);
    expect(store.state.notifications.every((n) => n.readAt === null)).toBe(true);
  });

  it("keeps the state a push brought when an older copy comes with a later page", () => {
    const store = new InboxStore();
    store.add(note(1));
    store.applyStateChange({ state: "read", ids: ["id-1"], all: false, type: null, through: null, at: "2026-12-03T11:00:00Z" });

    store.addPage({ items: [note(1)], nextCursor: null });

    expect(store.state.notifications[0]?.readAt).toBe("2026-12-03T11:00:00Z");
  });

  it("keeps the newer count when two arrive out of order", () => {
    const store = new InboxStore();

    store.applyUnreadCount({ total: 3, unseen: 3, byType: { comment: 3 }, version: 7 });
    const stale = store.applyUnreadCount({ total: 5, unseen: 5, byType: { comment: 5 }, version: 6 });

    expect(stale).toBe(false);
    expect(store.state.unread?.total).toBe(3);
  });

  it("does not tell listeners of a count it already has", () => {
    const store = new InboxStore();
    const seen: number[] = [];
    store.subscribe((state) => seen.push(state.unread?.total ?? -1));

    store.applyUnreadCount({ total: 2, unseen: 2, byType: { comment: 2 }, version: 4 });
    store.applyUnreadCount({ total: 2, unseen: 2, byType: { comment: 2 }, version: 4 });
    store.applyUnreadCount({ total: 1, unseen: 1, byType: { comment: 1 }, version: 5 });

    expect(seen).toEqual([2, 1]);
  });

  it("drops what was loaded when it starts over after a reload", () => {
    const store = new InboxStore();
    store.addPage({ items: [note(2), note(1)], nextCursor: null });

    store.reset({ items: [note(900), note(899)], nextCursor: "899" });

    expect(positions(store)).toEqual([900, 899]);
    expect(store.state.complete).toBe(false);
  });

  it("stops telling a listener once it unsubscribed", () => {
    const store = new InboxStore();
    let calls = 0;
    const stop = store.subscribe(() => calls++);

    store.add(note(1));
    stop();
    store.add(note(2));

    expect(calls).toBe(1);
  });

  it("leaves a notification that came after a read-all unread, even when its push came first", () => {
    const store = new InboxStore();
    store.addPage({ items: [note(2), note(1)], nextCursor: null });
    store.add(note(3));

    store.applyStateChange({ state: "read", ids: [], all: true, type: null, through: 2, at: "2026-12-03T11:00:00Z" });

    expect(store.state.notifications.map((n) => n.readAt !== null)).toEqual([false, true, true]);
  });

  it("sees what it reads, and sees up to a position when the bell opens", () => {
    const store = new InboxStore();
    store.addPage({ items: [note(3), note(2), note(1)], nextCursor: null });

    store.applyStateChange({ state: "read", ids: ["id-3"], all: false, type: null, through: null, at: "2026-12-03T11:00:00Z" });
    store.applyStateChange({ state: "seen", ids: [], all: true, type: null, through: 1, at: "2026-12-03T11:05:00Z" });

    expect(store.state.notifications.map((n) => n.seenAt)).toEqual(["2026-12-03T11:00:00Z", null, "2026-12-03T11:05:00Z"]);
    expect(store.state.notifications.map((n) => n.readAt !== null)).toEqual([true, false, false]);
  });

  it("hides archived notifications from the list and brings restored ones back", () => {
    const store = new InboxStore();
    store.addPage({ items: [note(2), note(1)], nextCursor: null });

    store.applyStateChange({ state: "archived", ids: ["id-2"], all: false, type: null, through: null, at: "2026-12-03T11:00:00Z" });
    const whileArchived = positions(store);
    store.applyStateChange({ state: "unarchived", ids: ["id-2"], all: false, type: null, through: null, at: null });

    expect(whileArchived).toEqual([1]);
    expect(positions(store)).toEqual([2, 1]);
  });

  it("ignores a state it does not know", () => {
    const store = new InboxStore();
    store.addPage({ items: [note(1)], nextCursor: null });
    let calls = 0;
    store.subscribe(() => calls++);

    store.applyStateChange({ state: "pinned", ids: ["id-1"], all: false, type: null, through: null, at: "2026-12-03T11:00:00Z" });

    expect(calls).toBe(0);
    expect(store.state.notifications[0]).toEqual(note(1));
  });
  it("keeps a push that came while a reloaded page was on its way, and drops the rest", () => {
    const store = new InboxStore();
    store.addPage({ items: [note(2), note(1)], nextCursor: null });
    store.add(note(3));
    const mark = store.mark();

    store.add(note(5));
    store.reset({ items: [note(4), note(3)], nextCursor: "3" }, mark);

    expect(positions(store)).toEqual([5, 4, 3]);
    expect(store.state.cursor).toBe("3");
  });

  it("keeps nothing older than the page when a reset is given no mark", () => {
    const store = new InboxStore();
    store.add(note(1));
    store.add(note(2));

    store.reset({ items: [note(1)], nextCursor: null });
    store.reset({ items: [], nextCursor: null }, store.mark());

    expect(positions(store)).toEqual([]);
  });

  it("forgets the counts as well when cleared, so a lower version of another user is taken", () => {
    const store = new InboxStore();
    store.applyUnreadCount({ total: 3, unseen: 3, byType: {}, version: 40 });
    store.add(note(1));

    store.clear();
    const taken = store.applyUnreadCount({ total: 1, unseen: 1, byType: {}, version: 2 });

    expect(taken).toBe(true);
    expect(store.state.unread?.total).toBe(1);
    expect(positions(store)).toEqual([]);
  });
});
