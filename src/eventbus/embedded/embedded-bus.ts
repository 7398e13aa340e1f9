/**
 * The embedded bus: the default of `argus run`. One lmdb environment under
 * `<dataDir>/bus/` holds the message log (seq → event), the durable consumers (cursor, ack
 * floor, acks above it) and the KV buckets. lmdb batches every write issued in the same event
 * loop turn into one transaction and flushes (fsyncs) committed transactions in the background
 * (`overlappingSync`). A publish and a KV write wait for the flush: concurrent publishes share one
 * sync (group commit) and each resolves only once durable. An ack waits for the commit only: it
 * survives a process crash at once and an OS crash once flushed (milliseconds later); an ack
 * lost that way means one redelivery, never a lost event. Retention, dedupe and redelivery follow
 * JetStream (docs/eventbus.md).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open } from 'lmdb';
import type { Database, RootDatabase } from 'lmdb';
import type { Clock, TimerHandle } from '../../shared/clock.js';
import { systemClock } from '../../shared/clock.js';
import { BusError, ErrorCodes, IllegalStateError, errorMessage } from '../../shared/errors.js';
import type {
  Bus,
  BusMessage,
  BusStatus,
  DeliveryHandler,
  KvBucket,
  KvChange,
  PublishAck,
  StoredMessage,
  SubjectFilter,
  SubscribeOptions,
  Subscription,
} from '../bus.js';
import { assertPublishable } from '../bus.js';
import type { StreamLimits } from '../stream-config.js';
import { defaultStreamLimits } from '../stream-config.js';
import type { ConsumerHost, ConsumerRecord } from './consumer.js';
import { EmbeddedConsumer } from './consumer.js';
import { lockDataDir } from './lock.js';
import { AckJournal } from './ack-journal.js';
import { DedupeWindow } from './dedupe-window.js';
import { decodeRecord, encodeRecord } from './record.js';

/** Options of the embedded bus. */
export interface EmbeddedBusOptions {
  /** The data dir (`--data-dir`); the bus lives in `<dataDir>/bus/` and locks `<dataDir>/bus.lock`. @default './.argus' */
  readonly dataDir?: string;
  /** Retention and dedupe, as in the EventBus `streamConfig` (replicas are ignored). @default upstream's defaults */
  readonly limits?: Partial<StreamLimits>;
  /** Time source for timestamps, ack waits and max age. @default systemClock */
  readonly clock?: Clock;
}

const META_LAST_SEQ = 'lastSeq';
/** Acks journalled between two checkpoints into lmdb (bounds the journal and the replay at start). */
const CHECKPOINT_EVERY = 4096;
/** Bound of the in-memory dedupe index (ids inside the window); beyond it the oldest ids are forgotten. */
const MAX_DEDUPE_IDS = 1_000_000;
/**
 * The newest messages are also kept decoded in memory (consumers usually read at the tail): a
 * ring of this many slots indexed by seq; messages above TAIL_CACHE_MAX_BYTES are not kept, so
 * the ring holds at most 2,048 × 16 KiB. Older messages are read from lmdb.
 */
const TAIL_CACHE_SLOTS = 2048;
const TAIL_CACHE_MAX_BYTES = 16 * 1024;

/** The promise of a write's fsync (lmdb `separateFlushed`), falling back to its commit. */
function durable<T>(write: Promise<T>): Promise<unknown> {
  return (write as Promise<T> & { flushed?: Promise<unknown> }).flushed ?? write;
}

/** Opens the embedded bus in `options.dataDir`; fails with a clear error when another process holds it. */
export async function openEmbeddedBus(options: EmbeddedBusOptions = {}): Promise<Bus> {
  const bus = new EmbeddedBus(options);
  await bus.init();
  return bus;
}

class EmbeddedBus implements Bus, ConsumerHost {
  readonly driver = 'embedded';
  readonly clock: Clock;
  private readonly dataDir: string;
  private readonly limits: StreamLimits;
  private root!: RootDatabase;
  private messages!: Database<Buffer, number>;
  private consumers!: Database<ConsumerRecord, string>;
  private acks!: Database<number, [string, number]>;
  private kvDb!: Database<Uint8Array, [string, string]>;
  private meta!: Database<number, string>;
  private release: (() => void) | undefined;
  private current: BusStatus = { type: 'connected' };
  private readonly listeners = new Set<(s: BusStatus) => void>();
  private closing: Promise<void> | undefined;
  private lastSeq = 0;
  /**
   * Every seq up to this one is durable (or its write failed): lmdb commits and flushes writes in
   * the order they were made, so a resolved publish means every earlier one has settled too.
   * Consumers see nothing above it, so they never act on an event the webhook has not acknowledged.
   */
  private durableSeq = 0;
  private count = 0;
  private bytes = 0;
  private dedupe!: DedupeWindow;
  /** Settles once the newest message write has (writes settle in the order they were made). */
  private lastWrite: Promise<void> = Promise.resolve();
  private lastWriteSource: Promise<unknown> | undefined;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly active = new Map<string, EmbeddedConsumer>();
  /** Decoded copies of the newest durable messages, slot = seq mod TAIL_CACHE_SLOTS. */
  private readonly tail: (StoredMessage | undefined)[] = new Array<StoredMessage | undefined>(
    TAIL_CACHE_SLOTS,
  );
  private readonly watchers = new Map<string, Set<(c: KvChange) => void>>();
  private ageTimer: TimerHandle | undefined;
  private journal!: AckJournal;
  private readonly dirty = new Map<string, EmbeddedConsumer>();
  private checkpointChain: Promise<void> = Promise.resolve();
  private trimming = false;
  /** The journal write at the end of this turn, when one is scheduled. */
  private flushing: Promise<void> | undefined;

  constructor(options: EmbeddedBusOptions) {
    this.dataDir = options.dataDir ?? './.argus';
    this.limits = { ...defaultStreamLimits, ...options.limits };
    this.dedupe = new DedupeWindow(this.limits.duplicatesMs, MAX_DEDUPE_IDS);
    this.clock = options.clock ?? systemClock;
  }

  async init(): Promise<void> {
    mkdirSync(this.dataDir, { recursive: true });
    this.release = lockDataDir(join(this.dataDir, 'bus.lock'), this.dataDir);
    try {
      this.root = open({
        path: join(this.dataDir, 'bus'),
        maxDbs: 8,
        compression: false,
        // commits resolve the write promise; `.flushed` resolves once fsync'd (see durable())
        overlappingSync: true,
        separateFlushed: true,
        mapSize: 2 ** 34,
      });
      this.messages = this.root.openDB<Buffer, number>('messages', { encoding: 'binary' });
      this.consumers = this.root.openDB<ConsumerRecord, string>('consumers', {});
      this.acks = this.root.openDB<number, [string, number]>('acks', {});
      this.kvDb = this.root.openDB<Uint8Array, [string, string]>('kv', {});
      this.meta = this.root.openDB<number, string>('meta', {});
    } catch (err) {
      this.release();
      throw new BusError(
        ErrorCodes.BUS_UNAVAILABLE,
        `cannot open the embedded bus in ${this.dataDir}: ${errorMessage(err)}`,
        {
          cause: err,
        },
      );
    }
    this.journal = new AckJournal(join(this.dataDir, 'bus'));
    await this.replayJournal();
    for (const key of this.messages.getKeys({ reverse: true, limit: 1 })) this.lastSeq = key;
    this.lastSeq = Math.max(this.lastSeq, this.meta.get(META_LAST_SEQ) ?? 0);
    this.durableSeq = this.lastSeq;
    for (const { value } of this.messages.getRange({})) {
      this.count++;
      this.bytes += decodeRecord(value).data.byteLength;
    }
    // rebuild the dedupe index from the messages inside the window, oldest first
    const cutoff = this.clock.now() - this.limits.duplicatesMs;
    const recent: Array<[string, number, number]> = [];
    for (const { key, value } of this.messages.getRange({ reverse: true })) {
      const r = decodeRecord(value);
      if (r.timestamp < cutoff) break;
      recent.push([r.id, key, r.timestamp]);
    }
    for (const [id, seq, t] of recent.reverse()) this.dedupe.add(id, seq, t);
    await this.trim();
  }

  get status(): BusStatus {
    return this.current;
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private checkOpen(): void {
    if (this.closing !== undefined) throw new BusError(ErrorCodes.BUS_CLOSED, 'the event bus is closed');
  }

  async publish(message: BusMessage): Promise<PublishAck> {
    this.checkOpen();
    assertPublishable(message);
    const now = this.clock.now();
    this.dedupe.prune(now);
    const seen = this.dedupe.get(message.id);
    if (seen !== undefined) {
      if (seen > this.durableSeq) {
        // the first copy is still being written: writes settle in order, so the newest one
        // settling means the first has too; it failed when its id was forgotten meanwhile
        await this.lastWrite;
        if (this.dedupe.get(message.id) !== seen) return await this.publish(message);
      }
      return { seq: seen, duplicate: true };
    }
    const full =
      (this.limits.maxMsgs > 0 && this.count >= this.limits.maxMsgs) ||
      (this.limits.maxBytes > 0 && this.bytes + message.data.byteLength > this.limits.maxBytes);
    if (full && this.limits.discard === 1)
      throw new BusError(
        ErrorCodes.BUS_UNAVAILABLE,
        'cannot publish: the stream is full (discard policy new)',
        {
          retryable: true,
        },
      );
    const record = encodeRecord(message, now);
    const seq = ++this.lastSeq;
    // the cached copy's data is a view of our own encoded bytes, not of the caller's array
    const stored: StoredMessage = {
      seq,
      eventSourceName: message.eventSourceName,
      eventName: message.eventName,
      id: message.id,
      timestamp: now,
      data: record.subarray(record.length - message.data.byteLength),
    };
    const write = durable(this.messages.put(seq, record));
    if (write !== this.lastWriteSource) {
      // publishes of one batch share lmdb's promise: one settled copy per batch
      this.lastWriteSource = write;
      this.lastWrite = write.then(
        () => undefined,
        () => undefined,
      );
    }
    this.dedupe.add(message.id, seq, now);
    try {
      await write;
    } catch (err) {
      this.dedupe.delete(message.id, seq);
      throw new BusError(ErrorCodes.BUS_UNAVAILABLE, `cannot store the event: ${errorMessage(err)}`, {
        cause: err,
        retryable: true,
      });
    }
    if (seq > this.durableSeq) this.durableSeq = seq;
    this.count++;
    this.bytes += message.data.byteLength;
    this.remember(stored);
    if (full || this.ageTimer === undefined) await this.trim();
    for (const c of this.active.values()) c.wake();
    return { seq, duplicate: false };
  }

  /** Drops the oldest messages beyond max msgs / max bytes / max age and arms the max-age timer. */
  private async trim(): Promise<void> {
    if (this.trimming || this.closing !== undefined) return;
    this.trimming = true;
    try {
      const { maxMsgs, maxBytes, maxAgeMs } = this.limits;
      const cutoff = maxAgeMs > 0 ? this.clock.now() - maxAgeMs : -Infinity;
      const doomed: number[] = [];
      let count = this.count;
      let bytes = this.bytes;
      let oldestKept: number | undefined;
      for (const { key, value } of this.messages.getRange({})) {
        const r = decodeRecord(value);
        const over =
          (maxMsgs > 0 && count > maxMsgs) || (maxBytes > 0 && bytes > maxBytes) || r.timestamp < cutoff;
        if (!over) {
          oldestKept = r.timestamp;
          break;
        }
        doomed.push(key);
        count--;
        bytes -= r.data.byteLength;
      }
      if (doomed.length > 0) {
        const last = this.lastSeq;
        await this.root.transaction(() => {
          for (const seq of doomed) {
            void this.messages.remove(seq);
            this.forget(seq);
          }
          // keep the sequence going when the log becomes empty
          void this.meta.put(META_LAST_SEQ, last);
        });
        this.count = count;
        this.bytes = bytes;
        for (const c of this.active.values()) c.wake();
      }
      if (this.ageTimer !== undefined) this.clock.clearTimeout(this.ageTimer);
      this.ageTimer = undefined;
      if (maxAgeMs > 0 && oldestKept !== undefined) {
        this.ageTimer = this.clock.setTimeout(
          () => {
            this.ageTimer = undefined;
            this.trim().catch(() => undefined); // retried on the next publish
          },
          Math.max(1, oldestKept + maxAgeMs - this.clock.now() + 1),
        );
      }
    } finally {
      this.trimming = false;
    }
  }

  // ConsumerHost

  private toStored(seq: number, bytes: Buffer): StoredMessage {
    return { seq, ...decodeRecord(bytes) };
  }

  /** Keeps a durable message in the tail cache (overwriting the one TAIL_CACHE_SLOTS older). */
  private remember(m: StoredMessage): void {
    if (m.data.byteLength <= TAIL_CACHE_MAX_BYTES) this.tail[m.seq % TAIL_CACHE_SLOTS] = m;
  }

  private cached(seq: number): StoredMessage | undefined {
    const m = this.tail[seq % TAIL_CACHE_SLOTS];
    return m !== undefined && m.seq === seq ? m : undefined;
  }

  private forget(seq: number): void {
    if (this.cached(seq) !== undefined) this.tail[seq % TAIL_CACHE_SLOTS] = undefined;
  }

  nextMessage(from: number): StoredMessage | undefined {
    if (from > this.durableSeq) return undefined;
    const cached = this.cached(from);
    if (cached !== undefined) return cached;
    for (const { key, value } of this.messages.getRange({ start: from, limit: 1 }))
      return this.toStored(key, value);
    return undefined;
  }

  message(seq: number): StoredMessage | undefined {
    const cached = this.cached(seq);
    if (cached !== undefined) return cached;
    const r = this.messages.get(seq);
    return r === undefined ? undefined : this.toStored(seq, r);
  }

  recordAck(consumer: EmbeddedConsumer, seq: number): Promise<void> {
    if (this.released) return Promise.resolve(); // after close: the message is redelivered next time
    this.journal.append(consumer.name, 'a', seq);
    this.dirty.set(consumer.name, consumer);
    const written = this.scheduleFlush();
    if (this.journal.count >= CHECKPOINT_EVERY) this.checkpoint().catch(() => undefined); // retried by the next one
    return written;
  }

  recordDelivered(consumer: EmbeddedConsumer, seq: number): void {
    if (this.released) return;
    this.journal.append(consumer.name, 'd', seq);
    this.dirty.set(consumer.name, consumer);
    // only redelivery counts after a restart depend on it: no one waits for this write
    this.scheduleFlush().catch(() => undefined);
  }

  /**
   * Writes the journal records of this event-loop turn with one `write()` at its end (setImmediate);
   * the returned promise resolves once they are in the kernel.
   */
  private scheduleFlush(): Promise<void> {
    this.flushing ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.flushing = undefined;
        try {
          if (!this.released) this.journal.flush();
          resolve();
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
    return this.flushing;
  }

  checkpoint(): Promise<void> {
    const run = this.checkpointChain.then(() => this.writeCheckpoint());
    this.checkpointChain = run.catch(() => undefined);
    return run;
  }

  /** Snapshots the dirty consumers, writes them in one transaction, waits for the fsync, drops the journal. */
  private async writeCheckpoint(): Promise<void> {
    if (this.released || (this.dirty.size === 0 && this.journal.count === 0)) return;
    const consumers = [...this.dirty.values()];
    this.dirty.clear();
    // snapshot and rotate in the same synchronous step: later acks go to the next file
    const snaps = consumers.map((c) => ({ name: c.name, ...c.snapshot() }));
    const covered = this.journal.rotate();
    const writes: Promise<unknown>[] = [];
    for (const snap of snaps) {
      const stored = this.consumers.get(snap.name);
      if (stored === undefined) continue; // deleted meanwhile
      writes.push(
        this.consumers.put(snap.name, {
          ...stored,
          ackFloor: Math.max(stored.ackFloor, snap.floor),
          delivered: Math.max(stored.delivered, snap.delivered),
        }),
      );
      const keep = new Set(snap.acked.filter((seq) => seq > snap.floor));
      for (const { key } of this.acks.getRange({ start: [snap.name, 0], end: [snap.name, Infinity] }))
        if (!keep.has(key[1])) writes.push(this.acks.remove(key));
      for (const seq of keep) writes.push(this.acks.put([snap.name, seq], 1));
    }
    try {
      await Promise.all(writes.map((w) => durable(w)));
    } catch (err) {
      for (const c of consumers) if (!this.dirty.has(c.name)) this.dirty.set(c.name, c);
      throw err;
    }
    this.journal.deleteUpTo(covered);
  }

  /** Applies the acks of a journal left by a crash to lmdb, then deletes it. */
  private async replayJournal(): Promise<void> {
    const entries = this.journal.read();
    if (entries.length === 0) {
      this.journal.deleteUpTo(Number.MAX_SAFE_INTEGER);
      return;
    }
    const writes: Promise<unknown>[] = [];
    const delivered = new Map<string, number>();
    for (const { consumer, kind, seq } of entries) {
      const stored = this.consumers.get(consumer);
      if (stored === undefined) continue;
      if (kind === 'd') delivered.set(consumer, Math.max(seq, delivered.get(consumer) ?? stored.delivered));
      else if (seq > stored.ackFloor) writes.push(this.acks.put([consumer, seq], 1));
    }
    for (const [consumer, seq] of delivered) {
      const stored = this.consumers.get(consumer);
      if (stored !== undefined && seq > stored.delivered)
        writes.push(this.consumers.put(consumer, { ...stored, delivered: seq }));
    }
    await Promise.all(writes.map((w) => durable(w)));
    this.journal.deleteUpTo(Number.MAX_SAFE_INTEGER);
  }

  private released = false;

  async subscribe(
    consumerName: string,
    subjects: readonly SubjectFilter[],
    handler: DeliveryHandler,
    options: SubscribeOptions = {},
  ): Promise<Subscription> {
    this.checkOpen();
    if (subjects.length === 0) throw new IllegalStateError('subscribe needs at least one subject');
    if (this.active.has(consumerName))
      throw new IllegalStateError(`consumer "${consumerName}" already has a subscriber in this process`);
    const filters = subjects.map((s) => ({ eventSourceName: s.eventSourceName, eventName: s.eventName }));
    let record = this.consumers.get(consumerName);
    if (record === undefined) {
      const start = (options.deliverPolicy ?? 'new') === 'new' ? this.lastSeq : 0;
      record = {
        filters,
        ackWaitMs: options.ackWaitMs ?? 30_000,
        maxAckPending: options.maxAckPending ?? 1000,
        ackFloor: start,
        delivered: start,
      };
    } else {
      // an existing durable keeps its cursor and settings; the subjects follow the caller
      record = { ...record, filters };
    }
    await this.consumers.put(consumerName, record);
    const acked: number[] = [];
    for (const { key } of this.acks.getRange({
      start: [consumerName, record.ackFloor + 1],
      end: [consumerName, Infinity],
    }))
      acked.push(key[1]);
    const consumer = new EmbeddedConsumer(consumerName, { ...record }, acked, this, handler);
    this.active.set(consumerName, consumer);
    consumer.closed.then(
      () => {
        if (this.active.get(consumerName) === consumer) this.active.delete(consumerName);
      },
      () => undefined,
    );
    consumer.start();
    return consumer;
  }

  async deleteConsumer(consumerName: string): Promise<void> {
    this.checkOpen();
    const live = this.active.get(consumerName);
    if (live !== undefined) await live.stop();
    // checkpoint first, so the journal holds no acks of the old consumer when a new one takes the name
    this.dirty.delete(consumerName);
    await this.checkpoint();
    await this.root.transaction(() => {
      void this.consumers.remove(consumerName);
      for (const { key } of this.acks.getRange({ start: [consumerName, 0], end: [consumerName, Infinity] }))
        void this.acks.remove(key);
    });
  }

  async kv(name: string): Promise<KvBucket> {
    this.checkOpen();
    if (!/^[A-Za-z0-9_-]+$/.test(name))
      throw new BusError(
        ErrorCodes.BUS_UNAVAILABLE,
        `invalid bucket name "${name}": only A-Z, a-z, 0-9, _ and - are allowed`,
      );
    await Promise.resolve();
    const emit = (change: KvChange): void => {
      for (const l of this.watchers.get(name) ?? []) l(change);
    };
    const encoder = new TextEncoder();
    return {
      name,
      get: (key) => {
        this.checkOpen();
        return Promise.resolve(this.kvDb.get([name, key]));
      },
      put: async (key, value) => {
        this.checkOpen();
        const bytes = typeof value === 'string' ? encoder.encode(value) : value;
        await this.track(durable(this.kvDb.put([name, key], bytes)));
        emit({ key, operation: 'put', value: bytes });
      },
      delete: async (key) => {
        this.checkOpen();
        await this.track(durable(this.kvDb.remove([name, key])));
        emit({ key, operation: 'delete', value: undefined });
      },
      keys: () => {
        this.checkOpen();
        const out: string[] = [];
        for (const k of this.kvDb.getKeys({ start: [name, ''], end: [name, '\uffff'] })) out.push(k[1]);
        return Promise.resolve(out);
      },
      watch: (listener) => {
        this.checkOpen();
        let set = this.watchers.get(name);
        if (set === undefined) this.watchers.set(name, (set = new Set()));
        set.add(listener);
        return Promise.resolve(() => {
          set.delete(listener);
        });
      },
    };
  }

  private async track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    try {
      return await p;
    } finally {
      this.inflight.delete(p);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    await Promise.allSettled([...this.active.values()].map((c) => c.stop()));
    await this.lastWrite;
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
    await this.checkpoint().catch(() => undefined); // the journal stays and is replayed at the next start
    if (this.ageTimer !== undefined) this.clock.clearTimeout(this.ageTimer);
    this.released = true;
    this.journal.close();
    await this.root.flushed;
    await this.root.close();
    this.release?.();
    this.current = { type: 'closed' };
    for (const l of this.listeners) l(this.current);
  }
}
