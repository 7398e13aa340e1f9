// Start-up: from spawning `argus run examples/quickstart` to ready (its webhook answers). The
// median of several starts; the first start may include tsx's transpile cache filling.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark } from './bench.js';
import { REPO, argusRunUnavailable, quickstartStartups, startArgus } from './support/argus.js';
import { quickstartOnPorts, writeManifests } from './support/manifests.js';
import { freePort } from './support/ports.js';
import { median } from './support/stats.js';

export const startupBenchmark: Benchmark = {
  name: 'startup_ms',
  description:
    'milliseconds from spawning `node bin/argus.js run <quickstart>` (ports moved to free ones) to ready; median of 7 starts, each with a fresh data dir (--quick: 1, the rss_mb quickstart start when it ran)',
  async run({ quick }) {
    const missing = argusRunUnavailable();
    if (missing !== undefined) return { skipped: missing };
    const times: number[] = [];
    if (quick && quickstartStartups.length > 0) {
      // --quick: the memory benchmark already started the same quickstart; no second start
      times.push(...quickstartStartups);
      console.log('  (--quick: reusing the quickstart start of rss_mb)');
    }
    for (let i = times.length; i < (quick ? 1 : 7); i++) {
      const port = await freePort();
      const dir = writeManifests('startup', quickstartOnPorts(REPO, port, await freePort()));
      try {
        const argus = await startArgus({
          paths: [join(dir, 'manifests')],
          dataDir: join(dir, 'data'),
          webhookUrl: `http://127.0.0.1:${port}/example`,
        });
        times.push(argus.startupMs);
        await argus.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    console.log(`  starts (ms): ${times.join(', ')}`);
    return median(times);
  },
};
