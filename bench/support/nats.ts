// A private nats-server with JetStream for the JetStream benchmarks (loopback, free port,
// throw-away store directory), stopped at the end of each benchmark.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './child.js';
import { freePort } from './ports.js';

export interface NatsServer {
  readonly url: string;
  stop(): Promise<void>;
}

const BINARY = ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find((p) => existsSync(p));

/** Why JetStream benchmarks cannot run here, or undefined when they can. */
export function natsUnavailable(): string | undefined {
  return BINARY === undefined ? 'nats-server binary not found' : undefined;
}

async function accepts(port: number): Promise<boolean> {
  return await new Promise((r) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      r(true);
    });
    s.once('error', () => r(false));
  });
}

/** Starts `nats-server -a 127.0.0.1 -p <free> -js -sd <tmp>` and waits until it accepts connections. */
export async function startNats(): Promise<NatsServer> {
  if (BINARY === undefined) throw new Error('nats-server binary not found');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'argus-bench-nats-'));
  const proc = spawn(BINARY, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const deadline = performance.now() + 10_000;
  while (!(await accepts(port))) {
    if (performance.now() > deadline || proc.exitCode !== null) {
      proc.kill('SIGKILL');
      throw new Error('nats-server did not start');
    }
    await sleep(20);
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
