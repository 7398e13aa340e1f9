// Given the README's quickstart (examples/quickstart), when `argus run` is started on it and one
// JSON POST is sent, then both of the sensor's triggers fire — the log trigger logs the event and
// the HTTP trigger's request arrives back at the EventSource as a "forwarded" event, logged by the
// third trigger — and SIGINT stops the process with exit code 0.
// Runs the real CLI (bin/argus.js) in a child process; only the port is moved to a free one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, waitFor } from './support.js';

const repo = resolve(import.meta.dirname, '..', '..');

test('quickstart: one POST fires the log trigger and the HTTP trigger', async () => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'argus-quickstart-'));
  const manifests = join(dir, 'quickstart');
  mkdirSync(manifests);
  for (const file of ['event-source.yaml', 'sensor.yaml']) {
    const text = readFileSync(join(repo, 'examples', 'quickstart', file), 'utf8');
    const moved = text.replaceAll("'12000'", `'${port}'`).replaceAll('127.0.0.1:12000', `127.0.0.1:${port}`);
    assert.notEqual(moved, text, `${file} no longer uses port 12000; update this test`);
    writeFileSync(join(manifests, file), moved);
  }
  const child = spawn(
    process.execPath,
    [join(repo, 'bin', 'argus.js'), 'run', manifests, '--data-dir', join(dir, 'data'), '--admin-port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  let buffered = '';
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts)
      if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    await waitFor(
      'the webhook to listen',
      async () => {
        if (child.exitCode !== null) throw new Error(`argus exited early: ${stderr}`);
        return fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status === 200,
          () => false,
        );
      },
      60_000,
    );
    const res = await fetch(`http://127.0.0.1:${port}/example`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'hello' }),
    });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'success');

    const processed = (trigger: string) =>
      lines.some((l) => l['msg'] === `Successfully processed trigger '${trigger}'`);
    await waitFor(
      'all three triggers',
      () => ['log-event', 'forward-message', 'log-forwarded'].every(processed),
      30_000,
    );

    // The log trigger printed the event data; the forwarded event carries the HTTP trigger's body.
    const logged = lines.filter((l) => l['triggerName'] === 'log-event' && typeof l['msg'] === 'string');
    assert.ok(
      logged.some((l) => String(l['msg']).includes('"body":{"message":"hello"}')),
      'log-event printed the event',
    );
    const forwarded = lines.filter(
      (l) => l['triggerName'] === 'log-forwarded' && l['dependencyName'] === 'forwarded',
    );
    assert.ok(
      forwarded.some((l) => String(l['msg']).includes('"body":{"message":"hello"}')),
      'the HTTP trigger sent {"message":"hello"} to /forwarded',
    );
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0, `argus did not exit 0 on SIGINT: ${stderr}`);
});
