// The harness floor: the open-loop sender posting straight to the sink (both in the bench
// process, no Argus in between) at the e2e benchmark's rates. e2e latencies cannot be lower
// than this; on a busy machine it shows how much of them is the harness and the machine.
import type { Benchmark } from './bench.js';
import { eventBody } from './support/body.js';
import { openLoop } from './support/open-loop.js';
import { startSink } from './support/sink.js';
import { summarize } from './support/stats.js';

export const harnessBenchmark: Benchmark = {
  name: 'harness',
  description:
    'open-loop sender → sink directly (same process, no Argus), latency = arrival − scheduled send, at the e2e rates (--quick: 1,000/s only)',
  async run({ quick }) {
    const sink = await startSink();
    const figures: Record<string, unknown> = {};
    try {
      let run = 0;
      // warm-up: JIT and connections, as the e2e benchmark does
      await openLoop({
        url: `http://127.0.0.1:${sink.port}/sink`,
        rate: 1000,
        durationMs: quick ? 300 : 1000,
        firstSeq: 1,
        body: eventBody,
      });
      for (const rate of quick ? [1000] : [100, 1000, 5000]) {
        const durationMs = quick ? 1000 : 4000;
        const r = await openLoop({
          url: `http://127.0.0.1:${sink.port}/sink`,
          rate,
          durationMs,
          firstSeq: ++run * 10_000_000,
          body: eventBody,
        });
        const latencies: number[] = [];
        for (const [seq, at] of r.scheduled) {
          const arrived = sink.arrivals.get(seq);
          if (arrived !== undefined) latencies.push(arrived - at);
        }
        const s = summarize(latencies);
        figures[`at_${rate}`] = {
          sent_per_s: Math.round((r.scheduled.size * 1000) / r.elapsedMs),
          p50_ms: s.p50_ms,
          p99_ms: s.p99_ms,
          max_ms: s.max_ms,
        };
      }
    } finally {
      await sink.close();
    }
    return figures;
  },
};
