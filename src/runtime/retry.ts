/**
 * Upstream's `Backoff` resolution and schedule (spec/sensors.md §10, k8s
 * `wait.ExponentialBackoff`): `steps` attempts in total (default 5), first pause `duration`
 * (default 1 s; a number is nanoseconds, a string a Go duration), multiplied by `factor`
 * (default 1) after each pause, each pause stretched by `U[0,1) * jitter` (default 1).
 */
import type { Backoff } from '../api/common.js';
import { resolveBackoff } from '../api/backoff.js';
import type { Clock } from '../shared/clock.js';
import { ConfigError } from '../shared/errors.js';
import { sleep } from '../shared/lifecycle.js';

/** A resolved backoff: attempts and the pause before each retry. */
export interface BackoffSchedule {
  readonly steps: number;
  /** The pause after failed attempt `k` (1-based), in ms, jitter included. */
  pauseMs(k: number, random?: () => number): number;
}

/**
 * Resolves `backoff` (absent → exactly one attempt, as `retryStrategy` absent) with the API's
 * conversion (`api/backoff.ts`).
 * @throws ConfigError `invalid backoff configuration, …` for an unparsable duration/factor/jitter.
 */
export function resolveBackoffSchedule(backoff: Backoff | undefined): BackoffSchedule {
  if (backoff === undefined) return { steps: 1, pauseMs: () => 0 };
  const r = resolveBackoff(backoff);
  if ('error' in r) throw new ConfigError(`invalid backoff configuration, ${r.error}`);
  const durationMs = Number(r.durationNs) / 1e6;
  return {
    steps: r.steps,
    pauseMs(k, random = Math.random) {
      let d = durationMs;
      for (let i = 1; i < k; i++) if (r.factor !== 0) d *= r.factor;
      const pause = r.jitter > 0 ? d + random() * r.jitter * d : d;
      return Math.max(0, pause);
    },
  };
}

/**
 * Runs `attempt` up to `schedule.steps` times, pausing per the schedule; stops early when an
 * error says `retryable: false` or `signal` aborts. Resolves with the result or rejects with
 * the last error.
 */
export async function withRetries<T>(
  schedule: BackoffSchedule,
  attempt: (n: number) => Promise<T>,
  options: { clock: Clock; signal?: AbortSignal; onFailure?: (err: unknown, n: number) => void },
): Promise<T> {
  let last: unknown;
  for (let n = 1; n <= schedule.steps; n++) {
    try {
      return await attempt(n);
    } catch (err: unknown) {
      last = err;
      options.onFailure?.(err, n);
      const retryable = !(
        typeof err === 'object' &&
        err !== null &&
        (err as { retryable?: unknown }).retryable === false
      );
      if (n === schedule.steps || !retryable || options.signal?.aborted === true) break;
      await sleep(schedule.pauseMs(n), options.signal, options.clock);
    }
  }
  throw last;
}
