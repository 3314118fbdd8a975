import type { HeraldNotification, ResumeResult } from "./protocol.js";

/** What the sequencer tells its owner. */
export interface SequencerEvents {
  /** Raised once per notification, in stream order. */
  notification(notification: HeraldNotification): void;
  /** The client was too far behind to be replayed: reload the inbox, go on from `position`. */
  reload(position: number): void;
}

/**
 * Turns what the hub sends (replays and live pushes, in any order, some twice) into each
 * notification once, in position order. Everything passes through one queue, so a resume and
 * the pushes that arrive while it runs are applied one after the other.
 */
export class Sequencer {
  private position: number | null;
  private queue: Promise<void> = Promise.resolve();
  private readonly early: HeraldNotification[] = [];

  constructor(
    private readonly resume: (after: number | null) => Promise<ResumeResult>,
    private readonly events: SequencerEvents,
    startAfter: number | null,
  ) {
    this.position = startAfter;
  }

  /** The last position applied, or null before the first resume when starting from now. */
  get current(): number | null {
    return this.position;
  }

  /** A connect or reconnect happened: catch up. Resolves once caught up (or the resume failed). */
  connected(): Promise<void> {
    return this.enqueue(async () => {
      await this.catchUp();
    });
  }

  /** A push arrived. */
  pushed(notification: HeraldNotification): Promise<void> {
    return this.enqueue(() => this.onPush(notification));
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async onPush(notification: HeraldNotification): Promise<void> {
    if (this.position === null) {
      // Starting from now, and the answer that says where "now" is has not come yet.
      this.early.push(notification);
      return;
    }

    if (this.apply(notification)) {
      return;
    }

    // A gap: this one was committed, so everything before it was too, and a replay holds it.
    if (await this.catchUp()) {
      this.apply(notification);
    }
  }

  /** Applies the next position, drops one already applied; false for one beyond a gap. */
  private apply(notification: HeraldNotification): boolean {
    const position = this.position ?? 0;

    if (notification.position <= position) {
      return true;
    }

    if (notification.position !== position + 1) {
      return false;
    }

    this.position = notification.position;
    this.events.notification(notification);
    return true;
  }

  private async catchUp(): Promise<boolean> {
    let result: ResumeResult;

    try {
      result = await this.resume(this.position);
    } catch {
      // The connection went away meanwhile; the next connect catches up again.
      return false;
    }

    if (result.reload) {
      this.position = result.position;
      this.events.reload(result.position);
    } else {
      for (const notification of result.notifications) {
        this.apply(notification);
      }

      if (this.position === null) {
        this.position = result.position;
      }
    }

    const early = this.early.splice(0).sort((a, b) => a.position - b.position);

    for (const notification of early) {
      if (!this.apply(notification) && (await this.catchUp())) {
        this.apply(notification);
      }
    }

    return true;
  }
}
