// Given NATS JetStream, an `argus eventsource` process and two `argus sensor` replicas of one
// Sensor, when the leader is killed with SIGKILL mid-stream, then the standby takes over within
// seconds and every event that got a 2xx fires (atLeastOnce).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';
import { freePort, startSink, waitFor } from './support.js';

const repo = resolve(import.meta.dirname, '..', '..');
const children = new Set<ChildProcess>();
let nats: NatsServer | undefined;
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await nats?.stop();
});

interface Proc {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

function argus(args: string[]): Proc {
  const child = spawn(process.execPath, [join(repo, 'bin', 'argus.js'), ...args, '--admin-port', '0'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, exited: new Promise((r) => child.once('exit', (code) => r(code))), output: () => out };
}

test('two sensor replicas: the leader is killed, the standby takes over, nothing is lost', async () => {
  nats = await startNatsServer();
  const sink = await startSink();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'argus-ha-'));
  writeFileSync(
    join(dir, 'es.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: ha}
spec:
  webhook:
    example: {port: "${port}", endpoint: /example, method: POST}
`,
  );
  writeFileSync(
    join(dir, 'sensor.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: ha}
spec:
  replicas: 2
  dependencies:
    - {name: d, eventSourceName: ha, eventName: example}
  triggers:
    - template:
        name: forward
        http:
          url: ${sink.url}/hook
          payload: [{src: {dependencyName: d, dataKey: body.id}, dest: id}]
      atLeastOnce: true
`,
  );
  try {
    const bus = ['--bus', nats.url];
    const a = argus(['sensor', '-f', join(dir, 'sensor.yaml'), ...bus]);
    await waitFor('replica A to lead and run', () => /"msg":"running"/.test(a.output()), 30_000);
    const b = argus(['sensor', '-f', join(dir, 'sensor.yaml'), ...bus]);
    await waitFor('replica B to campaign', () => /campaigning for leadership/.test(b.output()), 30_000);
    const es = argus(['eventsource', '-f', join(dir, 'es.yaml'), ...bus]);
    await waitFor('the webhook to listen', () => /webhook endpoint active/.test(es.output()), 30_000);
    assert.doesNotMatch(b.output(), /became leader/);

    const accepted = new Set<string>();
    let n = 0;
    let stop = false;
    const sender = async (): Promise<void> => {
      while (!stop) {
        const id = `e${n++}`;
        const res = await fetch(`http://127.0.0.1:${port}/example`, {
          method: 'POST',
          body: JSON.stringify({ id }),
        });
        await res.arrayBuffer();
        if (res.status === 200) accepted.add(id);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const senders = [sender(), sender()];
    await waitFor('events flowing through A', () => sink.requests.length >= 50, 30_000);
    a.child.kill('SIGKILL');
    await a.exited;
    // the lease lets B take over within seconds; the deadline only bounds a hang
    await waitFor('B to take over', () => /became leader/.test(b.output()), 20_000);
    await waitFor('events flowing through B', () => /Successfully processed/.test(b.output()), 20_000);
    stop = true;
    await Promise.all(senders);
    const fired = (): Set<string> =>
      new Set(sink.requests.map((r) => (JSON.parse(r.body) as { id: string }).id));
    // a delivery A held when it died comes back after JetStream's 30 s ack wait
    await waitFor(
      `all ${accepted.size} accepted events at the sink`,
      () => [...accepted].every((id) => fired().has(id)),
      90_000,
    );
    assert.ok(accepted.size > 50);
    b.child.kill('SIGTERM');
    es.child.kill('SIGTERM');
    assert.equal(await b.exited, 0, b.output().slice(-2000));
    assert.equal(await es.exited, 0, es.output().slice(-2000));
  } finally {
    await sink.close();
  }
});

test('two replicas of an active-passive EventSource (calendar): only the leader emits; the standby takes over', async () => {
  nats ??= await startNatsServer();
  const sink = await startSink();
  const dir = mkdtempSync(join(tmpdir(), 'argus-ha-cal-'));
  writeFileSync(
    join(dir, 'es.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: ticker}
spec:
  calendar:
    tick: {interval: 1s}
`,
  );
  writeFileSync(
    join(dir, 'sensor.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: ticks}
spec:
  dependencies:
    - {name: t, eventSourceName: ticker, eventName: tick}
  triggers:
    - template:
        name: forward
        http:
          url: ${sink.url}/tick
          payload: [{src: {dependencyName: t, dataKey: eventTime}, dest: t}]
`,
  );
  try {
    const bus = ['--bus', nats.url];
    const sensor = argus(['sensor', '-f', join(dir, 'sensor.yaml'), ...bus]);
    await waitFor('the sensor to run', () => /"msg":"running"/.test(sensor.output()), 30_000);
    const a = argus(['eventsource', '-f', join(dir, 'es.yaml'), ...bus]);
    await waitFor('replica A to lead', () => /became leader/.test(a.output()), 30_000);
    const b = argus(['eventsource', '-f', join(dir, 'es.yaml'), ...bus]);
    await waitFor('replica B to campaign', () => /campaigning for leadership/.test(b.output()), 30_000);
    await waitFor('ticks', () => sink.requests.length >= 4, 30_000);
    assert.doesNotMatch(b.output(), /became leader/);
    a.child.kill('SIGKILL');
    await a.exited;
    const before = sink.requests.length;
    await waitFor('B to take over', () => /became leader/.test(b.output()), 20_000);
    await waitFor('ticks from B', () => sink.requests.length >= before + 3, 20_000);
    const times = sink.requests.map((r) => (JSON.parse(r.body) as { t: string }).t.slice(0, 19));
    assert.equal(new Set(times).size, times.length, `a second emitted twice: ${times.join(', ')}`);
    b.child.kill('SIGTERM');
    sensor.child.kill('SIGTERM');
    assert.equal(await b.exited, 0, b.output().slice(-2000));
    assert.equal(await sensor.exited, 0, sensor.output().slice(-2000));
  } finally {
    await sink.close();
  }
});
