import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckJournal } from './ack-journal.js';

test('ack journal: append, read back across rotated files, ignore a torn last line, delete covered files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-journal-'));
  try {
    const j = new AckJournal(dir);
    j.append('group-1', 'a', 5);
    j.append('name with "quotes" and spaces', 'd', 7);
    const covered = j.rotate();
    j.append('group-1', 'a', 9);
    j.close();
    appendFileSync(join(dir, `acks-${covered + 1}.log`), '"group-1" a 1'); // died mid-write: no newline
    const again = new AckJournal(dir);
    assert.deepEqual(again.read(), [
      { consumer: 'group-1', kind: 'a', seq: 5 },
      { consumer: 'name with "quotes" and spaces', kind: 'd', seq: 7 },
      { consumer: 'group-1', kind: 'a', seq: 9 },
    ]);
    again.deleteUpTo(covered);
    assert.deepEqual(readdirSync(dir), [`acks-${covered + 1}.log`]);
    again.append('x', 'a', 1); // a new instance writes after the existing files
    again.close();
    assert.equal(readdirSync(dir).length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ack journal: appended records reach the file only with flush, all in one write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-journal-'));
  try {
    const j = new AckJournal(dir);
    j.append('group-1', 'd', 3);
    j.append('group-1', 'a', 3);
    assert.equal(j.pending, true);
    assert.deepEqual(new AckJournal(dir).read(), []); // buffered, not written yet
    j.flush();
    assert.equal(j.pending, false);
    assert.deepEqual(new AckJournal(dir).read(), [
      { consumer: 'group-1', kind: 'd', seq: 3 },
      { consumer: 'group-1', kind: 'a', seq: 3 },
    ]);
    assert.equal(j.count, 2);
    j.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
