// Ceiling: the same autocannon load as the ingest benchmarks against a bare node:http handler,
// so `ingest / ceiling` says how much of the machine's HTTP budget Argus's webhook path keeps.
import { join } from 'node:path';
import type { Benchmark } from './bench.js';
import { spawnNode, waitUntil } from './support/child.js';
import { FIXED_BODY } from './support/body.js';
import { freePort } from './support/ports.js';
import { saturate } from './support/saturate.js';
import { LOAD } from './support/settings.js';

/** The bare server in its own process, listening; `url` takes the load. */
export async function startCeilingServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const server = spawnNode(
    ['--import', 'tsx', join(import.meta.dirname, 'support', 'ceiling-server.ts'), String(port)],
    {
      cwd: join(import.meta.dirname, '..'),
    },
  );
  try {
    await waitUntil(() => server.output().includes('listening'), 10_000, 'ceiling server', {
      abort: () => (server.hasExited() ? `exited: ${server.output()}` : undefined),
    });
  } catch (err: unknown) {
    await server.stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${port}/example`, stop: () => server.stop() };
}

export const ceilingBenchmark: Benchmark = {
  name: 'ceiling',
  description: `bare node:http handler (read + JSON.parse, answer 200) in its own process; autocannon in another, ${LOAD.connections} connections, ~250-byte JSON POST, loopback`,
  async run({ quick }) {
    const server = await startCeilingServer();
    try {
      const r = await saturate({
        url: server.url,
        connections: LOAD.connections,
        durationS: quick ? LOAD.quickSeconds : LOAD.fullSeconds,
        warmupS: quick ? LOAD.quickWarmupSeconds : LOAD.fullWarmupSeconds,
        body: FIXED_BODY,
      });
      return { rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms, non2xx: r.non2xx + r.errors };
    } finally {
      await server.stop();
    }
  },
};
