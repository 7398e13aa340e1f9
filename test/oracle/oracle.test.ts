import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Oracle } from './oracle.js';

test('the Go oracle builds, starts and answers in order', async () => {
  const oracle = Oracle.start();
  try {
    const answers = await oracle.queryAll('echo', [{ a: 1 }, [2], 'three']);
    assert.deepEqual(
      answers.map((a) => a.ok),
      [{ a: 1 }, [2], 'three'],
    );
    const bad = await oracle.query('no-such-kind', {});
    assert.equal(bad.err, 'unknown kind no-such-kind');
  } finally {
    await oracle.close();
  }
});

test('a query the oracle never answers fails with its kind and input, and the oracle is stopped', async () => {
  const oracle = Oracle.start({ queryTimeoutMs: 2_000 });
  try {
    // Upstream's PrevCronTime loops forever here: Pacific/Chatham 2012-09-30 jumps 02:45 → 03:45
    // (see src/kernels/cron/cron.test.ts).
    const hung = {
      spec: '*/2 * 0 * SEP,11,12',
      seconds: true,
      zone: 'Pacific/Chatham',
      afterMs: 1350521600327,
    };
    const answers = [oracle.query('cron.prev', hung), oracle.query('echo', 'after')];
    const results = await Promise.allSettled(answers);
    assert.equal(results[0]!.status, 'rejected');
    const reason = (results[0] as PromiseRejectedResult).reason as Error;
    assert.match(reason.message, /no answer within 2000 ms to query #1 cron\.prev .*Pacific\/Chatham/);
    // The query queued behind the stuck one cannot be answered either.
    assert.equal(results[1]!.status, 'rejected');
    await assert.rejects(oracle.query('echo', 'later'), /no answer within 2000 ms/);
  } finally {
    await oracle.close();
  }
});
