import { describe, expect, it } from "vitest";
import type { HeraldNotification, ResumeResult } from "../src/protocol.js";
import { Sequencer } from "../src/sequencer.js";
import { note } from "./fixtures.js";

/** A stream of `count` stored notifications, and a resume that answers from it. */
function stream(count: number, maxReplay = 500) {
  const stored = Array.from({ length: count }, (_, i) => note(i + 1));
  const calls: (number | null)[] = [];
  const resume = async (after: number | null): Promise<ResumeResult> => {
    calls.push(after);
    const head = stored.length;

    if (after === null) {
      return { notifications: [], position: head, reload: false };
    }

    const missed = stored.filter((n) => n.position > after);
    return missed.length > maxReplay || after > head
      ? { notifications: [], position: head, reload: true }
      : { notifications: missed, position: missed.at(-1)?.position ?? after, reload: false };
  };
  return { stored, calls, resume };
}

function recorder() {
  const seen: HeraldNotification[] = [];
  const reloads: number[] = [];
  return {
    seen,
    reloads,
    events: { notification: (n: HeraldNotification) => seen.push(n), reload: (p: number) => reloads.push(p) },
  };
}

describe("Sequencer", () => {
  it("replays what was missed on connect, then applies live pushes once each", async () => {
    const server = stream(3);
    const out = recorder();
    const sequencer = new Sequencer(server.resume, out.events, 0);

    await sequencer.connected();
    server.stored.push(note(4));
    await sequencer.pushed(note(4));
    await sequencer.pushed(note(4));
    await sequencer.pushed(note(2));

    expect(out.seen.map((n) => n.position)).toEqual([1, 2, 3, 4]);
    expect(sequencer.current).toBe(4);
  });

  it("fills a gap from the server before applying the push beyond it", async () => {
    const server = stream(2);
    const out = recorder();
    const sequencer = new Sequencer(server.resume, out.events, 0);
    await sequencer.connected();

    server.stored.push(note(3), note(4), note(5));
    await sequencer.pushed(note(5));
    await sequencer.pushed(note(3));
    await sequencer.pushed(note(4));

    expect(out.seen.map((n) => n.position)).toEqual([1, 2, 3, 4, 5]);
    expect(server.calls).toEqual([0, 2]);
  });

  it("applies pushes that arrive during a resume after it, without duplicates", async () => {
    const server = stream(3);
    const out = recorder();
    let release!: () => void;
    const slowResume = async (after: number | null) => {
      await new Promise<void>((resolve) => (release = resolve));
      return server.resume(after);
    };
    const sequencer = new Sequencer(slowResume, out.events, 0);

    const catching = sequencer.connected();
    server.stored.push(note(4));
    const pushes = [sequencer.pushed(note(3)), sequencer.pushed(note(4))];
    await Promise.resolve();
    release();
    await Promise.all([catching, ...pushes]);

    expect(out.seen.map((n) => n.position)).toEqual([1, 2, 3, 4]);
  });

  it("asks for a reload when too far behind and goes on from the position it is given", async () => {
    const server = stream(8, 5);
    const out = recorder();
    const sequencer = new Sequencer(server.resume, out.events, 0);

    await sequencer.connected();
    server.stored.push(note(9));
    await sequencer.pushed(note(9));

    expect(out.reloads).toEqual([8]);
    expect(out.seen.map((n) => n.position)).toEqual([9]);
  });

  it("starting from now holds early pushes until it knows where now is", async () => {
    const server = stream(4);
    const out = recorder();

    // Position 5 commits after the server read the head for its answer.
    const resume = async (after: number | null) => {
      const answer = await server.resume(after);
      server.stored.push(note(5));
      return answer;
    };
    const sequencer = new Sequencer(resume, out.events, null);

    const early = [sequencer.pushed(note(4)), sequencer.pushed(note(5))];
    await Promise.all(early);
    const beforeConnect = out.seen.length;
    await sequencer.connected();

    expect(beforeConnect).toBe(0);
    expect(out.seen.map((n) => n.position)).toEqual([5]);
  });

  it("leaves a push beyond a gap to the next connect when the resume fails", async () => {
    const server = stream(1);
    const out = recorder();
    let online = true;
    const flaky = async (after: number | null) => {
      if (!online) {
        throw new Error("connection lost");
      }

      return server.resume(after);
    };
    const sequencer = new Sequencer(flaky, out.events, 0);
    await sequencer.connected();

    online = false;
    server.stored.push(note(2), note(3));
    await sequencer.pushed(note(3));
    const whileOffline = out.seen.length;
    online = true;
    await sequencer.connected();

    expect(whileOffline).toBe(1);
    expect(out.seen.map((n) => n.position)).toEqual([1, 2, 3]);
  });
});
