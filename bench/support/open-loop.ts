// Open-loop sender: offers a fixed rate of JSON POSTs whatever the server's answers take, so a
// slow server shows up as latency (not as a lower offered rate, the closed-loop trap called
// coordinated omission). Each body carries its sequence number and its *scheduled* send time.
import { KeepAliveClient } from './keepalive-client.js';

export interface OpenLoopOptions {
  readonly url: string;
  /** Offered events per second. */
  readonly rate: number;
  readonly durationMs: number;
  /** The first sequence number; runs sharing a sink use disjoint ranges. */
  readonly firstSeq: number;
  /** Builds the body of event `seq` scheduled at `sentMs` (performance.now() of this process). */
  readonly body: (seq: number, sentMs: number) => string;
  /** Most requests in flight at once (connections); beyond it, requests queue (still timed from their schedule). @default 256 */
  readonly maxSockets?: number;
}

export interface OpenLoopResult {
  /** Scheduled send time of each sequence number. */
  readonly scheduled: Map<number, number>;
  /** Sequence numbers answered 2xx, with the answer's arrival time. */
  readonly accepted: Map<number, number>;
  readonly offered: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Wall time from the first scheduled send to the last answer, in ms. */
  readonly elapsedMs: number;
}

/** Offers `rate` events/s for `durationMs`, waits for every answer (10 s bound), reports what happened. */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const client = new KeepAliveClient(options.url, options.maxSockets ?? 256);
  const scheduled = new Map<number, number>();
  const accepted = new Map<number, number>();
  const total = Math.max(1, Math.round((options.rate * options.durationMs) / 1000));
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  let lastAnswer = 0;
  let allSettled: () => void = () => {};
  const done = new Promise<void>((r) => (allSettled = r));

  const settle = (): void => {
    settled++;
    lastAnswer = performance.now();
    if (settled === total) allSettled();
  };
  const send = (seq: number, at: number): void => {
    scheduled.set(seq, at);
    client.post(options.body(seq, at), (status) => {
      if (status === undefined) errors++;
      else if (status >= 200 && status < 300) accepted.set(seq, performance.now());
      else non2xx++;
      settle();
    });
  };

  const start = performance.now();
  const interval = 1000 / options.rate;
  let next = 0;
  await new Promise<void>((finish) => {
    const tick = (): void => {
      const now = performance.now();
      // every event whose scheduled time has come is sent now, stamped with its schedule
      while (next < total && start + next * interval <= now) {
        send(options.firstSeq + next, start + next * interval);
        next++;
      }
      if (next >= total) finish();
      else setTimeout(tick, Math.max(0, Math.min(5, start + next * interval - performance.now())));
    };
    tick();
  });
  const timeout = new Promise<void>((r) => setTimeout(r, 10_000).unref());
  await Promise.race([done, timeout]);
  client.close();
  return {
    scheduled,
    accepted,
    offered: total,
    non2xx,
    errors: errors + (total - settled),
    elapsedMs: Math.round((lastAnswer || performance.now()) - start),
  };
}
