import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { backoffDelays, doWithRetry, resolveBackoff, type Backoff } from './backoff.js';

const noJitter = (): number => 0;

test('spec examples: {steps 3, 2s, factor 2, jitter 0} sleeps 2 s then 4 s (attempts at 0, 2, 6 s)', () => {
  assert.deepEqual(
    backoffDelays(resolveBackoff({ steps: 3, duration: '2s', factor: 2, jitter: 0 }), noJitter),
    [2000, 4000],
  );
});

test('jitter defaults to 1: {steps 3, 3s} sleeps uniformly in [3 s, 6 s)', () => {
  const b = resolveBackoff({ steps: 3, duration: '3s' });
  assert.deepEqual(
    backoffDelays(b, () => 0),
    [3000, 3000],
  );
  const high = backoffDelays(b, () => 0.999);
  assert.ok(
    high.every((d) => d >= 5990 && d < 6000),
    String(high),
  );
});

test('empty backoff: 5 attempts, sleeps in [1 s, 2 s); {steps: 1}: one attempt, no sleep', () => {
  assert.deepEqual(backoffDelays(resolveBackoff({}), noJitter), [1000, 1000, 1000, 1000]);
  assert.deepEqual(backoffDelays(resolveBackoff({ steps: 1 }), noJitter), []);
});

test('integer duration is nanoseconds; factor 0 keeps the duration; a negative factor gives negative sleeps', () => {
  assert.deepEqual(
    backoffDelays(resolveBackoff({ duration: 250_000_000, steps: 3, factor: 0, jitter: 0 }), noJitter),
    [250, 250],
  );
  assert.deepEqual(
    backoffDelays(resolveBackoff({ duration: '1s', steps: 3, factor: -1, jitter: 0 }), noJitter),
    [1000, -1000],
  );
});

test('cap (k8s semantics): once the grown duration passes the cap, the loop stops after that sleep', () => {
  const b = resolveBackoff({ duration: '1s', steps: 10, factor: 3, jitter: 0, cap: '5s' });
  assert.deepEqual(backoffDelays(b, noJitter), [1000, 3000]);
});

test('invalid configuration fails before any attempt', async () => {
  let calls = 0;
  await assert.rejects(
    doWithRetry({ duration: '5' }, () => Promise.resolve(++calls), {
      sleep: () => Promise.resolve(),
      random: noJitter,
    }),
    { message: 'invalid backoff configuration, time: missing unit in duration "5"' },
  );
  await assert.rejects(
    doWithRetry({ factor: '2' }, () => Promise.resolve(++calls), {
      sleep: () => Promise.resolve(),
      random: noJitter,
    }),
    { message: /^invalid backoff configuration, invalid factor/ },
  );
  assert.equal(calls, 0);
});

// ---- conformance: backoff.json ------------------------------------------------------------

const repoRoot = resolve(import.meta.dirname, '..', '..');
const confDir = process.env.ARGUS_CONFORMANCE_DIR ?? resolve(repoRoot, '..', 'shared', 'conformance');
const confFile = resolve(confDir, 'backoff.json');

interface BackoffCase {
  name: string;
  input: { kind: string; backoff: Backoff | null; failuresBeforeSuccess?: number; errorMessage?: string };
  expect: {
    error: boolean;
    durationMs?: number;
    factor?: number;
    jitter?: number;
    steps?: number;
    attempts?: number;
    minElapsedMs?: number;
    errorContains?: string[];
  };
}

if (!existsSync(confFile)) {
  console.error(`!!! conformance file not found (${confFile}): set ARGUS_CONFORMANCE_DIR`);
  void test.skip('backoff.json conformance (file not found)', () => undefined);
} else {
  const doc = JSON.parse(readFileSync(confFile, 'utf8')) as { cases: BackoffCase[] };
  for (const c of doc.cases) {
    test(`backoff.json: ${c.name}`, async () => {
      if (c.input.kind === 'convert') {
        const b = resolveBackoff(c.input.backoff);
        assert.deepEqual(
          { durationMs: Number(b.durationNs) / 1e6, factor: b.factor, jitter: b.jitter, steps: b.steps },
          {
            durationMs: c.expect.durationMs,
            factor: c.expect.factor,
            jitter: c.expect.jitter,
            steps: c.expect.steps,
          },
        );
        return;
      }
      assert.equal(c.input.kind, 'retry');
      // A virtual clock: sleeping advances it; the real upstream test measured wall time.
      let elapsed = 0;
      let attempts = 0;
      const failures = c.input.failuresBeforeSuccess ?? 0;
      const run = doWithRetry(
        c.input.backoff,
        (n) => {
          attempts = n;
          if (failures < 0 || n <= failures)
            return Promise.reject(new Error(c.input.errorMessage ?? 'failed'));
          return Promise.resolve('ok');
        },
        { sleep: (ms) => Promise.resolve(void (elapsed += ms)), random: Math.random },
      );
      if (c.expect.error) {
        await assert.rejects(run, (e: unknown) => {
          const msg = (e as Error).message;
          return (c.expect.errorContains ?? []).every((part) => msg.includes(part));
        });
      } else {
        assert.equal((await run).value, 'ok');
      }
      if (c.expect.attempts !== undefined) assert.equal(attempts, c.expect.attempts);
      if (c.expect.minElapsedMs !== undefined)
        assert.ok(elapsed >= c.expect.minElapsedMs, `elapsed ${elapsed}`);
    });
  }
}
