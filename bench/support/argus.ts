// Runs `argus run <folder>` as its own process (the way users run it) for the ingest,
// end-to-end, memory and start-up benchmarks, and tells when it is ready.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnNode, waitUntil, type Child } from './child.js';
import { httpStatus } from './http-probe.js';

/** The repository root (bench/support/../..). */
export const REPO = join(import.meta.dirname, '..', '..');

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

export interface ArgusProcess extends Child {
  /** Milliseconds from spawn to ready. */
  readonly startupMs: number;
}

export interface StartArgusOptions {
  /** Manifest files or folders. */
  readonly paths: readonly string[];
  /** `--data-dir` (embedded bus store). */
  readonly dataDir: string;
  /** `--bus nats://…` for JetStream; embedded when absent. */
  readonly bus?: string;
  /**
   * Ready when this webhook URL answers (any HTTP status: a GET to a POST endpoint gets 400 and
   * emits nothing), and — when argus prints it — after its "ready" log line.
   */
  readonly webhookUrl: string;
  /** @default 30000 */
  readonly timeoutMs?: number;
  /** Extra node flags (e.g. `--cpu-prof`). */
  readonly nodeFlags?: readonly string[];
}

/** Starts `argus run` and resolves once it is ready; stops it and throws when it is not. */
export async function startArgus(options: StartArgusOptions): Promise<ArgusProcess> {
  const args = [
    ...(options.nodeFlags ?? []),
    join(REPO, 'bin', 'argus.js'),
    'run',
    ...options.paths,
    '--data-dir',
    options.dataDir,
    ...(options.bus === undefined ? [] : ['--bus', options.bus]),
  ];
  const t0 = performance.now();
  const child = spawnNode(args, { cwd: REPO, env: { NODE_ENV: 'production' } });
  try {
    await waitUntil(
      async () => (await httpStatus(options.webhookUrl, 'GET', undefined, 500)) !== undefined,
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
  return { ...child, startupMs: Math.round(performance.now() - t0) };
}
