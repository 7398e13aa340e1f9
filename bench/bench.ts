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

/**
 * Runs `fn` repeatedly for about `ms` milliseconds; returns operations per wall-clock second and
 * per second of CPU time this process used (user + system) over the same window. On a shared
 * machine the wall-clock figure drops with other load, the CPU one much less; measured together,
 * the two differ only by the CPU the process got.
 */
export function opsPerWallAndCpuSecond(fn: () => unknown, ms: number): { wall: number; cpu: number } {
  // warm up so the JIT has compiled the hot path before timing
  const warmEnd = performance.now() + Math.min(200, ms / 5);
  while (performance.now() < warmEnd) fn();
  let ops = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 100; i++) fn();
    ops += 100;
    now = performance.now();
  }
  const used = process.cpuUsage(cpuStart);
  return {
    wall: Math.round((ops * 1000) / (now - start)),
    cpu: Math.round((ops * 1e6) / Math.max(1, used.user + used.system)),
  };
}

/** Runs `fn` repeatedly for about `ms` milliseconds and returns operations per second. */
export function opsPerSecond(fn: () => unknown, ms: number): number {
  return opsPerWallAndCpuSecond(fn, ms).wall;
}
