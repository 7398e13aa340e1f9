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
