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

/** A running oracle process. Queries are pipelined; answers come back in order. */
export class Oracle {
  private readonly child: ChildProcessWithoutNullStreams;
  private nextId = 1;
  private readonly waiting = new Map<number, (a: OracleAnswer) => void>();

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { id: number } & OracleAnswer;
      const resolveAnswer = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      resolveAnswer?.(msg);
    });
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  }

  static start(): Oracle {
    const bin = buildOracle();
    return new Oracle(spawn(bin, [], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  /** Sends one query of `kind` (a handler registered in test/oracle/go). */
  query<T = unknown>(kind: string, q: unknown): Promise<OracleAnswer<T>> {
    const id = this.nextId++;
    return new Promise((res) => {
      this.waiting.set(id, res as (a: OracleAnswer) => void);
      this.child.stdin.write(JSON.stringify({ id, kind, q }) + '\n');
    });
  }

  /** Sends many queries at once and waits for all answers. */
  queryAll<T = unknown>(kind: string, qs: readonly unknown[]): Promise<Array<OracleAnswer<T>>> {
    return Promise.all(qs.map((q) => this.query<T>(kind, q)));
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    if (this.child.exitCode === null) await new Promise((r) => this.child.once('exit', r));
  }
}
