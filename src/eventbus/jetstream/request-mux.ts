/**
 * Request/reply for the two requests the bus sends per event — a JetStream publish (reply: the
 * PubAck) and a confirmed ack (reply: the server's confirmation, upstream's `AckSync`) — without
 * nats.js' per-request machinery, and with the writes of one event-loop turn coalesced.
 *
 * Why: profiles of `argus run` under load showed (1) a socket write per publish — nats.js flushes
 * its outbound buffer in a microtask, so publishes made from separate I/O callbacks (one per HTTP
 * request) each cost a `write()` system call (~14 % of the CPU); (2) nats.js' `request()` and
 * `ackAck()` building a request object per call with its own timer and Error objects with stack
 * traces (one of them even on success, when the request is cleaned up). Here requests are queued
 * and sent together from one `setImmediate` (one write for all requests of the turn), one
 * wildcard inbox subscription receives every reply, and one sweep timer fails requests that were
 * not answered in time. Semantics are those of nats.js' `request`: the promise resolves with the
 * reply and rejects on a timeout or a status reply (e.g. 503 no responders).
 */
import { createInbox } from '@nats-io/transport-node';
import type { Msg, MsgHdrs, NatsConnection, Subscription } from '@nats-io/transport-node';

/** How often unanswered requests are checked against their deadline, in ms. */
const SWEEP_MS = 250;

interface Waiter {
  readonly resolve: (msg: Msg) => void;
  readonly reject: (err: Error) => void;
  readonly deadline: number;
}

interface Queued {
  readonly id: number;
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: MsgHdrs | undefined;
}

/** One per connection. */
export class RequestMux {
  private readonly prefix: string;
  private readonly sub: Subscription;
  private readonly waiting = new Map<number, Waiter>();
  private queue: Queued[] = [];
  private next = 0;
  private sweeper: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(private readonly nc: NatsConnection) {
    this.prefix = `${createInbox()}.`;
    this.sub = nc.subscribe(`${this.prefix}*`, { callback: (err, msg) => this.onReply(err, msg) });
  }

  /** Sends `data` to `subject` with a reply inbox; resolves with the reply. */
  request(subject: string, data: Uint8Array, headers: MsgHdrs | undefined, timeoutMs: number): Promise<Msg> {
    if (this.closed) return Promise.reject(new Error('the connection is closing'));
    return new Promise<Msg>((resolve, reject) => {
      const id = ++this.next;
      this.waiting.set(id, { resolve, reject, deadline: Date.now() + timeoutMs });
      if (this.queue.push({ id, subject, data, headers }) === 1) setImmediate(() => this.send());
      if (this.sweeper === undefined) {
        this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
        this.sweeper.unref();
      }
    });
  }

  /** Publishes everything queued in this turn; nats.js writes it to the socket in one go. */
  private send(): void {
    const batch = this.queue;
    this.queue = [];
    for (const q of batch) {
      if (!this.waiting.has(q.id)) continue; // failed meanwhile
      try {
        this.nc.publish(q.subject, q.data, {
          reply: `${this.prefix}${q.id}`,
          ...(q.headers !== undefined ? { headers: q.headers } : {}),
        });
      } catch (err) {
        this.fail(q.id, err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  private onReply(err: Error | null, msg: Msg): void {
    if (err !== null) {
      // the subscription itself failed (connection closed): no reply will come any more
      this.failAll(err);
      return;
    }
    const id = Number(msg.subject.slice(this.prefix.length));
    const w = this.waiting.get(id);
    if (w === undefined) return; // timed out already
    this.waiting.delete(id);
    const h = msg.headers;
    if (h !== undefined && h.hasError)
      w.reject(new Error(h.code === 503 ? 'no responders' : `error reply: ${h.status}`));
    else w.resolve(msg);
  }

  private fail(id: number, err: Error): void {
    const w = this.waiting.get(id);
    this.waiting.delete(id);
    w?.reject(err);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, w] of this.waiting)
      if (w.deadline <= now) this.fail(id, new Error('timed out waiting for the reply'));
    if (this.waiting.size === 0) this.stopSweeper();
  }

  private stopSweeper(): void {
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private failAll(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
    this.stopSweeper();
  }

  /** Stops listening; requests still unanswered fail. */
  close(): void {
    this.closed = true;
    this.failAll(new Error('the connection is closing'));
    this.sub.unsubscribe();
  }
}
