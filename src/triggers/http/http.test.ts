// The http trigger against a local HTTP sink on a real socket.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeEvent } from '../../engine/event.js';
import { ManualClock } from '../../shared/clock.js';
import { TriggerError } from '../../shared/errors.js';
import type { HTTPTrigger } from '../../api/sensor/index.js';
import type { TriggerContext } from '../trigger-driver.js';
import { triggerContext } from '../fake-context.test-support.js';
import { httpTrigger } from './index.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['rawHeaders'];
  body: string;
}
const seen: Seen[] = [];
let status = 200;
const sink = createServer((req, res) => {
  let body = '';
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.rawHeaders, body });
    if (req.url === '/slow') return; // never answers
    if (req.url === '/redirect') {
      res.writeHead(302, { Location: '/target' });
      res.end();
      return;
    }
    res.writeHead(status);
    res.end('ignored');
  });
});
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
const port = (sink.address() as { port: number }).port;
after(() => {
  sink.closeAllConnections();
  sink.close();
});

const dir = mkdtempSync(join(tmpdir(), 'argus-http-'));
mkdirSync(join(dir, 'creds'));
writeFileSync(join(dir, 'creds', 'user'), 'alice\n');
writeFileSync(join(dir, 'creds', 'pass'), 'pw\n');
writeFileSync(join(dir, 'creds', 'token'), 'tok\n');

const ctx: TriggerContext = triggerContext({ namespace: 'argo-events', secretsDir: dir });

const event = makeEvent(
  {
    id: 'e1',
    source: 'webhook',
    specversion: '1.0',
    type: 'webhook',
    subject: 'example',
    datacontenttype: 'application/json',
    time: '2024-05-01T10:00:00Z',
  },
  '{"body":{"message":"hi","n":1.50,"path":"/p"}}',
);
const events = { dep: event };

async function run(spec: HTTPTrigger, policy?: { status: { allow: number[] } }) {
  const resource = httpTrigger.applyParameters(ctx, await httpTrigger.fetchResource(ctx, spec), events);
  const result = await httpTrigger.execute(ctx, resource, events);
  await httpTrigger.applyPolicy(ctx, result, policy);
  return result;
}

test('payload, parameters, headers, secureHeaders and basicAuth reach the sink', async () => {
  seen.length = 0;
  const r = await run({
    url: `http://127.0.0.1:${port}/base`,
    payload: [{ src: { dependencyName: 'dep', dataKey: 'body.message' }, dest: 'msg' }],
    parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.path' }, dest: 'url', operation: 'append' }],
    headers: { 'Content-Type': 'application/json', serviceToken: 'abc' },
    dynamicHeaders: [{ src: { dependencyName: 'dep', dataKey: 'body.message' }, dest: 'X-Msg' }],
    secureHeaders: [{ name: 'X-Token', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }],
    basicAuth: { username: { name: 'creds', key: 'user' }, password: { name: 'creds', key: 'pass' } },
  });
  assert.equal(r.status, 200);
  const s = seen[0]!;
  assert.equal(s.method, 'POST');
  assert.equal(s.url, '/base/p');
  assert.equal(s.body, '{"msg":"hi"}');
  const h = Object.fromEntries(
    Array.from({ length: s.headers.length / 2 }, (_, i) => [s.headers[2 * i]!, s.headers[2 * i + 1]!]),
  );
  assert.equal(h['serviceToken'], 'abc'); // names go out as written
  assert.equal(h['X-Msg'], 'hi');
  assert.equal(h['X-Token'], 'tok');
  assert.equal(h['Authorization'], `Basic ${Buffer.from('alice:pw').toString('base64')}`);
});

test('without policy any status succeeds; policy.status.allow rejects others (5xx retryable, 4xx not)', async () => {
  status = 500;
  try {
    assert.equal((await run({ url: `http://127.0.0.1:${port}/x`, method: 'PUT' })).status, 500);
    await assert.rejects(
      run({ url: `http://127.0.0.1:${port}/x` }, { status: { allow: [200] } }),
      (err: unknown) => {
        assert.ok(err instanceof TriggerError);
        assert.equal(
          err.message,
          'policy application resulted in failure. http response status 500 is not allowed',
        );
        assert.equal(err.retryable, true);
        return true;
      },
    );
    status = 404;
    await assert.rejects(
      run({ url: `http://127.0.0.1:${port}/x` }, { status: { allow: [200] } }),
      (err: unknown) => {
        assert.ok(err instanceof TriggerError && !err.retryable);
        return true;
      },
    );
  } finally {
    status = 200;
  }
});

test('timeout fails the attempt as a retryable timeout', async () => {
  await assert.rejects(run({ url: `http://127.0.0.1:${port}/slow`, timeout: 1 }), (err: unknown) => {
    assert.ok(err instanceof TriggerError);
    assert.equal(err.code, 'ARGUS_TRIGGER_TIMEOUT');
    assert.equal(err.retryable, true);
    return true;
  });
});

test('connection refused is a retryable failure; redirects are followed', async () => {
  await assert.rejects(
    run({ url: 'http://127.0.0.1:1/x' }),
    (err: unknown) => err instanceof TriggerError && err.retryable,
  );
  seen.length = 0;
  await run({ url: `http://127.0.0.1:${port}/redirect` });
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    ['POST /redirect', 'GET /target'],
  );
});

test("Go templates in parameters, payload and dynamic headers read `now` from the sensor's clock", async () => {
  seen.length = 0;
  const clock = new ManualClock(Date.parse('2031-06-01T12:00:00Z'));
  const year = { dependencyName: 'dep', dataTemplate: '{{ now | date "2006" }}' };
  const spec: HTTPTrigger = {
    url: `http://127.0.0.1:${port}/y`,
    payload: [{ src: year, dest: 'year' }],
    parameters: [{ src: year, dest: 'url', operation: 'append' }],
    dynamicHeaders: [{ src: year, dest: 'X-Year' }],
  };
  const clocked: TriggerContext = { ...ctx, clock };
  const resource = httpTrigger.applyParameters(
    clocked,
    await httpTrigger.fetchResource(clocked, spec),
    events,
  );
  await httpTrigger.execute(clocked, resource, events);
  const s = seen[0]!;
  assert.equal(s.url, '/y2031');
  assert.equal(s.body, '{"year":"2031"}');
  assert.equal(s.headers[s.headers.indexOf('X-Year') + 1], '2031');
});
