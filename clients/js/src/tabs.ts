import type { ConnectionState, HeraldClientEvents, HeraldClientOptions } from "./client.js";
import { HeraldClient, backoff } from "./client.js";
import { InboxApi } from "./api.js";
import { Listeners } from "./listeners.js";
import type { HeraldNotification } from "./protocol.js";

type Listener<K extends keyof HeraldClientEvents> = (argument: HeraldClientEvents[K]) => void;

/** What tabs of one user tell each other over their BroadcastChannel. */
type TabMessage =
  | { kind: "event"; event: keyof HeraldClientEvents; argument: unknown }
  | { kind: "hello"; tab: string }
  | { kind: "position"; position: number | null }
  | { kind: "focus"; tab: string; focused: boolean };

export interface SharedConnectionOptions extends HeraldClientOptions {
  /** The signed-in user; tabs of one user and origin share one connection. */
  user: string;
}

/**
 * One hub connection per browser and user, shared by all of that user's tabs on this origin.
 * The tabs elect a leader with a Web Lock: the leader holds the connection and passes on what
 * it receives over a BroadcastChannel; when it closes, the lock goes to the next tab, which
 * connects and resumes from the last position any tab saw, so nothing is lost in the handover.
 * Without Web Locks (an old browser) every tab connects on its own.
 */
export class SharedConnection {
  readonly api: InboxApi;
  private readonly tab = crypto.randomUUID();
  private readonly channel: BroadcastChannel;
  private readonly listeners = new Listeners<HeraldClientEvents>();
  private client: HeraldClient | null = null;
  private lastPosition: number | null;
  private focusedTab: string | null = null;
  private state: ConnectionState = "connecting";
  private release: (() => void) | null = null;
  private readonly stopListening = new AbortController();
  private closed = false;

  constructor(private readonly options: SharedConnectionOptions) {
    const base = new URL(options.serverUrl);

    if (!base.pathname.endsWith("/")) {
      base.pathname += "/";
    }

    this.api = new InboxApi(base, options.accessToken);
    this.lastPosition = options.startAfter ?? null;
    this.channel = new BroadcastChannel(`herald:${options.user}`);
    this.channel.onmessage = (message: MessageEvent<TabMessage>) => this.onMessage(message.data);
  }

  /** Whether this tab holds the connection. */
  get isLeader(): boolean {
    return this.client !== null;
  }

  /** The shared connection's state as this tab last heard it. */
  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Whether a toast belongs in this tab: the focused one, or the leader when none is focused. */
  get shouldToast(): boolean {
    return document.hasFocus() || (this.focusedTab === null && this.isLeader);
  }

  on<K extends keyof HeraldClientEvents>(event: K, listener: Listener<K>): () => void {
    return this.listeners.on(event, listener);
  }

  /**
   * Joins the user's tabs; this tab leads once the lock is free. `after` is the last position
   * the page already has (from a page it loaded after this object began to listen), so that a
   * connection this tab opens replays what came after it.
   */
  start(after: number | null = null): void {
    if (after !== null && (this.lastPosition === null || after > this.lastPosition)) {
      this.lastPosition = after;
    }

    const signal = this.stopListening.signal;
    addEventListener("focus", () => this.post({ kind: "focus", tab: this.tab, focused: true }), { signal });
    addEventListener("blur", () => this.post({ kind: "focus", tab: this.tab, focused: false }), { signal });
    addEventListener("pagehide", () => this.close(), { signal });

    if (document.hasFocus()) {
      this.post({ kind: "focus", tab: this.tab, focused: true });
    }

    if (navigator.locks === undefined) {
      void this.lead();
      return;
    }

    void navigator.locks.request(`herald:${this.options.user}`, () => this.lead());
    this.post({ kind: "hello", tab: this.tab });
  }

  /** Leaves: the connection, if this tab held it, goes to the next tab. */
  close(): void {
    if (this.closed) {
      return;
    }

    // A focused tab that goes away leaves no tab focused, so that the leader toasts again.
    this.post({ kind: "focus", tab: this.tab, focused: false });

    this.closed = true;
    this.stopListening.abort();
    void this.client?.stop();
    this.release?.();
    this.channel.close();
  }

  /** Runs while this tab holds the lock: connects, passes everything on, and waits. */
  private async lead(): Promise<void> {
    if (this.closed) {
      return;
    }

    const client = new HeraldClient({ ...this.options, startAfter: this.lastPosition ?? this.options.startAfter });
    this.client = client;

    for (const event of ["notification", "unreadCount", "stateChanged", "reload", "connection"] as const) {
      client.on(event, (argument: unknown) => {
        this.heard(event, argument);
        this.post({ kind: "event", event, argument });
        this.listeners.emit(event, argument as never);
      });
    }

    await startWithRetry(client, this.options.maxReconnectDelayMs ?? 30_000, () => this.closed);

    // Closed while still connecting: the lock goes now, or the user's next tab here waits forever.
    if (this.closed) {
      return;
    }

    this.post({ kind: "position", position: client.position });

    // The lock is held until the tab goes away.
    await new Promise<void>((resolve) => (this.release = resolve));
  }

  /** Keeps what a takeover needs: the last position seen, and the connection's state. */
  private heard(event: keyof HeraldClientEvents, argument: unknown): void {
    if (event === "notification") {
      this.lastPosition = (argument as HeraldNotification).position;
    } else if (event === "reload") {
      this.lastPosition = argument as number;
    } else if (event === "connection") {
      this.state = argument as ConnectionState;
    }
  }

  private onMessage(message: TabMessage): void {
    switch (message.kind) {
      case "event":
        this.heard(message.event, message.argument);
        this.listeners.emit(message.event, message.argument as never);
        break;

      case "hello":
        // A new tab: tell it where the stream stands, so it could take over from there, and
        // how the connection is doing.
        if (this.isLeader) {
          this.post({ kind: "position", position: this.client!.position });
          this.post({ kind: "event", event: "connection", argument: this.state });
        }

        break;

      case "position":
        if (message.position !== null && (this.lastPosition === null || message.position > this.lastPosition)) {
          this.lastPosition = message.position;
        }

        break;

      case "focus":
        // One tab's blur and the next one's focus come from two senders, in either order: a
        // blur only clears the tab that sent it.
        if (message.focused) {
          this.focusedTab = message.tab;
        } else if (this.focusedTab === message.tab) {
          this.focusedTab = null;
        }

        break;
    }
  }

  private post(message: TabMessage): void {
    if (!this.closed) {
      this.channel.postMessage(message);
    }
  }
}

/** The first connect may fail (the server is restarting): try again with backoff. */
async function startWithRetry(client: HeraldClient, maxDelayMs: number, stopped: () => boolean): Promise<void> {
  for (let attempt = 0; !stopped(); attempt++) {
    try {
      await client.start();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, backoff(attempt, maxDelayMs)));
    }
  }
}
