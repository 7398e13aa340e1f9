/**
 * Upstream's `Backoff` (pkg/shared/util/retry.go `Convert2WaitBackoff` + k8s
 * `wait.ExponentialBackoff`): defaults, the delay before each retry, and the retry loop.
 * Pure: randomness and sleeping are passed in, so the runtime owns the timers and tests
 * control time.
 */
import { ExpressionError } from '../shared/errors.js';
import { parseGoDuration } from './duration.js';
import { toInt64 } from './go/float.js';

/** A `Backoff` as written in a manifest. */
export interface Backoff {
  /** Nanoseconds when a number; a Go duration when a string (`"1s"`, `"3m"`). @default "1s" */
  duration?: number | string | null;
  /** Multiplier applied to the duration after each retry; 0 keeps it constant. @default 1 */
  factor?: number | string | null;
  /** Extra random delay, up to `jitter × delay` (uniform); ≤ 0 disables it. @default 1 */
  jitter?: number | string | null;
  /** Total number of attempts (not retries); ≤ 0 means the default. @default 5 */
  steps?: number | null;
  /** Upper bound for the growing duration (k8s `wait.Backoff.Cap`; upstream never sets it). Same forms as `duration`. */
  cap?: number | string | null;
}

/** A resolved backoff (k8s `wait.Backoff`). */
export interface WaitBackoff {
  /** Delay before the first retry, in nanoseconds. */
  durationNs: bigint;
  factor: number;
  jitter: number;
  /** Total number of attempts. */
  steps: number;
  /** 0n = no cap. */
  capNs: bigint;
}

/** Upstream `DefaultBackoff`: 5 attempts, 1 s, factor 1, jitter 1. */
export const defaultBackoff: Readonly<Backoff> = { steps: 5, duration: '1s', factor: 1, jitter: 1 };

function toNs(v: number | string): bigint {
  if (typeof v === 'number') {
    if (!Number.isInteger(v))
      throw new ExpressionError(`invalid duration ${v}: not an integer number of nanoseconds`);
    return BigInt(v);
  }
  return parseGoDuration(v);
}

function toAmount(what: string, v: number | string): number {
  // Amount is a JSON number in the CRD; a quoted value is rejected like upstream's decoder.
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new ExpressionError(`invalid ${what}, not a number: ${JSON.stringify(v)}`);
  }
  return v;
}

/**
 * Upstream `Convert2WaitBackoff`, applied to `backoff ?? DefaultBackoff` as `DoWithRetry` does.
 * @throws ExpressionError (Go duration message, or `invalid factor, …` / `invalid jitter, …`).
 */
export function resolveBackoff(backoff: Backoff | null | undefined): WaitBackoff {
  const b = backoff ?? defaultBackoff;
  return {
    durationNs: toNs(b.duration ?? '1s'),
    factor: toAmount('factor', b.factor ?? 1),
    jitter: toAmount('jitter', b.jitter ?? 1),
    steps: b.steps !== undefined && b.steps !== null && b.steps > 0 ? Math.trunc(b.steps) : 5,
    capNs: b.cap === undefined || b.cap === null ? 0n : toNs(b.cap),
  };
}

/** k8s `wait.Backoff` state with its `Step()` method. */
class BackoffState {
  private steps: number;
  private duration: bigint;
  constructor(
    private readonly b: WaitBackoff,
    private readonly random: () => number,
  ) {
    this.steps = b.steps;
    this.duration = b.durationNs;
  }

  /** Attempts still allowed (`Backoff.Steps`). */
  get remaining(): number {
    return this.steps;
  }

  private jitter(d: bigint): bigint {
    // k8s wait.Jitter: d + rand.Float64() * jitter * d, truncated to whole nanoseconds
    return this.b.jitter > 0 ? d + toInt64(this.random() * this.b.jitter * Number(d)) : d;
  }

  /** `Backoff.Step()`: the next sleep, in nanoseconds. */
  step(): bigint {
    if (this.steps < 1) return this.jitter(this.duration);
    this.steps--;
    const d = this.duration;
    if (this.b.factor !== 0) {
      this.duration = toInt64(Number(this.duration) * this.b.factor);
      if (this.b.capNs > 0n && this.duration > this.b.capNs) {
        this.duration = this.b.capNs;
        this.steps = 0;
      }
    }
    return this.jitter(d);
  }
}

/**
 * The sleeps, in milliseconds, that `wait.ExponentialBackoff` performs when every attempt
 * fails (one after each failed attempt but the last). `random` returns uniform values in
 * [0, 1) (Go `rand.Float64`). A negative value (negative factor) means no sleep, as Go's
 * `time.Sleep` treats it.
 */
export function backoffDelays(b: WaitBackoff, random: () => number): number[] {
  const state = new BackoffState(b, random);
  const delays: number[] = [];
  while (state.remaining > 0) {
    if (state.remaining === 1) break;
    delays.push(Number(state.step()) / 1e6);
  }
  return delays;
}

/** Outcome of {@link doWithRetry}. */
export interface RetryResult<T> {
  value: T;
  attempts: number;
}

/**
 * Upstream `DoWithRetry`: runs `attempt` until it succeeds or the attempts run out, sleeping
 * (through the injected `sleep`) between attempts.
 * @throws ExpressionError `invalid backoff configuration, …` before any attempt when the
 *   backoff is invalid; otherwise an Error `failed after retries: <last error>` with the last
 *   error as `cause`.
 */
export async function doWithRetry<T>(
  backoff: Backoff | null | undefined,
  attempt: (n: number) => Promise<T>,
  deps: { sleep: (ms: number) => Promise<void>; random: () => number },
): Promise<RetryResult<T>> {
  let b: WaitBackoff;
  try {
    b = resolveBackoff(backoff);
  } catch (e) {
    throw new ExpressionError(`invalid backoff configuration, ${(e as Error).message}`, { cause: e });
  }
  const state = new BackoffState(b, deps.random);
  let lastError: unknown;
  let n = 0;
  // k8s wait.ExponentialBackoff, with errors recorded as DoWithRetry does
  while (state.remaining > 0) {
    n++;
    try {
      return { value: await attempt(n), attempts: n };
    } catch (e) {
      lastError = e;
    }
    if (state.remaining === 1) break;
    const ms = Number(state.step()) / 1e6;
    if (ms > 0) await deps.sleep(ms);
  }
  const msg = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`failed after retries: ${msg}`, { cause: lastError });
}
