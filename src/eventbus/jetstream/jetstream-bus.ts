/**
 * The JetStream bus, laid out like upstream Argo Events so Argus and upstream components can share
 * one NATS server (spec/eventbus.md §2): one stream (default name `default`, file storage, limits
 * from `streamConfig`), subjects `<stream>.<eventSourceName>.<eventName>`, `Nats-Msg-Id` = event
 * id, durable explicit-ack pull consumers, KV buckets. Publishing waits for the stream's PubAck,
 * i.e. the event is stored (on a quorum of replicas) before `publish` resolves.
 */
import { connect as netConnect } from 'node:net';
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import type { ConnectionOptions, Msg, NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type {
  ConsumerMessages,
  JetStreamClient,
  JetStreamManager,
  JsMsg,
  StreamConfig,
} from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BusError, ErrorCodes, IllegalStateError, errorMessage } from '../../shared/errors.js';
import type {
  Bus,
  BusMessage,
  BusStatus,
  Delivery,
  DeliveryHandler,
  KvBucket,
  PublishAck,
  SubjectFilter,
  SubscribeOptions,
  Subscription,
} from '../bus.js';
import { assertPublishable, fnv1a32 } from '../bus.js';
import type { StreamLimits } from '../stream-config.js';
import { defaultStreamLimits } from '../stream-config.js';
import { RequestMux } from './request-mux.js';

/** TLS settings; PEM text or file paths. */
export interface JetStreamTlsOptions {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  /** Skip server certificate verification (upstream's default when no TLS config is given). @default false */
  readonly insecureSkipVerify?: boolean;
  /**
   * Use TLS only if the server requires or offers it (`tls_required` / `tls_available` in the
   * INFO line it sends first, read before connecting), plaintext otherwise. @default false: TLS
   * always, a server without TLS is refused ("server does not support 'tls'")
   */
  readonly ifServerOffers?: boolean;
}

/** Options of the JetStream bus. */
export interface JetStreamBusOptions {
  /** Server URL(s): `nats://host:4222`, comma-separated or an array. */
  readonly url: string | readonly string[];
  readonly token?: string;
  readonly user?: string;
  readonly password?: string;
  /**
   * TLS. Undefined: the NATS client's default, plaintext unless the server requires or offers TLS,
   * then TLS verified against the system's CAs (upstream always uses TLS; see docs/eventbus.md).
   */
  readonly tls?: JetStreamTlsOptions;
  /** Stream name; subjects are `<streamName>.*.*`. @default 'default' */
  readonly streamName?: string;
  /** Stream settings used when the stream is created (an existing stream is never changed, as upstream). @default upstream's defaults */
  readonly limits?: Partial<StreamLimits>;
  /** How long a publish waits for the PubAck, in ms. @default 5000 */
  readonly publishTimeoutMs?: number;
  /** How long to keep trying to create the stream while JetStream elects a leader, in ms. @default 30000 */
  readonly setupTimeoutMs?: number;
  /** Connection name shown by the server. @default 'argus' */
  readonly name?: string;
  /**
   * Give the consumers (pulls, deliveries, acks) their own NATS connection, opened at the first
   * `subscribe`. On a shared connection a saturating publisher queues every ack round trip behind
   * its publishes, in the client's socket buffer and in the server's per-connection read loop.
   * Off by default for now: with it, test/e2e/webhook-to-http reads `action_triggered_total` before
   * the last asynchronous triggers returned (a race in that test, see docs/eventbus.md).
   * @default false
   */
  readonly separateConsumerConnection?: boolean;
}

const NS_PER_MS = 1_000_000;
/** Messages pulled ahead per consumer; small so buffered messages do not sit out their ack wait. */
const PULL_BATCH = 64;
/** Lifetime of one pull request, in ms (upstream fetches with a 1 s max wait). */
const PULL_EXPIRES_MS = 5000;
/** How long an ack waits for the server's confirmation, in ms (nats.js' default for ackAck). */
const ACK_TIMEOUT_MS = 5000;
const ACK = new TextEncoder().encode('+ACK');

/** What a NATS connection needs: server(s), credentials, TLS. The bus and the leader election share it. */
export type NatsConnectionSettings = Pick<JetStreamBusOptions, 'url' | 'token' | 'user' | 'password' | 'tls'>;

/** How long reading a server's INFO line may take before the next server is tried, in ms. */
const INFO_TIMEOUT_MS = 5000;

function serverList(url: NatsConnectionSettings['url']): string[] {
  return typeof url === 'string' ? url.split(',').map((s) => s.trim()) : [...url];
}

/** `nats://host:port`, `tls://host`, `host:port`, `[::1]:4222` → host and port (default 4222). */
function hostPort(server: string): { host: string; port: number } {
  // a scheme without a default port, so that URL keeps every port as given
  const url = new URL(`nats://${server.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}`);
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port === '' ? 4222 : Number(url.port) };
}

/**
 * Whether `server` requires or offers TLS, from the INFO line a NATS server sends as soon as a
 * client connects (before any TLS or authentication); undefined when it cannot be read.
 */
function serverOffersTls(server: string): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    let address: { host: string; port: number };
    try {
      address = hostPort(server);
    } catch {
      resolve(undefined);
      return;
    }
    let received = '';
    const socket = netConnect(address.port, address.host);
    const done = (answer: boolean | undefined): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(INFO_TIMEOUT_MS, () => done(undefined));
    socket.on('error', () => done(undefined));
    socket.on('close', () => done(undefined));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n');
      if (end < 0) {
        if (received.length > 65_536) done(undefined);
        return;
      }
      const line = received.slice(0, end);
      if (!line.startsWith('INFO ')) return done(undefined);
      try {
        const info = JSON.parse(line.slice(5)) as { tls_required?: unknown; tls_available?: unknown };
        done(info.tls_required === true || info.tls_available === true);
      } catch {
        done(undefined);
      }
    });
  });
}

/** The first answer of the servers, tried in order. */
async function serversOfferTls(servers: readonly string[]): Promise<boolean | undefined> {
  for (const server of servers) {
    const answer = await serverOffersTls(server);
    if (answer !== undefined) return answer;
  }
  return undefined;
}

/** Node's codes for a server certificate that did not verify. */
const CERTIFICATE_ERRORS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCode(err: unknown): string | undefined {
  for (let e = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Connects to NATS with `settings` and the client options `extra`. TLS with `ifServerOffers` is
 * decided first from the servers' INFO (see {@link JetStreamTlsOptions.ifServerOffers}). Returns
 * the connection and the client options it was made with (for further connections to the same
 * servers). Throws a retryable BusError (BUS_UNAVAILABLE) naming the servers.
 */
export async function connectNats(
  settings: NatsConnectionSettings,
  extra: ConnectionOptions = {},
): Promise<{ nc: NatsConnection; options: ConnectionOptions }> {
  const servers = serverList(settings.url);
  const conn: ConnectionOptions = {
    ...extra,
    servers,
    ...(settings.token !== undefined ? { token: settings.token } : {}),
    ...(settings.user !== undefined ? { user: settings.user, pass: settings.password ?? '' } : {}),
  };
  if (settings.tls !== undefined) {
    const { insecureSkipVerify, ifServerOffers, ...files } = settings.tls;
    if (ifServerOffers !== true || (await serversOfferTls(servers)) === true) {
      // the node transport passes unknown TLS options on to tls.connect
      conn.tls = {
        ...files,
        ...(insecureSkipVerify === true ? { rejectUnauthorized: false } : {}),
      } as ConnectionOptions['tls'];
    }
  }
  try {
    return { nc: await connect(conn), options: conn };
  } catch (err) {
    const code = errorCode(err);
    const hint =
      code !== undefined && CERTIFICATE_ERRORS.has(code)
        ? settings.tls?.ca !== undefined || settings.tls?.caFile !== undefined
          ? " (TLS: the server's certificate does not verify against the given CA)"
          : " (TLS: the server's certificate does not verify against the system's CAs; give the CA, or skip verification)"
        : '';
    throw new BusError(
      ErrorCodes.BUS_UNAVAILABLE,
      `cannot connect to NATS at ${servers.join(',')}: ${errorMessage(err)}${hint}`,
      { cause: err, retryable: true },
    );
  }
}

/** Connects, creates the stream if missing, and returns the bus. */
export async function openJetStreamBus(options: JetStreamBusOptions): Promise<Bus> {
  const { nc, options: conn } = await connectNats(options, {
    name: options.name ?? 'argus',
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // nats.js otherwise builds an Error (a stack trace) per request — per publish and per ack —
    // only to improve the stack of a timeout; our errors name the subject instead
    noAsyncTraces: true,
  });
  const bus = new JetStreamBus(nc, conn, options);
  try {
    await bus.ensureStream();
  } catch (err) {
    await nc.close();
    throw err;
  }
  return bus;
}

class JetStreamBus implements Bus {
  readonly driver = 'jetstream';
  private readonly js: JetStreamClient;
  private jsm: JetStreamManager | undefined;
  private readonly stream: string;
  private readonly limits: StreamLimits;
  private current: BusStatus = { type: 'connected' };
  private readonly listeners = new Set<(s: BusStatus) => void>();
  private closing: Promise<void> | undefined;
  private readonly subs = new Set<JetStreamSubscription>();
  private readonly inflight = new Set<Promise<unknown>>();
  private consumerSide: Promise<ConsumerSide> | undefined;
  /** Publishes go through it (coalesced writes, no per-request timers or Error objects). */
  private readonly mux: RequestMux;
  /** Reconnect attempts of each connection that is down. */
  private readonly down = new Map<NatsConnection, number>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly connOptions: ConnectionOptions,
    private readonly options: JetStreamBusOptions,
  ) {
    this.js = jetstream(nc);
    this.mux = new RequestMux(nc);
    this.stream = options.streamName ?? 'default';
    this.limits = { ...defaultStreamLimits, ...options.limits };
    void this.watchStatus(nc);
  }

  /** The status is `reconnecting` while any connection of the bus is down. */
  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting') {
        const attempt = (this.down.get(nc) ?? 0) + 1;
        this.down.set(nc, attempt);
        this.setStatus({ type: 'reconnecting', attempt });
      } else if (s.type === 'reconnect') {
        this.down.delete(nc);
        if (this.down.size === 0) this.setStatus({ type: 'connected' });
      } else if (s.type === 'close') break;
    }
  }

  /** The connection, client and ack confirmer the subscriptions use (see `separateConsumerConnection`). */
  private consumers(): Promise<ConsumerSide> {
    this.consumerSide ??= (async () => {
      if (this.options.separateConsumerConnection !== true)
        return { nc: this.nc, js: this.js, mux: this.mux, own: false };
      let nc: NatsConnection;
      try {
        nc = await connect({ ...this.connOptions, name: `${this.connOptions.name ?? 'argus'}-consumers` });
      } catch (err) {
        this.consumerSide = undefined; // the next subscribe tries again
        throw busDown(err);
      }
      void this.watchStatus(nc);
      return { nc, js: jetstream(nc), mux: new RequestMux(nc), own: true };
    })();
    return this.consumerSide;
  }

  private setStatus(s: BusStatus): void {
    if (this.current.type === 'closed') return;
    this.current = s;
    for (const l of this.listeners) l(s);
  }

  get status(): BusStatus {
    return this.current;
  }

  onStatus(listener: (status: BusStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async manager(): Promise<JetStreamManager> {
    this.jsm ??= await jetstreamManager(this.nc);
    return this.jsm;
  }

  /** Upstream: if the stream exists nothing is changed; otherwise it is added, retrying while JetStream is not ready. */
  async ensureStream(): Promise<void> {
    const deadline = Date.now() + (this.options.setupTimeoutMs ?? 30_000);
    const l = this.limits;
    const config: Partial<StreamConfig> & { name: string } = {
      name: this.stream,
      subjects: [`${this.stream}.*.*`],
      storage: StorageType.File,
      max_msgs: l.maxMsgs > 0 ? l.maxMsgs : -1,
      max_age: l.maxAgeMs > 0 ? l.maxAgeMs * NS_PER_MS : 0,
      max_bytes: l.maxBytes > 0 ? l.maxBytes : -1,
      num_replicas: Math.max(1, l.replicas),
      duplicate_window: l.duplicatesMs * NS_PER_MS,
      retention: [RetentionPolicy.Limits, RetentionPolicy.Interest, RetentionPolicy.Workqueue][l.retention],
      discard: l.discard === 1 ? DiscardPolicy.New : DiscardPolicy.Old,
    };
    for (;;) {
      try {
        const jsm = await this.manager();
        try {
          await jsm.streams.info(this.stream);
          return;
        } catch (err) {
          if (!/stream not found/i.test(errorMessage(err))) throw err;
        }
        await jsm.streams.add(config);
        return;
      } catch (err) {
        if (Date.now() > deadline)
          throw new BusError(
            ErrorCodes.BUS_UNAVAILABLE,
            `cannot create JetStream stream "${this.stream}": ${errorMessage(err)}`,
            {
              cause: err,
              retryable: true,
            },
          );
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  private checkOpen(): void {
    if (this.closing !== undefined) throw new BusError(ErrorCodes.BUS_CLOSED, 'the event bus is closed');
  }

  private subject(eventSourceName: string, eventName: string): string {
    return `${this.stream}.${eventSourceName}.${eventName}`;
  }

  async publish(message: BusMessage): Promise<PublishAck> {
    this.checkOpen();
    assertPublishable(message);
    const subject = this.subject(message.eventSourceName, message.eventName);
    // like upstream ("eventbus connection closed"): fail at once while disconnected instead of
    // holding the caller (a webhook) for the publish timeout
    if (this.down.has(this.nc))
      throw new BusError(ErrorCodes.BUS_UNAVAILABLE, `cannot publish to ${subject}: not connected to NATS`, {
        retryable: true,
        subject,
      });
    const h = natsHeaders();
    h.set('Nats-Msg-Id', message.id);
    const p = this.mux
      .request(subject, message.data, h, this.options.publishTimeoutMs ?? 5000)
      .then(parsePubAck);
    this.inflight.add(p);
    try {
      return await p;
    } catch (err) {
      throw new BusError(ErrorCodes.BUS_UNAVAILABLE, `cannot publish to ${subject}: ${errorMessage(err)}`, {
        cause: err,
        retryable: true,
        subject,
      });
    } finally {
      this.inflight.delete(p);
    }
  }

  async subscribe(
    consumerName: string,
    subjects: readonly SubjectFilter[],
    handler: DeliveryHandler,
    options: SubscribeOptions = {},
  ): Promise<Subscription> {
    this.checkOpen();
    if (subjects.length === 0) throw new IllegalStateError('subscribe needs at least one subject');
    const jsm = await this.manager();
    const names: string[] = [];
    for (const s of subjects) {
      const filter = this.subject(s.eventSourceName, s.eventName);
      // nats-server 2.9 has no multi-filter consumers: one durable per subject
      const name = subjects.length === 1 ? consumerName : `${consumerName}_${fnv1a32(filter)}`;
      names.push(name);
      try {
        await jsm.consumers.info(this.stream, name);
      } catch (err) {
        if (!/consumer not found/i.test(errorMessage(err))) throw busDown(err);
        try {
          await jsm.consumers.add(this.stream, {
            durable_name: name,
            ack_policy: AckPolicy.Explicit,
            deliver_policy:
              (options.deliverPolicy ?? 'new') === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
            ack_wait: (options.ackWaitMs ?? 30_000) * NS_PER_MS,
            max_ack_pending: options.maxAckPending ?? 1000,
            filter_subject: filter,
          });
        } catch (e) {
          throw busDown(e);
        }
      }
    }
    const side = await this.consumers();
    const sub = new JetStreamSubscription(
      names,
      handler,
      this.stream,
      side.js,
      options.maxAckPending ?? 1000,
      side.mux,
    );
    this.subs.add(sub);
    void sub.closed.then(() => this.subs.delete(sub));
    await sub.start();
    return sub;
  }

  async deleteConsumer(consumerName: string): Promise<void> {
    this.checkOpen();
    const jsm = await this.manager();
    for (const s of [...this.subs]) if (s.consumerNames.includes(consumerName)) await s.stop();
    try {
      await jsm.consumers.delete(this.stream, consumerName);
    } catch (err) {
      if (!/consumer not found/i.test(errorMessage(err))) throw busDown(err);
    }
  }

  async kv(name: string): Promise<KvBucket> {
    this.checkOpen();
    let kv;
    try {
      kv = await new Kvm(this.nc).create(name, { history: 1 });
    } catch (err) {
      throw busDown(err);
    }
    const store = kv;
    return {
      name,
      async get(key) {
        const e = await store.get(key);
        return e === null || e.operation !== 'PUT' ? undefined : e.value;
      },
      async put(key, value) {
        await store.put(key, value);
      },
      async delete(key) {
        await store.delete(key);
      },
      async keys() {
        const out: string[] = [];
        for await (const k of await store.keys()) out.push(k);
        return out.sort();
      },
      async watch(listener) {
        const w = await store.watch({ include: 'updates' });
        void (async () => {
          for await (const e of w)
            listener({
              key: e.key,
              operation: e.operation === 'PUT' ? 'put' : 'delete',
              value: e.operation === 'PUT' ? e.value : undefined,
            });
        })();
        return () => w.stop();
      },
    };
  }

  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    await Promise.allSettled([...this.subs].map((s) => s.stop()));
    await Promise.allSettled([...this.inflight]);
    const side = await this.consumerSide?.catch(() => undefined);
    if (side?.own === true) {
      side.mux.close();
      await drain(side.nc);
    }
    this.mux.close();
    await drain(this.nc);
    this.current = { type: 'closed' };
    for (const l of this.listeners) l(this.current);
  }
}

const decoder = new TextDecoder();

/** Reads a JetStream PubAck (`{stream, seq, duplicate}` or `{error: {code, err_code, description}}`). */
function parsePubAck(msg: Msg): PublishAck {
  const v = JSON.parse(decoder.decode(msg.data)) as {
    seq?: unknown;
    duplicate?: unknown;
    error?: { description?: unknown; err_code?: unknown };
  };
  if (v.error !== undefined)
    throw new Error(`${String(v.error.description)} (JetStream error ${String(v.error.err_code)})`);
  if (typeof v.seq !== 'number') throw new Error('invalid PubAck: no seq');
  return { seq: v.seq, duplicate: v.duplicate === true };
}

/** The consumers' side of the bus: its connection (own or the publishers'), client and ack confirmer. */
interface ConsumerSide {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly mux: RequestMux;
  /** True when `nc` is the consumers' own connection (closed separately). */
  readonly own: boolean;
}

async function drain(nc: NatsConnection): Promise<void> {
  try {
    await nc.drain();
  } catch {
    await nc.close();
  }
}

function busDown(err: unknown): BusError {
  return new BusError(ErrorCodes.BUS_UNAVAILABLE, `JetStream: ${errorMessage(err)}`, {
    cause: err,
    retryable: true,
  });
}

/** Reads one or more durable consumers; handler calls are serialised across them. */
class JetStreamSubscription implements Subscription {
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private readonly iters: ConsumerMessages[] = [];
  private chain: Promise<void> = Promise.resolve();
  private loops: Promise<void>[] = [];
  private stopped = false;
  private readonly acks = new Set<Promise<unknown>>();

  constructor(
    readonly consumerNames: readonly string[],
    private readonly handler: DeliveryHandler,
    private readonly stream: string,
    private readonly js: JetStreamClient,
    private readonly maxAckPending: number,
    private readonly mux: RequestMux,
  ) {
    this.closed = new Promise((r) => (this.resolveClosed = r));
  }

  async start(): Promise<void> {
    for (const name of this.consumerNames) {
      const consumer = await this.js.consumers.get(this.stream, name);
      // short pull expiry (heartbeats every expires/2): a pull lost with a failed server or a consumer
      // leader change is noticed within seconds, not after the default 30 s
      const messages = await consumer.consume({
        max_messages: Math.max(1, Math.min(PULL_BATCH, this.maxAckPending)),
        expires: PULL_EXPIRES_MS,
      });
      this.iters.push(messages);
      this.loops.push(this.loop(messages));
    }
    void Promise.allSettled(this.loops).then(() => this.resolveClosed());
  }

  private async loop(messages: ConsumerMessages): Promise<void> {
    for await (const m of messages) {
      if (this.stopped) break; // left unacked: redelivered after the ack wait
      const run = this.chain.then(() => this.dispatch(m));
      this.chain = run;
      await run;
    }
  }

  private async dispatch(m: JsMsg): Promise<void> {
    let state: 'open' | 'acked' | 'nakked' = 'open';
    let ackResult: Promise<void> | undefined;
    const delivery: Delivery = {
      message: {
        seq: m.seq,
        // subject is <stream>.<source>.<name>; names never contain dots
        eventSourceName: m.subject.split('.')[1] ?? '',
        eventName: m.subject.split('.')[2] ?? '',
        id: m.headers?.get('Nats-Msg-Id') ?? '',
        timestamp: m.time.getTime(),
        data: m.data,
      },
      redeliveryCount: Math.max(0, m.info.deliveryCount - 1),
      ack: () => {
        if (ackResult !== undefined) return ackResult;
        if (state === 'nakked') return Promise.resolve();
        state = 'acked';
        // the reply subject is on every JetStream delivery (JsMsgImpl); the typed JsMsg hides it
        const reply = (m as unknown as { reply?: unknown }).reply;
        const confirmed =
          typeof reply === 'string' && reply !== ''
            ? this.mux.request(reply, ACK, undefined, ACK_TIMEOUT_MS).then(() => undefined)
            : m.ackAck({ timeout: ACK_TIMEOUT_MS }).then((ok) => {
                if (!ok) throw new Error('JetStream did not confirm the ack');
              });
        const p = confirmed.catch((err: unknown) => {
          throw busDown(err);
        });
        this.acks.add(p);
        const done = (): void => {
          this.acks.delete(p);
        };
        p.then(done, done);
        ackResult = p;
        return p;
      },
      nak: (delayMs) => {
        if (state !== 'open') return Promise.resolve();
        state = 'nakked';
        m.nak(delayMs);
        return Promise.resolve();
      },
      working: () => {
        if (state === 'open') m.working();
        return Promise.resolve();
      },
    };
    try {
      await this.handler(delivery);
    } catch {
      await delivery.nak();
    }
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      for (const it of this.iters) it.stop();
    }
    await Promise.allSettled(this.loops);
    await this.chain.catch(() => undefined);
    await Promise.allSettled([...this.acks]);
    this.resolveClosed();
  }
}
