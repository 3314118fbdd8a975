export { HeraldClient, backoff } from "./client.js";
export type { ConnectionState, HeraldClientEvents, HeraldClientOptions } from "./client.js";
export { HeraldApiError, InboxApi } from "./api.js";
export type { PageQuery } from "./api.js";
export { InboxStore } from "./store.js";
export type { InboxListener, InboxState } from "./store.js";
export { Sequencer } from "./sequencer.js";
export type { SequencerEvents } from "./sequencer.js";
export type { HeraldNotification, InboxPage, ReadStateChange, ResumeResult, UnreadCount } from "./protocol.js";
