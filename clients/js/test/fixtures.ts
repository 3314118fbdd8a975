import type { HeraldNotification } from "../src/protocol.js";

/** A notification at `position`, with whatever else a test gives. */
export function note(position: number, extra: Partial<HeraldNotification> = {}): HeraldNotification {
  return {
    id: `id-${position}`,
    position,
    recipient: "bob",
    sender: "alice",
    type: "comment",
    title: `Note ${position}`,
    content: null,
    link: null,
    data: null,
    createdAt: "2026-12-03T10:00:00Z",
    readAt: null,
    seenAt: null,
    archivedAt: null,
    ...extra,
  };
}
