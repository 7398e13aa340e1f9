// Checks the benchmark harness itself (counts and bookkeeping, never speed): the open-loop sender
// and the keep-alive client deliver every event exactly once to the sink, and the statistics
// helper picks nearest-rank percentiles; CPU steal and per-thread CPU are read from /proc. Part
// of `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { eventBody } from './body.js';
import { KeepAliveClient } from './keepalive-client.js';
import { openLoop } from './open-loop.js';
import { startSink } from './sink.js';
import { measureSteal } from './cpu-steal.js';
import { cpuPerUnit, readThreadCpu } from './thread-cpu.js';
import { median, summarize } from './stats.js';

test('summarize: nearest-rank percentiles and max', () => {
  const s = summarize(Array.from({ length: 100 }, (_, i) => 100 - i));
  assert.deepEqual(s, { count: 100, p50_ms: 50, p90_ms: 90, p99_ms: 99, max_ms: 100 });
  assert.ok(Number.isNaN(summarize([]).p50_ms));
});

test('median: the middle value, the lower middle for an even count, unsorted input left as it is', () => {
  const values = [3, 1, 2];
  assert.equal(median(values), 2);
  assert.deepEqual(values, [3, 1, 2]);
  assert.equal(median([40, 10, 30, 20]), 20);
  assert.ok(Number.isNaN(median([])));
});

test('open loop → sink: every event accepted once and seen once, with its schedule', async () => {
  const sink = await startSink();
  try {
    const r = await openLoop({
      url: `http://127.0.0.1:${sink.port}/sink`,
      rate: 400,
      durationMs: 250,
      firstSeq: 1000,
      body: eventBody,
    });
    assert.equal(r.offered, 100);
    assert.equal(r.accepted.size, 100);
    assert.equal(r.non2xx + r.errors, 0);
    assert.equal(sink.arrivals.size, 100);
    assert.equal(sink.duplicates, 0);
    for (let seq = 1000; seq < 1100; seq++) {
      const at = r.scheduled.get(seq);
      const arrived = sink.arrivals.get(seq);
      assert.ok(at !== undefined && arrived !== undefined, `seq ${seq}`);
      assert.ok(arrived >= at, 'an event cannot arrive before its scheduled send');
    }
    // scheduled times are spaced by 1000/rate ms
    assert.equal(r.scheduled.get(1001)! - r.scheduled.get(1000)!, 2.5);
  } finally {
    await sink.close();
  }
});

test('keep-alive client: status codes, chunked answers, and errors when nothing listens', async () => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/chunked') {
        res.writeHead(202);
        res.write('a');
        res.end('b');
      } else {
        res.writeHead(req.url === '/bad' ? 400 : 200, { 'content-length': '2' });
        res.end('ok');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const post = (client: KeepAliveClient): Promise<number | undefined> =>
    new Promise((r) => client.post('{}', r));
  try {
    const ok = new KeepAliveClient(`http://127.0.0.1:${port}/x`, 2);
    const statuses = await Promise.all(Array.from({ length: 10 }, () => post(ok)));
    assert.deepEqual(statuses, Array(10).fill(200));
    ok.close();
    const chunked = new KeepAliveClient(`http://127.0.0.1:${port}/chunked`, 1);
    assert.deepEqual(await Promise.all([post(chunked), post(chunked)]), [202, 202]);
    chunked.close();
    const bad = new KeepAliveClient(`http://127.0.0.1:${port}/bad`, 1);
    assert.equal(await post(bad), 400);
    bad.close();
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
  const nobody = new KeepAliveClient(`http://127.0.0.1:${port}/x`, 1);
  assert.equal(await post(nobody), undefined);
  nobody.close();
});

test('CPU steal: a share between 0 and 100 % on Linux, measured over the interval', () => {
  const m = measureSteal();
  let x = 0;
  // CPU time passes: /proc/stat counts in 10 ms ticks
  const until = Date.now() + 100;
  while (Date.now() < until) x++;
  const pct = m.stop();
  assert.ok(x > 0);
  if (process.platform === 'linux') {
    assert.equal(typeof pct, 'number');
    assert.ok(pct! >= 0 && pct! <= 100, String(pct));
  } else assert.equal(pct, undefined);
});

test('thread CPU: this process reads as main-thread time that grows with work, split per unit', () => {
  const before = readThreadCpu(process.pid);
  if (process.platform !== 'linux') {
    assert.equal(before, undefined);
    return;
  }
  assert.ok(before !== undefined);
  // spin until /proc shows 30 ms more on this thread (it counts in 10 ms ticks): CPU time, not
  // wall time, so a loaded machine only makes it take longer
  let after = readThreadCpu(process.pid)!;
  let x = 0;
  while (after.mainS - before.mainS < 0.03) {
    for (let i = 0; i < 1e5; i++) x++;
    after = readThreadCpu(process.pid)!;
  }
  assert.ok(x > 0);
  assert.ok(after.otherS >= before.otherS);
  const per = cpuPerUnit(before, after, 10);
  assert.ok(per !== undefined && per.main_us >= 3000, JSON.stringify(per));
  assert.equal(cpuPerUnit(before, after, 0), undefined);
  assert.equal(readThreadCpu(2 ** 22 + 12345), undefined, 'no such process');
});
