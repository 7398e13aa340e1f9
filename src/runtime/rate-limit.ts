/**
 * Per-trigger rate limit (spec/sensors.md §11): `requestsPerUnit` permits per `unit`
 * (`Second` default, `Minute`, `Hour`; unknown units mean Second). Callers wait in FIFO order;
 * nothing is dropped.
 *
 * Difference from upstream, on purpose: upstream uses go.uber.org/ratelimit with slack 10, so
 * after an idle spell up to 11 permits pass back to back and a burst exceeds the configured
 * rate (ae#2851: "3 per minute" fired 11 times). This limiter is a sliding window: at most
 * `requestsPerUnit` permits in any window of one unit, whatever the arrival pattern.
 * `requestsPerUnit <= 0` means unlimited (upstream divides by zero and crashes).
 */
import type { RateLimit } from '../api/sensor/index.js';
import type { Clock } from '../shared/clock.js';
import { sleep } from '../shared/lifecycle.js';

const UNIT_MS: Record<string, number> = { Second: 1000, Minute: 60_000, Hour: 3_600_000 };

/** A limiter; `take` resolves when the caller may go ahead. */
export interface RateLimiter {
  /** Waits for a permit. Resolves early (without a permit) when `signal` aborts. */
  take(signal?: AbortSignal): Promise<void>;
}

/** The limiter for `rateLimit`, or undefined when it imposes no limit. */
export function createRateLimiter(rateLimit: RateLimit | undefined, clock: Clock): RateLimiter | undefined {
  if (rateLimit === undefined) return undefined;
  const n = rateLimit.requestsPerUnit ?? 0;
  if (n <= 0) return undefined;
  const windowMs = UNIT_MS[rateLimit.unit ?? 'Second'] ?? 1000;
  return new SlidingWindowLimiter(n, windowMs, clock);
}

/** At most `limit` permits in any `windowMs`. Permit times are reserved synchronously, so concurrent callers queue fairly. */
export class SlidingWindowLimiter implements RateLimiter {
  /** Times of the last `limit` permits (granted or reserved), oldest first. */
  private readonly granted: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  async take(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    let at = now;
    if (this.granted.length >= this.limit) {
      at = Math.max(now, this.granted[this.granted.length - this.limit]! + this.windowMs);
    }
    this.granted.push(at);
    if (this.granted.length > this.limit) this.granted.splice(0, this.granted.length - this.limit);
    if (at > now) await sleep(at - now, signal, this.clock);
  }
}
