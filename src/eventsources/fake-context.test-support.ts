// A SourceContext for driver tests: emit() records data (or fails on demand), an in-memory KV,
// a ManualClock or the system clock. Real sockets and files stay real; only the runtime is stubbed.
import type { KvBucket, KvChange } from '../eventbus/bus.js';
import { BusError, ErrorCodes } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import { silentLogger } from '../shared/logging.js';
import { createSecretResolver, type SecretResolver } from '../shared/secrets.js';
import { HttpServerPool } from './http/server-pool.js';
import type { SourceContext } from './source-driver.js';

/** An in-memory KvBucket. */
export function memoryKv(name: string): KvBucket & { data: Map<string, Uint8Array> } {
  const data = new Map<string, Uint8Array>();
  const listeners = new Set<(c: KvChange) => void>();
  const enc = (v: Uint8Array | string): Uint8Array =>
    typeof v === 'string' ? new TextEncoder().encode(v) : v;
  return {
    name,
    data,
    get: (k) => Promise.resolve(data.get(k)),
    put(k, v) {
      data.set(k, enc(v));
      for (const l of listeners) l({ key: k, operation: 'put', value: enc(v) });
      return Promise.resolve();
    },
    delete(k) {
      data.delete(k);
      for (const l of listeners) l({ key: k, operation: 'delete', value: undefined });
      return Promise.resolve();
    },
    keys: () => Promise.resolve([...data.keys()].sort()),
    watch(l) {
      listeners.add(l);
      return Promise.resolve(() => listeners.delete(l));
    },
  };
}

export interface FakeContext<C> {
  ctx: SourceContext<C>;
  emitted: string[];
  /** When true, emit() rejects as a bus outage would. */
  fail: boolean;
  failures: number;
  ready: Promise<void>;
  kvs: Map<string, ReturnType<typeof memoryKv>>;
  controller: AbortController;
}

export function fakeContext<C>(
  config: C,
  clock: Clock,
  secrets: SecretResolver = createSecretResolver(),
): FakeContext<C> {
  const controller = new AbortController();
  let readyResolve!: () => void;
  const f: FakeContext<C> = {
    emitted: [],
    fail: false,
    failures: 0,
    ready: new Promise<void>((r) => (readyResolve = r)),
    kvs: new Map(),
    controller,
    ctx: undefined as unknown as SourceContext<C>,
  };
  f.ctx = {
    eventSourceName: 'es',
    eventName: 'ev',
    namespace: 'argo-events',
    config,
    emit: (data) => {
      if (f.fail)
        return Promise.reject(new BusError(ErrorCodes.BUS_UNAVAILABLE, 'bus down', { retryable: true }));
      f.emitted.push(Buffer.from(data).toString('utf8'));
      return Promise.resolve({ published: true, id: String(f.emitted.length) });
    },
    log: silentLogger(),
    signal: controller.signal,
    clock,
    secrets,
    metrics: { processingFailed: () => void f.failures++, observeDuration: () => {} },
    http: new HttpServerPool(),
    kv: (bucket) => {
      let kv = f.kvs.get(bucket);
      if (kv === undefined) {
        kv = memoryKv(bucket);
        f.kvs.set(bucket, kv);
      }
      return Promise.resolve(kv);
    },
    ready: () => readyResolve(),
  };
  return f;
}

/** Lets pending promise callbacks run. */
export async function flush(times = 20): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise<void>((r) => setImmediate(r));
}
