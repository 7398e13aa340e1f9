/**
 * Caps V8's young generation for a long-running `argus` process.
 *
 * Under sustained load V8 doubles each semi-space of the young generation, step by step, up to its
 * default maximum of 16 MiB, and keeps it there while the load lasts: ~32 MiB of RSS that buys
 * little here (events live for milliseconds, so a smaller nursery promotes almost nothing more).
 * `node --max-semi-space-size` sets the maximum, but only on the command line, which `argus` does
 * not own. What V8 does read at run time is the growth factor: after every garbage collection this
 * sets it to 1 (no more growth) once the young generation has reached the cap, and back to V8's
 * default 2 when V8 has shrunk it below the cap (it shrinks when the allocation rate drops), so
 * the young generation moves between its initial size and the cap as V8 would below it.
 *
 * A `--max-semi-space-size` or `--semi-space-growth-factor` in `NODE_OPTIONS` or on node's command
 * line is the operator's choice, and then nothing is capped.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The default cap of one semi-space (MiB): the young generation then holds at most 2 × 4 MiB. */
export const DEFAULT_SEMI_SPACE_MIB = 4;
/** V8's default `--semi-space-growth-factor`. */
const V8_GROWTH_FACTOR = 2;

/** The node option that decides the young generation's size, when the operator set one. */
export function operatorYoungGenerationFlag(
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): string | undefined {
  const words = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  return words.find((w) =>
    /^--(max[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor)(=|$)/.test(w),
  );
}

/** The growth factor V8 should use next: 1 once the young generation (both semi-spaces) reached the cap. */
export function growthFactorFor(youngGenerationBytes: number, capBytes: number): number {
  return youngGenerationBytes >= capBytes ? 1 : V8_GROWTH_FACTOR;
}

function youngGenerationBytes(): number {
  for (const s of getHeapSpaceStatistics()) if (s.space_name === 'new_space') return s.space_size;
  return 0;
}

/** What {@link capYoungGeneration} did. */
export interface YoungGenerationCap {
  /** The cap of one semi-space in MiB, or undefined when the operator's node option decides. */
  readonly semiSpaceMiB: number | undefined;
  /** The operator's option that turned the cap off. */
  readonly operatorFlag: string | undefined;
  /** Stops watching and gives V8 back its default growth factor. */
  stop(): void;
}

/**
 * Keeps each semi-space of the young generation at most `semiSpaceMiB` (after the garbage
 * collection that reached it), unless the operator set the young generation's size.
 */
export function capYoungGeneration(options: {
  readonly execArgv: readonly string[];
  readonly nodeOptions: string | undefined;
  readonly semiSpaceMiB?: number;
}): YoungGenerationCap {
  const operatorFlag = operatorYoungGenerationFlag(options.execArgv, options.nodeOptions);
  if (operatorFlag !== undefined) return { semiSpaceMiB: undefined, operatorFlag, stop: () => undefined };
  const semiSpaceMiB = options.semiSpaceMiB ?? DEFAULT_SEMI_SPACE_MIB;
  const capBytes = 2 * semiSpaceMiB * 1024 * 1024;
  let factor = V8_GROWTH_FACTOR;
  const apply = (next: number): void => {
    if (next === factor) return;
    factor = next;
    setFlagsFromString(`--semi-space-growth-factor=${next}`);
  };
  const check = (): void => apply(growthFactorFor(youngGenerationBytes(), capBytes));
  // One callback per batch of garbage collections (V8 grows the young generation only at the end of one).
  const observer = new PerformanceObserver(check);
  observer.observe({ entryTypes: ['gc'] });
  check();
  return {
    semiSpaceMiB,
    operatorFlag: undefined,
    stop() {
      observer.disconnect();
      apply(V8_GROWTH_FACTOR);
    },
  };
}
