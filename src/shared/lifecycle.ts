/**
 * Explicit lifecycle states shared by runtimes, the supervisor and the admin server
 * (STYLE.md §6). A component moves `idle → starting → running → draining → stopped`, or to
 * `failed` from any state; listeners (the admin server's `/readyz`, logs) see every change.
 */
import type { Clock } from './clock.js';
import { IllegalStateError } from './errors.js';

/**
 * - `idle`: created, not started.
 * - `starting`: acquiring resources (bus, listeners, leases).
 * - `running`: taking work.
 * - `draining`: intake stopped, finishing in-flight work.
 * - `stopped`: everything released; terminal.
 * - `failed`: stopped by an error; terminal.
 */
export type LifecycleState = 'idle' | 'starting' | 'running' | 'draining' | 'stopped' | 'failed';

const NEXT: Record<LifecycleState, readonly LifecycleState[]> = {
  idle: ['starting', 'stopped', 'failed'],
  starting: ['running', 'draining', 'stopped', 'failed'],
  running: ['draining', 'stopped', 'failed'],
  draining: ['stopped', 'failed'],
  stopped: [],
  failed: [],
};

/** A state holder that rejects illegal moves and tells listeners about each change. */
export class Lifecycle {
  private current: LifecycleState = 'idle';
  private readonly listeners = new Set<(state: LifecycleState, error?: unknown) => void>();
  /** The error that moved this to `failed`, if any. */
  error: unknown;

  constructor(readonly name: string) {}

  get state(): LifecycleState {
    return this.current;
  }

  /** True in `stopped` or `failed`. */
  get done(): boolean {
    return this.current === 'stopped' || this.current === 'failed';
  }

  /** Moves to `next`; throws IllegalStateError if the move is not allowed. A move to the current state is a no-op. */
  to(next: LifecycleState, error?: unknown): void {
    if (next === this.current) return;
    if (!NEXT[this.current].includes(next)) {
      throw new IllegalStateError(`${this.name}: cannot go from "${this.current}" to "${next}"`);
    }
    this.current = next;
    if (next === 'failed') this.error = error;
    for (const l of this.listeners) l(next, error);
  }

  /** Calls `listener` on every change until the returned function is called. */
  onChange(listener: (state: LifecycleState, error?: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Throws unless the state is `idle` (a second start is an illegal-state error). */
  assertStartable(): void {
    if (this.current !== 'idle')
      throw new IllegalStateError(`${this.name}: already started (state "${this.current}")`);
  }
}

/** Resolves when `signal` aborts (immediately if it already has). */
export function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Sleeps `ms` on the given timer functions, ending early (resolving) when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, clock: Clock): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
