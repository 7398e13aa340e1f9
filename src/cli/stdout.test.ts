import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogOutput } from './stdout.js';

test('log lines reach the file in order, and close writes what is still buffered', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'argus-stdout-')), 'out.log');
  const fd = openSync(path, 'w');
  const out = createLogOutput(fd);
  const lines = Array.from({ length: 500 }, (_, i) => `{"n":${i}}\n`);
  for (const l of lines) out.write(l);
  await out.close();
  assert.equal(readFileSync(path, 'utf8'), lines.join(''));
});

test('beyond the bound, lines are dropped and the next line that gets through says how many', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'argus-stdout-')), 'out.log');
  const fd = openSync(path, 'w');
  const out = createLogOutput(fd, 200);
  // the first write is handed to the thread pool; the rest wait in the buffer meanwhile
  for (let i = 0; i < 20; i++) out.write(`{"line":${i},"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}\n`);
  out.flushSync();
  out.write('{"after":true}\n');
  await out.close();
  const text = readFileSync(path, 'utf8');
  const m = /"(\d+) log line\(s\) dropped: stdout did not keep up/.exec(text);
  assert.ok(m !== null, text);
  const kept = text.split('\n').filter((l) => l.includes('"line"')).length;
  assert.equal(kept + Number(m[1]), 20, text);
  assert.ok(Number(m[1]) > 0 && kept > 0, text);
  assert.ok(text.endsWith('{"after":true}\n'), text);
});
