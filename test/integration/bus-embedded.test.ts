// The embedded bus (lmdb under --data-dir): the shared contract suite, then what only it has —
// the data-dir lock, JetStream-like retention driven by a ManualClock, discard-new, the dedupe window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busContract, Collector } from '../../src/eventbus/contract.js';
import type { Bus } from '../../src/eventbus/bus.js';
import type { EmbeddedBusOptions } from '../../src/eventbus/embedded/embedded-bus.js';
import { openEmbeddedBus } from '../../src/eventbus/embedded/embedded-bus.js';
import { ManualClock } from '../../src/shared/clock.js';
import { BusError, ErrorCodes } from '../../src/shared/errors.js';

const scriptsDir = join(import.meta.dirname, 'bus');

busContract(
  'embedded',
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'argus-bus-'));
    const clock = new ManualClock(Date.now());
    return Promise.resolve({
      open: () => openEmbeddedBus({ dataDir, clock }),
      ackWaitMs: 1000,
      elapse: (ms: number) => clock.advance(ms),
      childEnv: { BUS_DRIVER: 'embedded', BUS_DATA_DIR: dataDir },
      cleanup: () => {
        rmSync(dataDir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
  { scriptsDir },
);

const enc = new TextEncoder();
const ev = (id: string, name = 'e', bytes = 10) => ({
  eventSourceName: 'src',
  eventName: name,
  id,
  data: enc.encode('x'.repeat(bytes)),
});

async function withTempBus(
  options: Omit<EmbeddedBusOptions, 'dataDir'>,
  fn: (bus: Bus, dataDir: string) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-bus-'));
  const bus = await openEmbeddedBus({ ...options, dataDir });
  try {
    await fn(bus, dataDir);
  } finally {
    await bus.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function readAll(bus: Bus, consumer: string): Promise<string[]> {
  const c = new Collector(5000);
  const s = await bus.subscribe(consumer, [{ eventSourceName: '*', eventName: '*' }], c.handler, {
    deliverPolicy: 'all',
  });
  // a marker published after everything else tells us the log was read to the end
  await bus.publish(ev(`marker-${consumer}`, 'marker'));
  await c.until('the marker', () => c.ids().includes(`marker-${consumer}`));
  await s.stop();
  return c.ids().filter((id) => !id.startsWith('marker-'));
}

test('embedded: a second bus on the same data dir fails with a clear error, in this process and in another', async () => {
  await withTempBus({}, async (_bus, dataDir) => {
    await assert.rejects(openEmbeddedBus({ dataDir }), /already open in this process/);
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-bus-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(scriptsDir, 'consumer-child.ts')], {
    env: {
      ...process.env,
      BUS_DRIVER: 'embedded',
      BUS_DATA_DIR: dataDir,
      BUS_CONSUMER: 'c',
      BUS_SOURCE: 's',
    },
    stdio: 'ignore',
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const lockFile = join(dataDir, 'bus.lock');
    const end = Date.now() + 20_000;
    while (!(existsSync(lockFile) && readFileSync(lockFile, 'utf8').trim() === String(child.pid))) {
      assert.ok(Date.now() < end, 'the child did not take the lock');
      await new Promise((r) => setTimeout(r, 50));
    }
    await assert.rejects(openEmbeddedBus({ dataDir }), (e: unknown) => {
      assert.ok(e instanceof BusError);
      assert.match(e.message, new RegExp(`in use by process ${child.pid}`));
      return true;
    });
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  // the dead owner's lock is taken over; a closed bus releases it
  await (await openEmbeddedBus({ dataDir })).close();
  await (await openEmbeddedBus({ dataDir })).close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('embedded: max messages discards the oldest', async () => {
  await withTempBus({ limits: { maxMsgs: 5 } }, async (bus) => {
    for (let i = 0; i < 8; i++) await bus.publish(ev(`m${i}`));
    const ids = await readAll(bus, 'c1');
    assert.deepEqual(ids, ['m3', 'm4', 'm5', 'm6', 'm7']);
  });
});

test('embedded: max bytes discards the oldest', async () => {
  await withTempBus({ limits: { maxBytes: 35 } }, async (bus) => {
    for (let i = 0; i < 6; i++) await bus.publish(ev(`b${i}`, 'e', 10));
    const ids = await readAll(bus, 'c1');
    assert.deepEqual(ids, ['b3', 'b4', 'b5']); // 3 × 10 bytes fit in 35
  });
});

test('embedded: max age drops old messages when the clock passes it', async () => {
  const clock = new ManualClock(1_000_000);
  await withTempBus({ clock, limits: { maxAgeMs: 60_000 } }, async (bus) => {
    await bus.publish(ev('old'));
    clock.advance(30_000);
    await bus.publish(ev('young'));
    clock.advance(31_000); // 'old' is now 61 s old
    await new Promise((r) => setImmediate(r));
    const ids = await readAll(bus, 'c1');
    assert.deepEqual(ids, ['young']);
  });
});

test('embedded: discard new rejects publishes when full, as a retryable bus error', async () => {
  await withTempBus({ limits: { maxMsgs: 2, discard: 1 } }, async (bus) => {
    await bus.publish(ev('a'));
    await bus.publish(ev('b'));
    await assert.rejects(
      bus.publish(ev('c')),
      (e: unknown) => e instanceof BusError && e.code === ErrorCodes.BUS_UNAVAILABLE && e.retryable,
    );
  });
});

test('embedded: the dedupe window is time-bound and survives a restart', async () => {
  const clock = new ManualClock(5_000_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-bus-'));
  try {
    let bus = await openEmbeddedBus({ dataDir, clock, limits: { duplicatesMs: 10_000 } });
    assert.equal((await bus.publish(ev('same'))).duplicate, false);
    await bus.close();
    bus = await openEmbeddedBus({ dataDir, clock, limits: { duplicatesMs: 10_000 } });
    assert.equal((await bus.publish(ev('same'))).duplicate, true, 'after a restart, inside the window');
    clock.advance(10_001);
    assert.equal((await bus.publish(ev('same'))).duplicate, false, 'outside the window');
    await bus.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('embedded: names that break upstream subjects are rejected', async () => {
  await withTempBus({}, async (bus) => {
    await assert.rejects(bus.publish({ ...ev('x'), eventName: 'a.b' }), /must not contain/);
    await assert.rejects(bus.publish({ ...ev('x'), eventSourceName: '' }), /must not be empty/);
  });
});

test('embedded: concurrent publishes all resolve and keep their order (group commit)', async () => {
  await withTempBus({}, async (bus) => {
    const acks = await Promise.all(Array.from({ length: 500 }, (_, i) => bus.publish(ev(`g${i}`))));
    assert.deepEqual(
      acks.map((a) => a.seq),
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
    const ids = await readAll(bus, 'c1');
    assert.equal(ids.length, 500);
  });
});

test('embedded: acks are checkpointed into lmdb as they pile up; the journal stays small', async () => {
  await withTempBus({}, async (bus, dataDir) => {
    const total = 5000;
    await Promise.all(Array.from({ length: total }, (_, i) => bus.publish(ev(`k${i}`))));
    const c = new Collector(60_000);
    const sub = await bus.subscribe('c1', [{ eventSourceName: 'src', eventName: '*' }], c.handler, {
      deliverPolicy: 'all',
    });
    await c.until('all events', () => c.deliveries.length >= total);
    const journalRecords = (): number =>
      readdirSync(join(dataDir, 'bus'))
        .filter((f) => f.startsWith('acks-'))
        .map((f) => readFileSync(join(dataDir, 'bus', f), 'utf8').split('\n').length - 1)
        .reduce((a, b) => a + b, 0);
    // two records (delivered, ack) per event; a checkpoint every 4096 records, written in the background
    const end = Date.now() + 10_000;
    while (journalRecords() >= 4096 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    assert.ok(journalRecords() < 4096, `journal has ${journalRecords()} records`);
    await sub.stop();
    const c2 = new Collector(5000);
    await bus.subscribe('c1', [{ eventSourceName: 'src', eventName: '*' }], c2.handler);
    await bus.publish(ev('after'));
    await c2.until('the next event', () => c2.deliveries.length >= 1);
    assert.deepEqual(c2.ids(), ['after']);
  });
});

test('embedded: a consumer skips messages retention removed before it read them, and its floor moves past them', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'argus-bus-'));
  try {
    let bus = await openEmbeddedBus({ dataDir, limits: { maxMsgs: 3 } });
    const s = await bus.subscribe('c1', [{ eventSourceName: 'src', eventName: '*' }], () => undefined, {
      deliverPolicy: 'all',
    });
    await s.stop();
    for (let i = 1; i <= 10; i++) await bus.publish(ev(`r${i}`));
    const c = new Collector(5000);
    const s2 = await bus.subscribe('c1', [{ eventSourceName: 'src', eventName: '*' }], c.handler);
    await c.until('the kept messages', () => c.deliveries.length >= 3);
    assert.deepEqual(c.ids(), ['r8', 'r9', 'r10']);
    await s2.stop();
    await bus.close();
    bus = await openEmbeddedBus({ dataDir, limits: { maxMsgs: 3 } });
    const c2 = new Collector(5000);
    await bus.subscribe('c1', [{ eventSourceName: 'src', eventName: '*' }], c2.handler);
    await bus.publish(ev('marker'));
    await c2.until('the marker', () => c2.deliveries.length >= 1);
    assert.deepEqual(c2.ids(), ['marker'], 'nothing redelivered after the restart');
    await bus.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
