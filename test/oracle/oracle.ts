/**
 * Client for the Go oracle (test/oracle/go): builds it once per machine in GOPATH
 * mode against Debian's golang-github-* packages, starts it, and answers queries.
 * Differential tests send the same input to our kernel and to the oracle and compare.
 *
 * Needs: apt-get install golang-go golang-github-tidwall-gjson-dev golang-github-masterminds-sprig-dev
 *   golang-github-knetic-govaluate-dev golang-github-robfig-cron-dev (.ci/run installs them).
 */
import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, rmSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const here = import.meta.dirname;
const srcDir = join(here, 'go');
const binDir = join(here, 'bin');
const binary = join(binDir, 'oracle');
const gocode = '/usr/share/gocode/src';

/** Module paths whose Debian source folder lacks the major-version suffix GOPATH mode needs. */
const versionedLinks: Array<[string, string]> = [
  ['github.com/Masterminds/sprig/v3', 'github.com/Masterminds/sprig'],
  ['github.com/Masterminds/semver/v3', 'github.com/Masterminds/semver'],
  ['github.com/robfig/cron/v3', 'github.com/robfig/cron'],
];

function newestMtime(dir: string): number {
  return Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
}

/** Builds the oracle binary if it is missing or older than its sources. Throws with install advice. */
export function buildOracle(): string {
  if (existsSync(binary) && statSync(binary).mtimeMs >= newestMtime(srcDir)) return binary;
  if (!existsSync(gocode)) {
    throw new Error(
      'the Go oracle needs Debian packages: apt-get install golang-go golang-github-tidwall-gjson-dev ' +
        'golang-github-masterminds-sprig-dev golang-github-knetic-govaluate-dev golang-github-robfig-cron-dev',
    );
  }
  // Per-process paths, then an atomic rename: test files running in parallel may build at once.
  const gopath = join(binDir, `gopath-${process.pid}`);
  const tmpBinary = `${binary}.${process.pid}`;
  rmSync(gopath, { recursive: true, force: true });
  for (const [link, target] of versionedLinks) {
    const at = join(gopath, 'src', link);
    mkdirSync(resolve(at, '..'), { recursive: true });
    if (existsSync(join(gocode, target))) symlinkSync(join(gocode, target), at);
  }
  mkdirSync(binDir, { recursive: true });
  execFileSync('go', ['build', '-o', tmpBinary, '.'], {
    cwd: srcDir,
    env: {
      ...process.env,
      GO111MODULE: 'off',
      GOPATH: `${gopath}:/usr/share/gocode`,
      GOFLAGS: '-mod=mod',
      GOCACHE: join(binDir, 'gocache'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  renameSync(tmpBinary, binary);
  rmSync(gopath, { recursive: true, force: true });
  return binary;
}

export interface OracleAnswer<T = unknown> {
  ok?: T;
  err?: string;
}

/** Options for {@link Oracle.start}. */
export interface OracleOptions {
  /**
   * How long the oracle may go without answering while queries are pending, in milliseconds.
   * Answers come back in order, so the oldest pending query is the one it is stuck on: that
   * query fails with its kind and input, the oracle is killed and the other pending queries
   * fail too. Upstream code can loop forever (robfig's PrevCronTime on some DST inputs).
   * @default 60_000
   */
  readonly queryTimeoutMs?: number;
}

/**
 * Every oracle still running in this process. The main loop of main.go exits when its stdin
 * closes, so a parent that dies outright takes the oracle with it unless a query is stuck;
 * a parent that exits normally (a test file that forgot close(), or failed) kills them here.
 */
const live = new Set<ChildProcessWithoutNullStreams>();
let exitHookInstalled = false;

function killOnExit(child: ChildProcessWithoutNullStreams): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

interface Pending {
  readonly kind: string;
  readonly q: unknown;
  readonly resolve: (a: OracleAnswer) => void;
  readonly reject: (e: Error) => void;
}

function describeQuery(id: number, p: Pending): string {
  const input = JSON.stringify(p.q) ?? String(p.q);
  return `query #${id} ${p.kind} ${input.length > 300 ? `${input.slice(0, 300)}…` : input}`;
}

/** A running oracle process. Queries are pipelined; answers come back in order. */
export class Oracle {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly timeoutMs: number;
  private nextId = 1;
  private readonly waiting = new Map<number, Pending>();
  private watchdog: NodeJS.Timeout | undefined;
  private failure: Error | undefined;

  private constructor(child: ChildProcessWithoutNullStreams, options: OracleOptions) {
    this.child = child;
    this.timeoutMs = options.queryTimeoutMs ?? 60_000;
    killOnExit(child);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { id: number } & OracleAnswer;
      const pending = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      this.rearm();
      pending?.resolve(msg);
    });
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    // A write after the oracle died fails with EPIPE; the exit handler below reports it.
    child.stdin.on('error', () => undefined);
    child.once('exit', (code, signal) => {
      this.stopWatchdog();
      this.failAll(
        this.failure ??
          new Error(`the Go oracle exited (code ${code}, signal ${signal}) with queries pending`),
      );
    });
  }

  static start(options: OracleOptions = {}): Oracle {
    const bin = buildOracle();
    return new Oracle(spawn(bin, [], { stdio: ['pipe', 'pipe', 'pipe'] }), options);
  }

  /**
   * Sends one query of `kind` (a handler registered in test/oracle/go).
   * Rejects when the oracle does not answer in time (see {@link OracleOptions.queryTimeoutMs})
   * or has stopped.
   */
  query<T = unknown>(kind: string, q: unknown): Promise<OracleAnswer<T>> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { kind, q, resolve: resolve as (a: OracleAnswer) => void, reject });
      if (this.watchdog === undefined) this.rearm();
      this.child.stdin.write(JSON.stringify({ id, kind, q }) + '\n');
    });
  }

  /** Sends many queries at once and waits for all answers. */
  queryAll<T = unknown>(kind: string, qs: readonly unknown[]): Promise<Array<OracleAnswer<T>>> {
    return Promise.all(qs.map((q) => this.query<T>(kind, q)));
  }

  /** Closes stdin (the oracle then exits) and waits for the process to end. Idempotent. */
  async close(): Promise<void> {
    this.stopWatchdog();
    this.child.stdin.end();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await new Promise((r) => this.child.once('exit', r));
    }
  }

  /** Restarts the no-progress timer while anything is pending. */
  private rearm(): void {
    this.stopWatchdog();
    if (this.waiting.size === 0) return;
    this.watchdog = setTimeout(() => this.onHung(), this.timeoutMs);
  }

  private stopWatchdog(): void {
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private onHung(): void {
    this.watchdog = undefined;
    const first = this.waiting.entries().next();
    if (first.done === true) return;
    const [id, pending] = first.value;
    this.failure = new Error(
      `the Go oracle gave no answer within ${this.timeoutMs} ms to ${describeQuery(id, pending)} ` +
        '(killed; the upstream code may loop forever on this input)',
    );
    this.failAll(this.failure);
    this.child.kill('SIGKILL');
  }

  private failAll(error: Error): void {
    const pending = [...this.waiting.values()];
    this.waiting.clear();
    for (const p of pending) p.reject(error);
  }
}
