import { HttpTransportType, HubConnection, HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import { InboxApi } from "./api.js";
import type { HeraldNotification, StateChange, ResumeResult, UnreadCount } from "./protocol.js";
import { Listeners } from "./listeners.js";
import { Sequencer } from "./sequencer.js";

export interface HeraldClientOptions {
  /** Herald's base address, such as `https://herald.example.com/`. */
  serverUrl: string | URL;
  /** Gives the access token; asked again at every connect, so an expired one is replaced. */
  accessToken: () => string | Promise<string>;
  /** The last position the page already has; null (the default) starts from now. */
  startAfter?: number | null;
  /** The longest wait between two reconnect attempts. Default 30 000 ms. */
  maxReconnectDelayMs?: number;
}

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "stopped";

/** The events a client raises, with their argument. */
export interface HeraldClientEvents {
  /** Once per notification, in stream order. */
  notification: HeraldNotification;
  /** The unread counts; read the version to keep the newest. */
  unreadCount: UnreadCount;
  stateChanged: StateChange;
  /** Too far behind to be replayed: reload the inbox; the argument is the position to go on from. */
  reload: number;
  connection: ConnectionState;
}

type Listener<K extends keyof HeraldClientEvents> = (argument: HeraldClientEvents[K]) => void;

/**
 * One user's live connection to Herald. It reconnects by itself with backoff and, after every
 * connect, asks for what it missed, so the page sees each notification once and in order.
 */
export class HeraldClient {
  readonly api: InboxApi;
  private readonly connection: HubConnection;
  private readonly sequencer: Sequencer;
  private readonly listeners = new Listeners<HeraldClientEvents>();
  private stopped = false;

  constructor(options: HeraldClientOptions) {
    const base = new URL(options.serverUrl);

    if (!base.pathname.endsWith("/")) {
      base.pathname += "/";
    }

    const maxDelay = options.maxReconnectDelayMs ?? 30_000;
    this.api = new InboxApi(base, options.accessToken);
    this.connection = new HubConnectionBuilder()
      .withUrl(new URL("hubs/notifications", base).toString(), {
        accessTokenFactory: options.accessToken,
        // Herald's hub speaks WebSockets only, so the negotiate round trip is skipped.
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (retry) => backoff(retry.previousRetryCount, maxDelay) })
      .configureLogging(LogLevel.None)
      .build();

    this.sequencer = new Sequencer(
      (after) => this.connection.invoke<ResumeResult>("Resume", after),
      {
        notification: (n) => this.listeners.emit("notification", n),
        reload: (position) => this.listeners.emit("reload", position),
      },
      options.startAfter ?? null,
    );

    this.connection.on("notification", (n: HeraldNotification) => void this.sequencer.pushed(n));
    this.connection.on("unreadCount", (c: UnreadCount) => this.listeners.emit("unreadCount", c));
    this.connection.on("stateChanged", (c: StateChange) => this.listeners.emit("stateChanged", c));
    // The server's link to its other nodes was down: pushes may be missing.
    this.connection.on("resync", () => void this.sequencer.connected());
    this.connection.onreconnecting(() => this.listeners.emit("connection", "reconnecting"));
    this.connection.onreconnected(() => {
      this.listeners.emit("connection", "connected");
      void this.sequencer.connected();
    });
    this.connection.onclose(() => void this.restart(maxDelay));
  }

  /** The last stream position applied; keep it to start a later page after it. */
  get position(): number | null {
    return this.sequencer.current;
  }

  /** Calls `listener` for each `event`; returns the function that stops it. */
  on<K extends keyof HeraldClientEvents>(event: K, listener: Listener<K>): () => void {
    return this.listeners.on(event, listener);
  }

  /** Connects, and resolves once caught up with what was missed. A first failure is thrown. */
  async start(): Promise<void> {
    this.stopped = false;
    this.listeners.emit("connection", "connecting");
    await this.connection.start();
    this.listeners.emit("connection", "connected");
    await this.sequencer.connected();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.connection.stop();
    this.listeners.emit("connection", "stopped");
  }

  /** The server ended the connection (an expired token, say): start over with backoff. */
  private async restart(maxDelay: number): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      this.listeners.emit("connection", "reconnecting");
      await new Promise((resolve) => setTimeout(resolve, backoff(attempt, maxDelay)));

      if (this.stopped) {
        return;
      }

      try {
        await this.connection.start();
        this.listeners.emit("connection", "connected");
        await this.sequencer.connected();
        return;
      } catch {
        // Tried again after a longer wait.
      }
    }
  }
}

/** Half a second, doubling per attempt up to the maximum, shortened by up to a fifth at random. */
export function backoff(attempt: number, maxDelayMs: number): number {
  const doubled = 500 * 2 ** Math.min(attempt, 16);
  return Math.min(doubled, maxDelayMs) * (1 - Math.random() / 5);
}
