// Closed-loop saturation with autocannon 9 (DEPENDENCIES.md "load generator"), run as its own
// process so the load generator and the server under test each get a core of the two.
import { createRequire } from 'node:module';
import { spawnNode } from './child.js';

/** What one autocannon run measured. Latencies are autocannon's, in whole milliseconds. */
export interface SaturationResult {
  /** 2xx answers per second over the run. */
  readonly rps: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly duration_s: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
}

export interface SaturationOptions {
  readonly url: string;
  /** Concurrent keep-alive connections. @default 50 */
  readonly connections?: number;
  /** Seconds of load. */
  readonly durationS: number;
  /** JSON request body (sent as `application/json` POST). */
  readonly body: string;
  /** Seconds of unmeasured warm-up load before the measured run. @default 1 */
  readonly warmupS?: number;
}

const autocannonCli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number.NaN;
}

function field(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
}

async function runOnce(
  options: SaturationOptions,
  durationS: number,
  warmupS: number,
): Promise<SaturationResult> {
  const connections = String(options.connections ?? 50);
  const args = [
    autocannonCli,
    '--json',
    '-n',
    '-c',
    connections,
    '-d',
    String(durationS),
    // autocannon's own warm-up phase, excluded from the figures (one process start, not two)
    ...(warmupS > 0 ? ['-W', '[', '-c', connections, '-d', String(warmupS), ']'] : []),
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-b',
    options.body,
    options.url,
  ];
  const child = spawnNode(args, { cwd: process.cwd() });
  let stdout = '';
  child.process.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  const code = await child.exited;
  const json: unknown = (() => {
    try {
      return JSON.parse(stdout.trim().split('\n').pop() ?? '');
    } catch {
      throw new Error(`autocannon failed (exit ${String(code)}): ${child.output().slice(-2000)}`);
    }
  })();
  const ok = num(field(json, '2xx'));
  const duration = num(field(json, 'duration'));
  const latency = field(json, 'latency');
  return {
    rps: Math.round(ok / duration),
    ok,
    non2xx: num(field(json, 'non2xx')),
    errors: num(field(json, 'errors')),
    timeouts: num(field(json, 'timeouts')),
    duration_s: duration,
    p50_ms: num(field(latency, 'p50')),
    p99_ms: num(field(latency, 'p99')),
    max_ms: num(field(latency, 'max')),
  };
}

/** Warms up, then saturates `url` for `durationS` seconds and reports 2xx/s and latency. */
export async function saturate(options: SaturationOptions): Promise<SaturationResult> {
  return await runOnce(options, options.durationS, options.warmupS ?? 1);
}
