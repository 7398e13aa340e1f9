/**
 * One durable consumer of the embedded bus: a cursor over the message log, an ack floor
 * (every seq at or below it is settled), the acked seqs above the floor, and the in-memory
 * pending set (delivered, not yet settled) with one ack timer each. An ack is in the ack journal
 * (ack-journal.ts) before `ack()` resolves; the pending set is not persisted, so after a crash
 * everything above the floor that was not acked is delivered again.
 */
import type { Clock, TimerHandle } from '../../shared/clock.js';
import type { Delivery, DeliveryHandler, StoredMessage, SubjectFilter, Subscription } from '../bus.js';
import { subjectMatches } from '../bus.js';
import { BusError, ErrorCodes, errorMessage } from '../../shared/errors.js';

/** The persisted part of a consumer (lmdb `consumers` db). */
export interface ConsumerRecord {
  readonly filters: SubjectFilter[];
  readonly ackWaitMs: number;
  readonly maxAckPending: number;
  /** Every seq ≤ ackFloor is settled. */
  ackFloor: number;
  /** Highest seq ever delivered, as of the last ack (only used for redelivery counts after a restart). */
  delivered: number;
}

/** What a consumer needs from the bus that owns it. */
export interface ConsumerHost {
  readonly clock: Clock;
  /** The first message with seq ≥ `from`, or undefined. */
  nextMessage(from: number): StoredMessage | undefined;
  /** The message with this seq, or undefined when removed by retention. */
  message(seq: number): StoredMessage | undefined;
  /** Records an ack; resolves once it survives a process crash (it is in the ack journal), rejects when it cannot. */
  recordAck(consumer: EmbeddedConsumer, seq: number): Promise<void>;
  /** Records a new highest delivered seq (best effort; for redelivery counts after a restart). */
  recordDelivered(consumer: EmbeddedConsumer, seq: number): void;
  /** Writes every consumer's state into lmdb and drops the journal it covers. */
  checkpoint(): Promise<void>;
}

interface Pending {
  count: number;
  timer: TimerHandle | undefined;
}

/** The live state and delivery loop of one subscribed consumer. */
export class EmbeddedConsumer implements Subscription {
  readonly consumerNames: readonly string[];
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private readonly acked = new Set<number>();
  private readonly pending = new Map<number, Pending>();
  /** Seqs waiting for redelivery, ascending. */
  private readonly redeliver: number[] = [];
  /** Redelivery counts of messages not currently pending (after nak or timeout, or from before a restart). */
  private readonly counts = new Map<number, number>();
  private readonly delayTimers = new Set<TimerHandle>();
  private cursor: number;
  private stopped = false;
  private wakeFlag = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  /** Messages up to this seq were delivered before this subscription started (redeliveries now). */
  private readonly deliveredBeforeStart: number;

  constructor(
    readonly name: string,
    readonly record: ConsumerRecord,
    ackedAbove: Iterable<number>,
    private readonly host: ConsumerHost,
    private readonly handler: DeliveryHandler,
  ) {
    this.consumerNames = [name];
    this.closed = new Promise((r) => (this.resolveClosed = r));
    for (const s of ackedAbove) this.acked.add(s);
    this.cursor = record.ackFloor + 1;
    this.deliveredBeforeStart = record.delivered;
  }

  start(): void {
    this.loop = this.run();
  }

  /** Something changed (new message, settled delivery, timer): look again. */
  wake(): void {
    this.wakeFlag = true;
    const w = this.wakeUp;
    this.wakeUp = undefined;
    w?.();
  }

  private async sleep(): Promise<void> {
    if (this.wakeFlag) return;
    await new Promise<void>((r) => (this.wakeUp = r));
  }

  private takeNext(): StoredMessage | undefined {
    while (this.redeliver.length > 0) {
      const seq = this.redeliver.shift()!;
      if (this.isSettled(seq) || this.pending.has(seq)) continue;
      const m = this.host.message(seq);
      if (m !== undefined) return m;
      this.dropRemoved(seq);
    }
    for (;;) {
      const m = this.host.nextMessage(this.cursor);
      if (m === undefined) return undefined;
      // seqs skipped over were removed by retention (or never stored): nothing to deliver there
      if (m.seq > this.cursor) this.settleGap(this.cursor, m.seq - 1);
      this.cursor = m.seq + 1;
      if (this.isSettled(m.seq) || this.pending.has(m.seq)) continue;
      if (this.record.filters.some((f) => subjectMatches(f, m.eventSourceName, m.eventName))) return m;
      // not ours: settled for this consumer
      this.settle(m.seq);
    }
  }

  private settleGap(from: number, to: number): void {
    if (this.record.ackFloor >= from - 1) {
      // everything below the gap is settled: move the floor over it in one step
      this.record.ackFloor = to;
      for (const seq of this.acked) if (seq <= to) this.acked.delete(seq);
      this.settle(to);
    } else for (let seq = from; seq <= to; seq++) this.acked.add(seq);
  }

  private isSettled(seq: number): boolean {
    return seq <= this.record.ackFloor || this.acked.has(seq);
  }

  /** A message removed by retention before it was acked: JetStream skips it too. */
  private dropRemoved(seq: number): void {
    this.counts.delete(seq);
    this.settle(seq);
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped) {
        this.wakeFlag = false;
        if (this.pending.size >= this.record.maxAckPending) {
          await this.sleep();
          continue;
        }
        const m = this.takeNext();
        if (m === undefined) {
          await this.sleep();
          continue;
        }
        await this.deliver(m);
      }
    } finally {
      this.resolveClosed();
    }
  }

  private async deliver(m: StoredMessage): Promise<void> {
    const count = this.counts.get(m.seq) ?? (m.seq <= this.deliveredBeforeStart ? 1 : 0);
    this.counts.delete(m.seq);
    const p: Pending = { count, timer: undefined };
    this.pending.set(m.seq, p);
    if (m.seq > this.record.delivered) {
      this.record.delivered = m.seq;
      this.host.recordDelivered(this, m.seq);
    }
    // open → acked | nakked; open → timedout (the message went back in line) → acked (late ack)
    let state: 'open' | 'timedout' | 'acked' | 'nakked' = 'open';
    let ackResult: Promise<void> | undefined;
    const arm = (): void => {
      if (p.timer !== undefined) this.host.clock.clearTimeout(p.timer);
      p.timer = this.host.clock.setTimeout(() => {
        p.timer = undefined;
        if (state !== 'open') return;
        state = 'timedout';
        this.requeue(m.seq, count + 1, 0, p);
      }, this.record.ackWaitMs);
    };
    const delivery: Delivery = {
      message: m,
      redeliveryCount: count,
      ack: () => {
        if (ackResult !== undefined) return ackResult;
        if (state === 'nakked' || this.isSettled(m.seq)) return Promise.resolve();
        state = 'acked';
        ackResult = this.ack(m.seq, p);
        return ackResult;
      },
      nak: (delayMs = 0) => {
        if (state !== 'open') return Promise.resolve();
        state = 'nakked';
        this.requeue(m.seq, count + 1, delayMs, p);
        return Promise.resolve();
      },
      working: () => {
        if (state === 'open') arm();
        return Promise.resolve();
      },
    };
    arm();
    try {
      await this.handler(delivery);
    } catch {
      await delivery.nak();
    }
  }

  private clearPending(seq: number, p: Pending | undefined): void {
    if (p !== undefined && p.timer !== undefined) this.host.clock.clearTimeout(p.timer);
    if (p === undefined || this.pending.get(seq) === p) this.pending.delete(seq);
  }

  private requeue(seq: number, count: number, delayMs: number, p?: Pending): void {
    this.clearPending(seq, p ?? this.pending.get(seq));
    this.counts.set(seq, count);
    const push = (): void => {
      if (this.isSettled(seq)) return;
      let i = this.redeliver.length;
      while (i > 0 && (this.redeliver[i - 1] ?? 0) > seq) i--;
      if (this.redeliver[i - 1] !== seq) this.redeliver.splice(i, 0, seq);
      this.wake();
    };
    if (delayMs > 0 && !this.stopped) {
      const t = this.host.clock.setTimeout(() => {
        this.delayTimers.delete(t);
        push();
      }, delayMs);
      this.delayTimers.add(t);
    } else push();
    this.wake();
  }

  /** Marks `seq` settled in memory and moves the floor; returns the old and new floor. */
  private settle(seq: number): { oldFloor: number; floor: number } {
    const oldFloor = this.record.ackFloor;
    if (seq > oldFloor) this.acked.add(seq);
    let floor = oldFloor;
    while (this.acked.has(floor + 1)) {
      this.acked.delete(floor + 1);
      floor++;
    }
    this.record.ackFloor = floor;
    return { oldFloor, floor };
  }

  private ack(seq: number, p: Pending): Promise<void> {
    this.clearPending(seq, this.pending.get(seq) ?? p);
    this.counts.delete(seq);
    this.settle(seq);
    let written: Promise<void>;
    try {
      written = this.host.recordAck(this, seq);
    } catch (err) {
      written = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.wake();
    }
    return written.catch((err: unknown) => {
      throw new BusError(ErrorCodes.BUS_UNAVAILABLE, `cannot record the ack: ${errorMessage(err)}`, {
        cause: err,
        retryable: true,
      });
    });
  }

  /** The state a checkpoint writes: the floor, the settled seqs above it, the highest delivered seq. */
  snapshot(): { floor: number; acked: number[]; delivered: number } {
    return { floor: this.record.ackFloor, acked: [...this.acked], delivered: this.record.delivered };
  }

  /** Stops delivering; resolves once the handler call in progress returned and acks are durable. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    for (const p of this.pending.values()) if (p.timer !== undefined) this.host.clock.clearTimeout(p.timer);
    for (const t of this.delayTimers) this.host.clock.clearTimeout(t);
    this.delayTimers.clear();
    await this.host.checkpoint();
  }
}
