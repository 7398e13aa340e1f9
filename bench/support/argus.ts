// Runs `argus run <folder>` as its own process (the way users run it) for the ingest,
// end-to-end, memory and start-up benchmarks, and tells when it is ready.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnNode, waitUntil, type Child } from './child.js';
import { httpStatus } from './http-probe.js';
import { freePort } from './ports.js';

/** The repository root (bench/support/../..). */
export const REPO = join(import.meta.dirname, '..', '..');

/**
 * The entry script started as `node <entry> run …`: bin/argus.js (TypeScript through tsx), or
 * `ARGUS_BENCH_BIN` to compare another build (e.g. an esbuild bundle) under the same load.
 */
const ENTRY = process.env['ARGUS_BENCH_BIN'] ?? join(REPO, 'bin', 'argus.js');

/**
 * Node flags for every `argus` the benchmarks start, from `ARGUS_BENCH_NODE_FLAGS` (space
 * separated), e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under the benchmark's load
 * (node refuses --cpu-prof in NODE_OPTIONS).
 */
const NODE_FLAGS = (process.env['ARGUS_BENCH_NODE_FLAGS'] ?? '').split(/\s+/).filter((f) => f !== '');

/** Why `argus run` cannot be benchmarked yet (a missing piece), or undefined when it can. */
export function argusRunUnavailable(needs: { jetstream?: boolean } = {}): string | undefined {
  const missing: string[] = [];
  const has = (p: string): boolean => existsSync(join(REPO, p));
  if (!has('src/cli/commands/run.ts')) missing.push('`argus run` (src/cli/commands/run.ts)');
  if (!has('src/eventsources/webhook/index.ts')) missing.push('webhook source');
  if (!has('src/triggers/http')) missing.push('http trigger');
  if (needs.jetstream === true && !has('src/eventbus/jetstream/jetstream-bus.ts'))
    missing.push('JetStream bus');
  return missing.length === 0 ? undefined : `not built yet: ${missing.join(', ')}`;
}

/**
 * Start-up times (ms) of `argus run <quickstart>` measured by other benchmarks in this run (the
 * memory benchmark's start), which the quick start-up benchmark reuses instead of starting again.
 */
export const quickstartStartups: number[] = [];

export interface ArgusProcess extends Child {
  /** Milliseconds from spawn to ready. */
  readonly startupMs: number;
  /** The admin server's port (/healthz, /readyz, /metrics). */
  readonly adminPort: number;
  /** Where the memory probe (when preloaded) writes its answer. */
  readonly probeFile: string;
}

export interface StartArgusOptions {
  /** Manifest files or folders. */
  readonly paths: readonly string[];
  /** `--data-dir` (embedded bus store). */
  readonly dataDir: string;
  /** `--bus nats://…` for JetStream; embedded when absent. */
  readonly bus?: string;
  /**
   * Ready when the admin server's /readyz answers 200 (every listener and sensor subscription
   * is up) and this webhook URL answers (any status: a GET to a POST endpoint gets 400 and emits
   * nothing).
   */
  readonly webhookUrl: string;
  /** @default 30000 */
  readonly timeoutMs?: number;
  /** Extra node flags (e.g. `--cpu-prof`). */
  readonly nodeFlags?: readonly string[];
  /** Extra `argus run` flags (e.g. `--log-level warn`). */
  readonly args?: readonly string[];
  /** Preloads bench/support/memory-probe.js so {@link readMemoryBreakdown} works. */
  readonly memoryProbe?: boolean;
}

/** Starts `argus run` and resolves once it is ready; stops it and throws when it is not. */
export async function startArgus(options: StartArgusOptions): Promise<ArgusProcess> {
  const adminPort = await freePort();
  const probeFile = join(options.dataDir, '..', 'memory-probe.json');
  const args = [
    ...NODE_FLAGS,
    ...(options.nodeFlags ?? []),
    ...(options.memoryProbe === true ? ['--import', join(import.meta.dirname, 'memory-probe.js')] : []),
    ENTRY,
    'run',
    ...options.paths,
    '--data-dir',
    options.dataDir,
    '--admin-port',
    String(adminPort),
    ...(options.bus === undefined ? [] : ['--bus', options.bus]),
    ...(options.args ?? []),
  ];
  const t0 = performance.now();
  const child = spawnNode(args, {
    cwd: REPO,
    env: { NODE_ENV: 'production', ARGUS_BENCH_MEMORY_FILE: probeFile },
  });
  try {
    await waitUntil(
      async () =>
        (await httpStatus(`http://127.0.0.1:${adminPort}/readyz`, 'GET', undefined, 500)) === 200 &&
        (await httpStatus(options.webhookUrl, 'GET', undefined, 500)) !== undefined,
      options.timeoutMs ?? 30_000,
      'argus run ready',
      {
        intervalMs: 5,
        abort: () => (child.hasExited() ? `exited early: ${child.output().slice(-3000)}` : undefined),
      },
    );
  } catch (err: unknown) {
    await child.stop();
    throw err;
  }
  return { ...child, startupMs: Math.round(performance.now() - t0), adminPort, probeFile };
}

/** Asks the memory probe in `argus` for process.memoryUsage() (MiB); undefined without the probe. */
export async function readMemoryBreakdown(argus: ArgusProcess): Promise<Record<string, number> | undefined> {
  rmSync(argus.probeFile, { force: true });
  argus.process.kill('SIGUSR2');
  try {
    await waitUntil(() => existsSync(argus.probeFile), 3000, 'memory probe');
  } catch {
    return undefined;
  }
  const raw = JSON.parse(readFileSync(argus.probeFile, 'utf8')) as Record<string, number>;
  const mb = (n: number | undefined): number => Math.round((n ?? Number.NaN) / 104857.6) / 10;
  const heap = raw['heapTotal'] ?? 0;
  const external = raw['external'] ?? 0;
  return {
    heap_used: mb(raw['heapUsed']),
    heap_total: mb(heap),
    external: mb(external),
    array_buffers: mb(raw['arrayBuffers']),
    // what V8's heaps and external memory do not explain: code, native libraries, thread stacks
    other: mb((raw['rss'] ?? 0) - heap - external),
  };
}
