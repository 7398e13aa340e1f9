// Memory: RSS of `argus run examples/quickstart` idle and under load, and of one sensor with
// 10, 100 and 1,000 dependencies (upstream ae#1339: 23 dependencies used over 5 GiB).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark } from './bench.js';
import {
  REPO,
  argusRunUnavailable,
  quickstartStartups,
  readMemoryBreakdown,
  startArgus,
} from './support/argus.js';
import { eventBody } from './support/body.js';
import { readRss, sampleRss, sleep, waitUntil } from './support/child.js';
import { httpStatus } from './support/http-probe.js';
import { manyDependencies, quickstartOnPorts, writeManifests } from './support/manifests.js';
import { openLoop } from './support/open-loop.js';
import { freePort } from './support/ports.js';
import { startSink } from './support/sink.js';

/** quickstart RSS idle (after settling) and the largest sample while 1,000 events/s arrive. */
async function quickstart(quick: boolean): Promise<Record<string, unknown>> {
  const sink = await startSink();
  const port = await freePort();
  const dir = writeManifests('rss-quickstart', quickstartOnPorts(REPO, port, sink.port));
  const url = `http://127.0.0.1:${port}/example`;
  try {
    const argus = await startArgus({
      paths: [join(dir, 'manifests')],
      dataDir: join(dir, 'data'),
      webhookUrl: url,
      memoryProbe: true,
    });
    try {
      quickstartStartups.push(argus.startupMs);
      await sleep(quick ? 500 : 3000);
      const idleRss = readRss(argus.pid);
      const idle = idleRss?.rssMb ?? Number.NaN;
      const breakdown = await readMemoryBreakdown(argus);
      const sampler = sampleRss(argus.pid, 50);
      const r = await openLoop({
        url,
        rate: 1000,
        durationMs: quick ? 1000 : 8000,
        firstSeq: 1,
        body: eventBody,
      });
      await waitUntil(() => sink.total >= r.accepted.size, quick ? 1000 : 5000, 'quickstart drain').catch(
        () => undefined,
      );
      const load = sampler.stop();
      // the split right after the load: which part grew (V8 heap, buffers, or native)
      const loadBreakdown = await readMemoryBreakdown(argus);
      const loadRss = readRss(argus.pid);
      return {
        idle,
        load,
        idle_rss_anon: idleRss?.anonMb,
        idle_rss_file: idleRss?.fileMb,
        after_load_rss_anon: loadRss?.anonMb,
        after_load_rss_file: loadRss?.fileMb,
        idle_breakdown: breakdown ?? { skipped: 'memory probe did not answer' },
        load_breakdown: loadBreakdown ?? { skipped: 'memory probe did not answer' },
        load_events_accepted: r.accepted.size,
        load_events_forwarded_by_then: sink.total,
      };
    } finally {
      await argus.stop();
    }
  } finally {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RSS of an `n`-dependency sensor after every dependency got one event (so the trigger fired). */
async function dependencies(
  n: number,
  quick: boolean,
): Promise<{ rss: number; startupMs: number; fired: number }> {
  const sink = await startSink();
  const port = await freePort();
  const dir = writeManifests(`rss-deps-${n}`, manyDependencies(n, port, sink.port));
  try {
    const argus = await startArgus({
      paths: [join(dir, 'manifests')],
      dataDir: join(dir, 'data'),
      webhookUrl: `http://127.0.0.1:${port}/e${n - 1}`,
      timeoutMs: 120_000,
    });
    try {
      // one event per dependency, 16 at a time
      let next = 0;
      const sender = async (): Promise<void> => {
        while (next < n) {
          const i = next++;
          await httpStatus(`http://127.0.0.1:${port}/e${i}`, 'POST', eventBody(i, 0), 10_000);
        }
      };
      await Promise.all(Array.from({ length: 16 }, () => sender()));
      await waitUntil(() => sink.total >= 1, quick ? 5000 : 60_000, `${n}-dependency trigger`).catch(
        () => undefined,
      );
      await sleep(500);
      return { rss: readRss(argus.pid)?.rssMb ?? Number.NaN, startupMs: argus.startupMs, fired: sink.total };
    } finally {
      await argus.stop();
    }
  } finally {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const memoryBenchmark: Benchmark = {
  name: 'rss_mb',
  description:
    'RSS (MiB, /proc VmRSS) of `argus run`: examples/quickstart (ports moved to free ones; trigger target = a local sink) idle (with a process.memoryUsage() split) and max while 1,000 events/s arrive; one sensor with N dependencies (N webhook events on one port, a data filter each, one HTTP trigger on all N) after each dependency got one event (--quick: N = 100 only)',
  async run({ quick }) {
    const missing = argusRunUnavailable();
    if (missing !== undefined) return { skipped: missing };
    const figures: Record<string, unknown> = await quickstart(quick);
    for (const n of [10, 100, 1000]) {
      if (quick && n !== 100) {
        figures[`deps_${n}`] = { skipped: 'full run only (--quick measures 100)' };
        continue;
      }
      const d = await dependencies(n, quick);
      figures[`deps_${n}`] = d.rss;
      figures[`deps_${n}_startup_ms`] = d.startupMs;
      figures[`deps_${n}_trigger_fired`] = d.fired;
    }
    return figures;
  },
};
