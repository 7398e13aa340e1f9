// CPU steal: the share of this VM's CPU time the host gave to others (/proc/stat `steal`). On a
// shared VM it changes from minute to minute and every figure drops with it, so the bench reports
// it beside each benchmark instead of leaving readers to guess why two runs differ.
import { readFileSync } from 'node:fs';

interface CpuTimes {
  readonly steal: number;
  readonly total: number;
}

function read(): CpuTimes | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice
    const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
    if (f.length < 8 || f.some((n) => !Number.isFinite(n))) return undefined;
    return { steal: f[7]!, total: f.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined; // not Linux
  }
}

/** Starts measuring; `stop()` returns the steal percentage since, or undefined where unknown. */
export function measureSteal(): { stop(): number | undefined } {
  const start = read();
  return {
    stop() {
      const end = read();
      if (start === undefined || end === undefined || end.total <= start.total) return undefined;
      return Math.round((1000 * (end.steal - start.steal)) / (end.total - start.total)) / 10;
    },
  };
}
