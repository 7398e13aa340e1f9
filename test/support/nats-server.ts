// Starts a real nats-server with JetStream for tests, on free loopback ports with a temp store, and stops it.
// Single node: `startNatsServer()`; three-node JetStream cluster: `startNatsCluster(3)`. Each node can be
// killed with SIGKILL and restarted on the same ports and store. Needs /usr/sbin/nats-server (Debian
// `nats-server`); without it the start fails with a message saying how to install it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY =
  process.env['NATS_SERVER_BIN'] ??
  (existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server');

export interface NatsServer {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The JetStream store directory (kept across restarts, removed by `stop`). */
  readonly storeDir: string;
  /** Stops the server (SIGTERM) and removes its store. */
  stop(): Promise<void>;
  /** Stops it if running (SIGTERM), then starts it again on the same port with the same store. */
  restart(): Promise<void>;
  /** SIGKILLs the server, keeping the store; `restart()` brings it back. */
  kill(): Promise<void>;
}

export interface NatsServerOptions {
  /** Extra command line arguments. */
  readonly args?: readonly string[];
  /** How long to wait for "Server is ready", in ms. @default 15000 */
  readonly readyTimeoutMs?: number;
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface Proc {
  child: ChildProcess;
  exited: Promise<void>;
}

function launch(args: string[], readyTimeoutMs: number): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child = spawn(BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    let ready = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nats-server did not become ready in ${readyTimeoutMs} ms:\n${log.slice(-2000)}`));
    }, readyTimeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(
        new Error(`cannot start ${BINARY} (install it with: apt-get install nats-server): ${err.message}`),
      );
    });
    child.stderr!.on('data', (b: Buffer) => {
      if (ready) return;
      log += b.toString();
      if (log.includes('Server is ready')) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, exited });
      }
    });
    void exited.then(() => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`nats-server exited before it was ready:\n${log.slice(-2000)}`));
      }
    });
  });
}

function makeNode(
  argsFor: () => string[],
  port: number,
  storeDir: string,
  cleanupDirs: string[],
  readyTimeoutMs: number,
  first: Proc,
): NatsServer {
  let proc: Proc | undefined = first;
  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const p = proc;
    proc = undefined;
    if (p === undefined) return;
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
    await p.exited;
  };
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    async stop() {
      await halt('SIGTERM');
      for (const d of cleanupDirs) rmSync(d, { recursive: true, force: true });
    },
    async restart() {
      await halt('SIGTERM');
      proc = await launch(argsFor(), readyTimeoutMs);
    },
    async kill() {
      await halt('SIGKILL');
    },
  };
}

/** Starts one nats-server with JetStream on a free port and a temp store. */
export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'argus-nats-'));
  const readyTimeoutMs = opts.readyTimeoutMs ?? 15_000;
  const argsFor = (): string[] => [
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-js',
    '-sd',
    storeDir,
    ...(opts.args ?? []),
  ];
  const first = await launch(argsFor(), readyTimeoutMs);
  return makeNode(argsFor, port, storeDir, [storeDir], readyTimeoutMs, first);
}

export interface NatsCluster {
  readonly nodes: readonly NatsServer[];
  /** Every node's URL, comma-separated (what a client is given). */
  readonly url: string;
  readonly urls: readonly string[];
  /** Stops every node and removes the stores. */
  stop(): Promise<void>;
}

/** Starts an `n`-node JetStream cluster on loopback (cluster name `argus`), each node with its own temp store. */
export async function startNatsCluster(n = 3, opts: NatsServerOptions = {}): Promise<NatsCluster> {
  const readyTimeoutMs = opts.readyTimeoutMs ?? 30_000;
  const root = mkdtempSync(join(tmpdir(), 'argus-nats-cluster-'));
  const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
  const routePorts = await Promise.all(Array.from({ length: n }, () => freePort()));
  const configs = ports.map((port, i) => {
    const storeDir = join(root, `n${i}`);
    const routes = routePorts.filter((_, j) => j !== i).map((p) => `nats-route://127.0.0.1:${p}`);
    const file = join(root, `n${i}.conf`);
    writeFileSync(
      file,
      [
        `server_name: n${i}`,
        `listen: 127.0.0.1:${port}`,
        `jetstream { store_dir: "${storeDir}" }`,
        `cluster { name: argus, listen: 127.0.0.1:${routePorts[i]}, routes: [${routes.join(', ')}] }`,
      ].join('\n'),
    );
    return { port, storeDir, file };
  });
  const argsFor = (file: string) => (): string[] => ['-c', file, ...(opts.args ?? [])];
  const firsts = await Promise.all(configs.map((c) => launch(argsFor(c.file)(), readyTimeoutMs)));
  const nodes = configs.map((c, i) =>
    makeNode(argsFor(c.file), c.port, c.storeDir, [], readyTimeoutMs, firsts[i]!),
  );
  const urls = nodes.map((x) => x.url);
  return {
    nodes,
    urls,
    url: urls.join(','),
    async stop() {
      await Promise.all(nodes.map((x) => x.stop()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
