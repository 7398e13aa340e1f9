import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DedupeWindow } from './dedupe-window.js';

test('an id is remembered for the window and forgotten after it', () => {
  const w = new DedupeWindow(1000, 100);
  w.add('a', 1, 0);
  w.add('b', 2, 500);
  w.prune(999);
  assert.equal(w.get('a'), 1);
  w.prune(1001);
  assert.equal(w.get('a'), undefined);
  assert.equal(w.get('b'), 2);
  w.prune(1501);
  assert.equal(w.size, 0);
});

test('beyond maxIds the oldest ids are forgotten first', () => {
  const w = new DedupeWindow(60_000, 3);
  for (let i = 1; i <= 5; i++) w.add(`id${i}`, i, i);
  w.prune(10);
  assert.deepEqual(
    ['id1', 'id2', 'id3', 'id4', 'id5'].map((id) => w.get(id)),
    [undefined, undefined, 3, 4, 5],
  );
});

test('a failed write forgets its id; a later store of the same id outlives the old entry', () => {
  const w = new DedupeWindow(1000, 100);
  w.add('x', 1, 0);
  w.delete('x', 1);
  assert.equal(w.get('x'), undefined);
  w.add('x', 7, 800);
  w.delete('x', 1); // a stale delete does not remove the newer entry
  w.prune(1200); // the first entry (t=0) expires, the second (t=800) does not
  assert.equal(w.get('x'), 7);
});

test('many ids: the arrays are compacted and lookups stay right', () => {
  const w = new DedupeWindow(100, 1_000_000);
  for (let i = 0; i < 50_000; i++) {
    w.add(`id${i}`, i + 1, i);
    w.prune(i);
  }
  assert.equal(w.size, 101); // ids with t in [now-100, now]
  assert.equal(w.get('id49999'), 50_000);
  assert.equal(w.get('id49898'), undefined);
  assert.equal(w.get('id49899'), 49_900);
});
