import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { silentLogger } from '../shared/logging.js';
import { handleSignals, type SignalTarget } from './signals.js';

function fakeProcess(): SignalTarget & {
  emit(s: string, v: string): boolean;
  listenerCount(s: string): number;
} {
  return new EventEmitter() as unknown as SignalTarget & {
    emit(s: string, v: string): boolean;
    listenerCount(s: string): number;
  };
}

test('the first signal aborts the root controller; the second forces exit 130', () => {
  const target = fakeProcess();
  const controller = new AbortController();
  const exits: number[] = [];
  const remove = handleSignals({
    controller,
    log: silentLogger(),
    target,
    exit: (c) => void exits.push(c),
    graceMs: 60_000,
  });
  target.emit('SIGTERM', 'SIGTERM');
  assert.equal(controller.signal.aborted, true);
  assert.deepEqual(exits, []);
  target.emit('SIGINT', 'SIGINT');
  assert.deepEqual(exits, [130]);
  remove();
  assert.equal(target.listenerCount('SIGTERM'), 0);
  assert.equal(target.listenerCount('SIGINT'), 0);
});

test('the grace timer forces the exit when stopping takes too long', async () => {
  const target = fakeProcess();
  const exits: number[] = [];
  const remove = handleSignals({
    controller: new AbortController(),
    log: silentLogger(),
    target,
    exit: (c) => void exits.push(c),
    graceMs: 10,
  });
  target.emit('SIGINT', 'SIGINT');
  const deadline = Date.now() + 5000;
  while (exits.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(exits, [130]);
  remove();
});
