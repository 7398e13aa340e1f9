/**
 * Active-passive leader election through a lease in a JetStream KV bucket (spec/operations.md
 * §5.2 [IMPL-NOTE]: upstream uses graft Raft over NATS, which has no Node implementation).
 *
 * Bucket `argus-leader-election`, key = upstream's cluster name (`<namespace>-sensor-<name>`,
 * `<namespace>-eventsource-<name>`), value `{"holder","renewedAt"}`. Every replica writes with
 * compare-and-swap on the entry's revision, so at most one holds the lease:
 * - no entry (or a deleted one) → create it: leader;
 * - the leader renews every `renewMs`; a failed renewal (someone else won) → leadership lost;
 * - a standby that sees the same revision for `leaseMs` (measured on its own clock, so clocks
 *   need not agree) takes over with a CAS update.
 * Like upstream, losing leadership is fatal for the process (`leader lost`), so a fresh process
 * joins as a candidate. A graceful stop deletes the entry so a standby takes over at once.
 * Not wire-compatible with upstream's graft election: do not mix Go and TS replicas of one object.
 */
import { hostname } from 'node:os';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { connectNats, type NatsConnectionSettings } from '../eventbus/jetstream/jetstream-bus.js';
import { BusError, ErrorCodes, errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logging.js';

/**
 * Options of {@link LeaseElector}: the bus's connection settings (server URL(s), credentials,
 * TLS, as the bus factory resolved them) and the election's own.
 */
export interface LeaseElectorOptions extends NatsConnectionSettings {
  /** The lease key (upstream's cluster name). */
  readonly key: string;
  readonly log: Logger;
  /** How long a silent leader keeps the lease, in ms. @default 5000 (upstream's Lease duration) */
  readonly leaseMs?: number;
  /** Renewal and polling period, in ms. @default 1000 (upstream's retry period) */
  readonly renewMs?: number;
  /** This replica's identity. @default `<hostname>-<pid>-<random>` */
  readonly identity?: string;
}

const BUCKET = 'argus-leader-election';
const encoder = new TextEncoder();

/** Upstream's cluster name, made a valid KV key. */
export function leaseKey(namespace: string, kind: 'sensor' | 'eventsource', name: string): string {
  return `${namespace}-${kind}-${name}`.replace(/[^-/_=.a-zA-Z0-9]/g, '_');
}

/** One candidate in an election. */
export class LeaseElector {
  readonly identity: string;
  private nc: NatsConnection | undefined;
  private kv: KV | undefined;
  private revision = 0;
  private timer: NodeJS.Timeout | undefined;
  private leading = false;
  private lostListeners: ((reason: string) => void)[] = [];

  constructor(private readonly options: LeaseElectorOptions) {
    this.identity = options.identity ?? `${hostname()}-${process.pid}-${Math.floor(Math.random() * 1000)}`;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Calls `listener` once when leadership is lost after it was acquired. */
  onLost(listener: (reason: string) => void): void {
    this.lostListeners.push(listener);
  }

  /**
   * Campaigns until this replica leads (resolves true) or `signal` aborts (resolves false).
   * Rejects with a BusError when the server cannot be reached or the bucket cannot be opened
   * (its connection is then closed).
   */
  async acquire(signal: AbortSignal): Promise<boolean> {
    ({ nc: this.nc } = await connectNats(this.options, { name: `argus-elector-${this.identity}` }));
    try {
      this.kv = await new Kvm(this.nc).create(BUCKET, { history: 1 });
    } catch (err) {
      await this.nc.close();
      this.nc = undefined;
      throw new BusError(
        ErrorCodes.BUS_UNAVAILABLE,
        `cannot open the leader election's KV bucket "${BUCKET}": ${errorMessage(err)}`,
        { cause: err },
      );
    }
    const leaseMs = this.options.leaseMs ?? 5000;
    const renewMs = this.options.renewMs ?? 1000;
    let seen: { revision: number; since: number } | undefined;
    this.options.log.info({ identity: this.identity, key: this.options.key }, 'campaigning for leadership');
    while (!signal.aborted) {
      const entry = await this.kv.get(this.options.key);
      const value = encoder.encode(
        JSON.stringify({ holder: this.identity, renewedAt: new Date().toISOString() }),
      );
      try {
        if (entry === null || entry.operation !== 'PUT') {
          this.revision =
            entry === null
              ? await this.kv.create(this.options.key, value)
              : await this.kv.update(this.options.key, value, entry.revision);
          break;
        }
        const holder = (entry.json<{ holder?: string }>().holder ?? '') as string;
        if (holder === this.identity) {
          this.revision = await this.kv.update(this.options.key, value, entry.revision);
          break;
        }
        const now = Date.now();
        if (seen === undefined || seen.revision !== entry.revision)
          seen = { revision: entry.revision, since: now };
        else if (now - seen.since >= leaseMs) {
          this.revision = await this.kv.update(this.options.key, value, entry.revision);
          this.options.log.info({ previous: holder }, 'the leader went silent: taking over');
          break;
        }
      } catch {
        // another candidate won the compare-and-swap; look again
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, renewMs);
        signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
    }
    if (signal.aborted) return false;
    this.leading = true;
    this.options.log.info({ identity: this.identity }, 'became leader');
    this.renewLoop(renewMs);
    return true;
  }

  private renewLoop(renewMs: number): void {
    this.timer = setTimeout(() => {
      void (async () => {
        if (!this.leading || this.kv === undefined) return;
        const value = encoder.encode(
          JSON.stringify({ holder: this.identity, renewedAt: new Date().toISOString() }),
        );
        try {
          this.revision = await this.kv.update(this.options.key, value, this.revision);
          this.renewLoop(renewMs);
        } catch (err: unknown) {
          this.leading = false;
          const reason = `leader lost: ${this.identity} (${err instanceof Error ? err.message : String(err)})`;
          for (const l of this.lostListeners) l(reason);
        }
      })();
    }, renewMs);
  }

  /** Stops renewing, gives the lease up if held, and disconnects. Idempotent. */
  async release(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    const wasLeading = this.leading;
    this.leading = false;
    if (wasLeading && this.kv !== undefined) {
      try {
        await this.kv.delete(this.options.key, { previousSeq: this.revision });
      } catch {
        // someone else holds it now: nothing to give up
      }
    }
    await this.nc?.close();
    this.nc = undefined;
  }
}
