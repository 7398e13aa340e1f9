// Child processes of the benchmarks (the server under test, the load generator): spawn, keep the
// tail of their output for error messages, sample their memory, stop them.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A running child process. */
export interface Child {
  readonly pid: number;
  readonly process: ChildProcess;
  /** The last ~64 KiB of stdout+stderr, for error messages. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** True once the process has exited. */
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const TAIL = 64 * 1024;

/** Starts `node <args>` with stdout/stderr piped and drained (a chatty child never blocks). */
export function spawnNode(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Child {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail += chunk.toString('utf8');
    if (tail.length > 2 * TAIL) tail = tail.slice(-TAIL);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let done = false;
  const exited = new Promise<number | string>((resolveExit) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolveExit(code ?? signal ?? 'unknown');
    });
    child.once('error', (err) => {
      done = true;
      tail += `\nspawn error: ${err.message}`;
      resolveExit('spawn-error');
    });
  });
  return {
    pid: child.pid ?? -1,
    process: child,
    output: () => tail.slice(-TAIL),
    exited,
    hasExited: () => done,
    async stop(graceMs = 5000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Resident set size, its peak (VmHWM) and its anonymous / file-backed parts (RssAnon: heaps and
 * buffers; RssFile: mapped files such as the node binary, native addons and lmdb's memory-mapped
 * store) of `pid` in MiB, from /proc; undefined once gone.
 */
export function readRss(
  pid: number,
): { rssMb: number; peakMb: number; anonMb: number; fileMb: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? 'NaN');
  const mb = (field: string): number => Math.round(kb(field) / 102.4) / 10;
  return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM'), anonMb: mb('RssAnon'), fileMb: mb('RssFile') };
}

/** Samples RSS every `intervalMs` until stopped; returns the largest sample seen. */
export function sampleRss(pid: number, intervalMs = 100): { stop(): number } {
  let max = 0;
  const take = (): void => {
    const r = readRss(pid);
    if (r !== undefined && r.rssMb > max) max = r.rssMb;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return max;
    },
  };
}

/** Polls `check` every `intervalMs` until it returns true; throws after `timeoutMs` or when `abort()` says so. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
  options: { intervalMs?: number; abort?: () => string | undefined } = {},
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    const reason = options.abort?.();
    if (reason !== undefined) throw new Error(`${what}: ${reason}`);
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 20));
  }
}

/** Sleeps `ms` milliseconds (benchmarks pace themselves by wall time on purpose). */
export async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}
