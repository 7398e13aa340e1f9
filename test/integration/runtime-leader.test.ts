// The JetStream KV lease on a real nats-server: one leader at a time, hand-over on release, and
// take-over when the leader goes silent; it connects as the bus does (credentials, TLS).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LeaseElector } from '../../src/runtime/leader.js';
import { BusError } from '../../src/shared/errors.js';
import { silentLogger } from '../../src/shared/logging.js';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';
import { startTlsNatsServer, type TlsNatsServer } from '../support/nats-tls.js';
import { waitFor } from '../e2e/support.js';

let nats: NatsServer | undefined;
let tlsNats: TlsNatsServer | undefined;
after(async () => {
  await nats?.stop();
  await tlsNats?.stop();
});

test('one leader; release hands over at once; a silent leader is replaced after the lease', async () => {
  nats = await startNatsServer();
  const make = (identity: string): LeaseElector =>
    new LeaseElector({
      url: nats!.url,
      key: 'ns-sensor-s',
      log: silentLogger(),
      identity,
      leaseMs: 600,
      renewMs: 100,
    });
  const a = make('a');
  const b = make('b');
  const c = make('c');
  const stop = new AbortController();
  assert.equal(await a.acquire(stop.signal), true);
  let bLeads = false;
  const bTurn = b.acquire(stop.signal).then((v) => (bLeads = v));
  await new Promise((r) => setTimeout(r, 1000)); // longer than the lease: a keeps renewing
  assert.equal(bLeads, false);
  assert.equal(a.isLeader, true);

  await a.release();
  await waitFor('b to lead after a released', () => bLeads, 5000);
  assert.equal(await bTurn, true);

  // b goes silent without releasing (as a killed process would): c takes over after the lease
  let lost = '';
  b.onLost((reason) => (lost = reason));
  (b as unknown as { leading: boolean }).leading = false; // stop renewing, keep the entry
  const started = Date.now();
  assert.equal(await c.acquire(stop.signal), true);
  assert.ok(Date.now() - started >= 500, 'c waited for the lease to run out');
  assert.equal(c.isLeader, true);
  assert.equal(lost, '');
  await c.release();
  await b.release();

  // a candidate that is stopped before it leads resolves false
  const d = make('d');
  const e = make('e');
  assert.equal(await d.acquire(new AbortController().signal), true);
  const aborted = new AbortController();
  const eTurn = e.acquire(aborted.signal);
  aborted.abort();
  assert.equal(await eTurn, false);
  await d.release();
  await e.release();
});

test('a leader whose lease was taken learns it at the next renewal', async () => {
  nats ??= await startNatsServer();
  const a = new LeaseElector({
    url: nats.url,
    key: 'ns-sensor-t',
    log: silentLogger(),
    identity: 'a',
    leaseMs: 300,
    renewMs: 100,
  });
  const b = new LeaseElector({
    url: nats.url,
    key: 'ns-sensor-t',
    log: silentLogger(),
    identity: 'b',
    leaseMs: 300,
    renewMs: 100,
  });
  const signal = new AbortController().signal;
  assert.equal(await a.acquire(signal), true);
  let reason = '';
  a.onLost((r) => (reason = r));
  // simulate a partition: a's renewals stop long enough for b to take the lease
  (a as unknown as { leading: boolean }).leading = false;
  assert.equal(await b.acquire(signal), true);
  (a as unknown as { leading: boolean }).leading = true;
  (a as unknown as { renewLoop(ms: number): void }).renewLoop(50);
  await waitFor('a to notice', () => reason !== '', 5000);
  assert.match(reason, /^leader lost: a/);
  assert.equal(a.isLeader, false);
  await a.release();
  await b.release();
});

test('the elector connects with the bus settings: user/password and TLS (unverified if the server offers it, or with the CA); without them it fails', async () => {
  tlsNats = await startTlsNatsServer({ user: { name: 'alice', password: 'lease-pw-3' } });
  const signal = new AbortController().signal;
  const elector = (settings: Partial<ConstructorParameters<typeof LeaseElector>[0]>): LeaseElector =>
    new LeaseElector({
      url: tlsNats!.url,
      key: 'ns-sensor-tls',
      log: silentLogger(),
      leaseMs: 600,
      renewMs: 100,
      ...settings,
    });
  const unverified = elector({
    identity: 'unverified',
    user: 'alice',
    password: 'lease-pw-3',
    tls: { insecureSkipVerify: true, ifServerOffers: true },
  });
  assert.equal(await unverified.acquire(signal), true);
  await unverified.release();
  const verified = elector({
    identity: 'verified',
    user: 'alice',
    password: 'lease-pw-3',
    tls: { ca: tlsNats.certificates.caPem },
  });
  assert.equal(await verified.acquire(signal), true);
  await verified.release();
  await assert.rejects(
    elector({ identity: 'no-credentials', tls: { insecureSkipVerify: true } }).acquire(signal),
    (err: Error) => {
      assert.ok(err instanceof BusError, String(err));
      assert.equal(err.message, `cannot connect to NATS at ${tlsNats!.url}: Authorization Violation`);
      return true;
    },
  );
  await assert.rejects(
    elector({ identity: 'url-only', user: 'alice', password: 'lease-pw-3' }).acquire(signal),
    /unable to verify the first certificate/,
    "without TLS settings, the client's default verifies the certificate",
  );
});
