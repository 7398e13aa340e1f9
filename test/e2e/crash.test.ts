// Given `argus run` as a real process with an at-least-once sensor, when it is killed with
// SIGKILL mid-stream and started again, then every event that got a 2xx has fired at least once.
// Also: SIGTERM stops it gracefully with exit code 0.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startSink, waitFor, type Sink } from './support.js';

const repo = resolve(import.meta.dirname, '..', '..');
const children = new Set<ChildProcess>();
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function manifests(dir: string, port: number, sink: Sink): void {
  writeFileSync(
    join(dir, 'es.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: crash}
spec:
  webhook:
    example: {port: "${port}", endpoint: /example, method: POST}
`,
  );
  writeFileSync(
    join(dir, 'sensor.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: crash}
spec:
  dependencies:
    - {name: d, eventSourceName: crash, eventName: example}
  triggers:
    - template:
        name: forward
        http:
          url: ${sink.url}/hook
          payload: [{src: {dependencyName: d, dataKey: body.id}, dest: id}]
      atLeastOnce: true
`,
  );
}

function startArgus(
  dir: string,
  dataDir: string,
): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const child = spawn(
    process.execPath,
    [
      join(repo, 'bin', 'argus.js'),
      'run',
      dir,
      '--data-dir',
      dataDir,
      '--admin-port',
      '0',
      '--log-level',
      'warn',
    ],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exited, output: () => out };
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;
  } catch {
    return false;
  }
}

test('SIGKILL mid-stream with atLeastOnce: every event that got a 2xx fires after restart', async () => {
  const sink = await startSink();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'argus-crash-'));
  const dataDir = join(dir, '.data');
  manifests(dir, port, sink);
  try {
    const first = startArgus(dir, dataDir);
    await waitFor('argus to listen', () => healthy(port), 30_000);
    const accepted = new Set<string>();
    let n = 0;
    let killed = false;
    const sender = async (): Promise<void> => {
      while (!killed || n < 5) {
        const id = `e${n++}`;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/example`, {
            method: 'POST',
            body: JSON.stringify({ id }),
          });
          if (res.status === 200) accepted.add(id);
          await res.arrayBuffer();
        } catch {
          if (killed) return; // the process is gone: later requests cannot be accepted
        }
      }
    };
    const senders = Array.from({ length: 8 }, sender);
    await waitFor('some events accepted', () => accepted.size >= 150, 30_000);
    first.child.kill('SIGKILL');
    killed = true;
    await first.exited;
    await Promise.all(senders);
    const firedBefore = new Set(sink.requests.map((r) => (JSON.parse(r.body) as { id: string }).id));
    const pendingAtKill = [...accepted].filter((id) => !firedBefore.has(id)).length;
    const second = startArgus(dir, dataDir);
    await waitFor('argus to listen again', () => healthy(port), 30_000);
    const fired = (): Set<string> =>
      new Set(sink.requests.map((r) => (JSON.parse(r.body) as { id: string }).id));
    await waitFor(
      `all ${accepted.size} accepted events at the sink (${pendingAtKill} had not fired when the process was killed)`,
      () => [...accepted].every((id) => fired().has(id)),
      60_000,
    );
    assert.ok(accepted.size >= 150);
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.output());
  } finally {
    await sink.close();
  }
});

test('SIGTERM stops intake, finishes in-flight work and exits 0; a second signal forces exit', async () => {
  const sink = await startSink();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'argus-term-'));
  manifests(dir, port, sink);
  try {
    const a = startArgus(dir, join(dir, '.data'));
    await waitFor('argus to listen', () => healthy(port), 30_000);
    const res = await fetch(`http://127.0.0.1:${port}/example`, { method: 'POST', body: '{"id":"last"}' });
    assert.equal(res.status, 200);
    a.child.kill('SIGTERM');
    assert.equal(await a.exited, 0, a.output());
    assert.equal(await healthy(port), false);
    // the accepted event either fired before the exit or is still on the bus and fires after a restart
    const again = startArgus(dir, join(dir, '.data'));
    await waitFor(
      'the accepted event to fire',
      () => sink.requests.some((r) => r.body === '{"id":"last"}'),
      30_000,
    );
    await waitFor('argus to listen', () => healthy(port), 30_000);
    again.child.kill('SIGTERM');
    assert.equal(await again.exited, 0, again.output());

    // a trigger stuck on a peer that never answers keeps the first SIGTERM waiting; the second forces the exit
    const hung: { seen: number } = { seen: 0 };
    const { createServer } = await import('node:http');
    const stuck = createServer(() => void hung.seen++);
    await new Promise<void>((r) => stuck.listen(0, '127.0.0.1', r));
    const stuckUrl = `http://127.0.0.1:${(stuck.address() as { port: number }).port}`;
    const dir2 = mkdtempSync(join(tmpdir(), 'argus-term2-'));
    const port2 = await freePort();
    manifests(dir2, port2, { url: stuckUrl, requests: [], close: () => Promise.resolve() });
    const b = startArgus(dir2, join(dir2, '.data'));
    try {
      await waitFor('argus to listen', () => healthy(port2), 30_000);
      assert.equal(
        (await fetch(`http://127.0.0.1:${port2}/example`, { method: 'POST', body: '{"id":"x"}' })).status,
        200,
      );
      await waitFor('the stuck peer to be called', () => hung.seen === 1);
      b.child.kill('SIGTERM');
      await waitFor('intake to stop', async () => !(await healthy(port2)));
      assert.equal(b.child.exitCode, null, 'still finishing the in-flight action');
      b.child.kill('SIGTERM');
      assert.equal(await b.exited, 130, b.output());
      assert.match(b.output(), /forced exit/);
    } finally {
      stuck.closeAllConnections();
      stuck.close();
    }
  } finally {
    await sink.close();
  }
});
