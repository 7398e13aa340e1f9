/**
 * Signals are handled here and nowhere else (STYLE.md §6). The first SIGINT/SIGTERM aborts the
 * root AbortController and starts the grace timer; the process then stops intake, finishes
 * in-flight work and drains the bus. A second signal, or the grace timer running out, forces
 * the exit with a non-zero code and logs what was still running.
 */
import type { Logger } from '../shared/logging.js';

/** What the handler needs from the process; tests pass a fake emitter and exit. */
export interface SignalTarget {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Options of {@link handleSignals}. */
export interface SignalOptions {
  /** Aborted on the first signal. */
  controller: AbortController;
  log: Logger;
  /** Time allowed for a graceful stop after the first signal, in ms. @default 30000 */
  graceMs?: number;
  /** Called to force the exit (second signal or grace timeout). @default process.exit */
  exit?: (code: number) => void;
  /** Describes what is still running, for the forced-exit log line. */
  pending?: () => string[];
  /** @default process */
  target?: SignalTarget;
}

/** Installs the handlers; returns a function that removes them (call it once stopped). */
export function handleSignals(options: SignalOptions): () => void {
  const target = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const graceMs = options.graceMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  let count = 0;
  const force = (reason: string): void => {
    options.log.error(
      { reason, pending: options.pending?.() ?? [] },
      'forced exit before a graceful stop completed',
    );
    exit(130);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    count += 1;
    if (count === 1) {
      options.log.info({ signal, graceMs }, 'shutting down');
      options.controller.abort(new Error(`received ${signal}`));
      timer = setTimeout(() => force('grace period expired'), graceMs);
      timer.unref();
    } else {
      force(`second signal ${signal}`);
    }
  };
  target.on('SIGINT', onSignal);
  target.on('SIGTERM', onSignal);
  return () => {
    target.off('SIGINT', onSignal);
    target.off('SIGTERM', onSignal);
    if (timer !== undefined) clearTimeout(timer);
  };
}
