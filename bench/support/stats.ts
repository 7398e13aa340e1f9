// Small statistics helpers for the benchmarks: percentiles over recorded latencies.

/** Latency summary in milliseconds (rounded to 0.01 ms). */
export interface LatencySummary {
  readonly count: number;
  readonly p50_ms: number;
  readonly p90_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
}

/** The `q`-quantile (0..1) of an ascending array, nearest-rank. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The middle value of `values` (the lower of the two middle ones for an even count), nearest-rank. */
export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Rounds to two decimals, which is finer than the timer noise of a shared machine. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** p50/p90/p99/max of `samples` (milliseconds). */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const arr = Array.from(sorted);
  return {
    count: arr.length,
    p50_ms: round2(quantile(arr, 0.5)),
    p90_ms: round2(quantile(arr, 0.9)),
    p99_ms: round2(quantile(arr, 0.99)),
    max_ms: round2(arr[arr.length - 1] ?? Number.NaN),
  };
}
