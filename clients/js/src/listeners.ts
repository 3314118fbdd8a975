/**
 * Listeners by event name. A listener that throws is reported on the console and keeps neither
 * the other listeners nor the stream from going on.
 */
export class Listeners<Events> {
  private readonly byEvent = new Map<keyof Events, Set<(argument: never) => void>>();

  /** Calls `listener` for each `event`; returns the function that stops it. */
  on<K extends keyof Events>(event: K, listener: (argument: Events[K]) => void): () => void {
    let set = this.byEvent.get(event);

    if (set === undefined) {
      set = new Set();
      this.byEvent.set(event, set);
    }

    set.add(listener as (argument: never) => void);
    return () => set.delete(listener as (argument: never) => void);
  }

  emit<K extends keyof Events>(event: K, argument: Events[K]): void {
    for (const listener of this.byEvent.get(event) ?? []) {
      try {
        (listener as (argument: Events[K]) => void)(argument);
      } catch (error) {
        console.error("A Herald listener threw.", error);
      }
    }
  }
}
