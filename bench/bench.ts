/** One benchmark: measures something and returns named figures. */
export interface Benchmark {
  /** Key under `results` in bench/results/latest.json, e.g. `engine` or `ingest_embedded`. */
  readonly name: string;
  /** What is measured, with the exact setup, printed above the figures. */
  readonly description: string;
  /**
   * Returns named figures (nested objects allowed), or one number when the benchmark is a single
   * figure (`startup_ms`). A part that could not be measured reports `{ skipped: "<why>" }`.
   */
  run(options: BenchOptions): Promise<Record<string, unknown> | number>;
}

export interface BenchOptions {
  /** `--quick`: smaller counts; the whole quick run must finish within 60 seconds. */
  readonly quick: boolean;
}

/** Runs `fn` repeatedly for about `ms` milliseconds and returns operations per second. */
export function opsPerSecond(fn: () => unknown, ms: number): number {
  // warm up so the JIT has compiled the hot path before timing
  const warmEnd = performance.now() + Math.min(200, ms / 5);
  while (performance.now() < warmEnd) fn();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 100; i++) fn();
    ops += 100;
    now = performance.now();
  }
  return Math.round((ops * 1000) / (now - start));
}
