/**
 * Upstream `Backoff` as numbers (pkg/shared/util/retry.go `Convert2WaitBackoff`): a JSON number
 * `duration` is nanoseconds, a string must be a Go duration (`"10"` is not); `factor` and
 * `jitter` are raw JSON text parsed as floats, so a quoted number fails; `steps` ≤ 0 means 5.
 * Upstream converts when the trigger or connection runs, so validation only warns.
 */
import type { Issue } from '../shared/errors.js';
import type { Backoff } from './common.js';
import { tryParseGoDuration } from '../kernels/duration.js';
import { childPath } from './schema.js';

/** A backoff ready to use. */
export interface ResolvedBackoff {
  /** First wait, nanoseconds. @default 1_000_000_000 */
  readonly durationNs: bigint;
  /** @default 1.0 */
  readonly factor: number;
  /** @default 1.0 */
  readonly jitter: number;
  /** Total attempts. @default 5 */
  readonly steps: number;
}

function parseAmount(raw: string | undefined, fallback: number, what: string): number | string {
  if (raw === undefined) return fallback;
  // Go's strconv.ParseFloat on the raw JSON text: numbers parse, quoted text does not
  const n = raw.startsWith('"') ? Number.NaN : Number(raw);
  if (Number.isNaN(n))
    return `invalid ${what}, strconv.ParseFloat: parsing ${JSON.stringify(raw)}: invalid syntax`;
  return n;
}

/** Converts a Backoff (absent: upstream's defaults) or returns upstream's error text. */
export function resolveBackoff(backoff: Backoff | undefined): ResolvedBackoff | { error: string } {
  const b = backoff ?? {};
  let durationNs = 1_000_000_000n;
  if (typeof b.duration === 'number') durationNs = BigInt(b.duration);
  else if (typeof b.duration === 'string') {
    const parsed = tryParseGoDuration(b.duration);
    if (!parsed.ok) return { error: parsed.error };
    durationNs = parsed.nanoseconds;
  }
  const factor = parseAmount(b.factor, 1.0, 'factor');
  if (typeof factor === 'string') return { error: factor };
  const jitter = parseAmount(b.jitter, 1.0, 'jitter');
  if (typeof jitter === 'string') return { error: jitter };
  const steps = b.steps !== undefined && b.steps > 0 ? b.steps : 5;
  return { durationNs, factor, jitter, steps };
}

/** A warning when `backoff` (at `path`) would fail upstream's conversion at run time. */
export function checkBackoff(backoff: Backoff | undefined, path: string): Issue[] {
  if (backoff === undefined) return [];
  const resolved = resolveBackoff(backoff);
  if (!('error' in resolved)) return [];
  const field = resolved.error.startsWith('invalid factor')
    ? 'factor'
    : resolved.error.startsWith('invalid jitter')
      ? 'jitter'
      : 'duration';
  return [{ path: childPath(path, field), message: `${resolved.error} (upstream fails when it is used)` }];
}
