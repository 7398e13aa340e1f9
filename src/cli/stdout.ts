/**
 * Where log lines go: stdout, written off the event loop. Node writes to a pipe synchronously,
 * so a log line per event (upstream logs "Succeeded to publish an event" and "Successfully
 * processed trigger" at info) made the thread that runs webhooks and sensors wait in write(2) —
 * and stall outright when the reader of the pipe fell behind. sonic-boom (pino's own
 * destination) hands the bytes to libuv's thread pool instead; lines written while a write is in
 * flight are joined into the next one, and the order is kept.
 *
 * Bounded: when more than {@link MAX_BUFFERED} bytes wait (the reader stopped reading), new lines
 * are dropped and counted rather than growing memory without end; the count is reported on the
 * next line that gets through. Buffered lines are flushed synchronously at exit.
 */
import sonicBoom from 'sonic-boom';

// a CommonJS module: its named class is a property of what the default import gives at run time
const { SonicBoom } = sonicBoom;

/** Most bytes of log lines held while the reader of stdout does not keep up. */
export const MAX_BUFFERED = 16 * 1024 * 1024;

export interface LogOutput {
  write(line: string): void;
}

let stdoutOutput: LogOutput | undefined;

/** The process's one stdout log output (created on first use). */
export function stdoutLogOutput(): LogOutput {
  stdoutOutput ??= createLogOutput(1);
  return stdoutOutput;
}

/** A log output writing to file descriptor `fd` off the event loop (exported for tests). */
export function createLogOutput(
  fd: number,
  maxBuffered = MAX_BUFFERED,
): LogOutput & { flushSync(): void; close(): Promise<void> } {
  // lines are handed over as Buffers: bytes waiting for the write live outside the V8 heap, so a
  // busy second of logging does not make V8 grow its young generation (tens of MB of RSS)
  const boom = new SonicBoom({ fd, sync: false, maxLength: maxBuffered, contentMode: 'buffer' });
  let dropped = 0;
  // the notice about dropped lines can itself be dropped (the buffer is still full): then the
  // count is kept for the next line
  let notice: Buffer | undefined;
  let noticeLost = false;
  // sonic-boom's types only declare write(string); in contentMode 'buffer' it takes Buffers
  const put = (bytes: Buffer): void => {
    boom.write(bytes as unknown as string);
  };
  boom.on('drop', (data: unknown) => {
    if (notice !== undefined && data === notice) noticeLost = true;
    else dropped++;
  });
  // a failed write (stdout closed: EPIPE) must not take the process down with it: lines are lost,
  // events are not
  boom.on('error', () => {
    dropped++;
  });
  const flushSync = (): void => {
    try {
      boom.flushSync();
    } catch {
      // stdout is gone (closed pipe), or a write is still in flight: nothing more to do here
    }
  };
  process.once('exit', flushSync);
  return {
    write(line: string): void {
      if (dropped > 0) {
        const n = dropped;
        notice = Buffer.from(
          `{"level":"warn","msg":"${n} log line(s) dropped: stdout did not keep up (more than ${maxBuffered} bytes waiting)"}\n`,
        );
        noticeLost = false;
        put(notice);
        if (!noticeLost) dropped -= n;
        notice = undefined;
      }
      put(Buffer.from(line));
    },
    flushSync,
    /** Writes what is buffered, closes `fd` (unless it is 1 or 2) and resolves when done. */
    close: () =>
      new Promise<void>((resolve) => {
        boom.once('close', () => resolve());
        boom.end();
      }),
  };
}
