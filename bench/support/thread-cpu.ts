// CPU time of a process split into its main thread and the rest (lmdb's writer, libuv's pool,
// V8's GC helpers), from /proc/<pid>/task/*/stat. CPU time per request moves far less with the
// host's load than requests per second do, so it tracks what a change costs from run to run.
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's utime/stime (USER_HZ; 100 on Linux everywhere). */
const TICKS_PER_S = 100;

export interface ThreadCpu {
  /** Seconds of CPU the main thread used. */
  readonly mainS: number;
  /** Seconds of CPU every other thread used. */
  readonly otherS: number;
}

/** The CPU time used so far by `pid`, or undefined where /proc is not there (not Linux). */
export function readThreadCpu(pid: number): ThreadCpu | undefined {
  let main = 0;
  let other = 0;
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  for (const tid of tasks) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    // after "(comm)": state ppid … utime (14th field) stime (15th)
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (tid === String(pid)) main += ticks;
    else other += ticks;
  }
  return { mainS: main / TICKS_PER_S, otherS: other / TICKS_PER_S };
}

/** Microseconds of main-thread and other-thread CPU per unit of work between two readings. */
export function cpuPerUnit(
  before: ThreadCpu | undefined,
  after: ThreadCpu | undefined,
  units: number,
): { main_us: number; other_us: number } | undefined {
  if (before === undefined || after === undefined || units <= 0) return undefined;
  const per = (s: number): number => Math.round((s * 1e6) / units);
  return { main_us: per(after.mainS - before.mainS), other_us: per(after.otherS - before.otherS) };
}
