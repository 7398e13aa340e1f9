// The file source on a real directory: CREATE, WRITE and REMOVE with upstream's data shape,
// path vs pathRegexp matching, and polling mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileEventSource } from '../../api/eventsource/index.js';
import { systemClock } from '../../shared/clock.js';
import { fakeContext } from '../fake-context.test-support.js';
import { fileSource } from './index.js';

async function waitFor(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function withWatcher(
  config: FileEventSource,
  body: (emitted: string[]) => Promise<void>,
): Promise<void> {
  const f = fakeContext(config, systemClock);
  const running = fileSource.start(f.ctx);
  await f.ready;
  try {
    await body(f.emitted);
  } finally {
    f.controller.abort();
    await running;
  }
}

for (const [op, code] of [
  ['CREATE', 1],
  ['WRITE', 2],
  ['REMOVE', 4],
] as const) {
  test(`inotify mode: ${op} of a matching path emits {name, op: ${code}, metadata}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-file-'));
    const file = join(dir, 'x.txt');
    if (op !== 'CREATE') writeFileSync(file, 'a');
    await withWatcher(
      { eventType: op, watchPathConfig: { directory: `${dir}/`, path: 'x.txt' }, metadata: { k: 'v' } },
      async (emitted) => {
        writeFileSync(join(dir, 'other.txt'), 'ignored');
        if (op === 'CREATE') writeFileSync(file, 'a');
        if (op === 'WRITE') appendFileSync(file, 'b');
        if (op === 'REMOVE') rmSync(file);
        await waitFor(op, () => emitted.length === 1);
        assert.equal(emitted[0], `{"name":"${dir}/x.txt","op":${code},"metadata":{"k":"v"}}`);
      },
    );
  });
}

test('pathRegexp matches anywhere in the relative path; metadata is null when unset', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-file-'));
  await withWatcher(
    { eventType: 'CREATE', watchPathConfig: { directory: dir, pathRegexp: '\\.json$' } },
    async (emitted) => {
      writeFileSync(join(dir, 'a.txt'), '');
      writeFileSync(join(dir, 'b.json'), '');
      await waitFor('b.json', () => emitted.length === 1);
      // directory without a trailing slash: the relative path starts with "/", as upstream
      assert.equal(emitted[0], `{"name":"${dir}/b.json","op":1,"metadata":null}`);
    },
  );
});

test('polling mode reports the base name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-file-'));
  await withWatcher(
    { eventType: 'CREATE', polling: true, watchPathConfig: { directory: `${dir}/`, path: 'p.txt' } },
    async (emitted) => {
      writeFileSync(join(dir, 'p.txt'), 'x');
      await waitFor('p.txt', () => emitted.length === 1, 20_000);
      assert.equal(emitted[0], '{"name":"p.txt","op":1,"metadata":null}');
    },
  );
});

test('a missing directory fails the start (the runtime retries it)', async () => {
  const f = fakeContext<FileEventSource>(
    { eventType: 'CREATE', watchPathConfig: { directory: '/nonexistent/argus/dir/', path: 'x' } },
    systemClock,
  );
  await assert.rejects(fileSource.start(f.ctx), /failed to add directory/);
});
