// The webhook source on real sockets: upstream's answers for good and bad input, and nothing
// reaches emit() for bad input.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { systemClock } from '../../shared/clock.js';
import { silentLogger } from '../../shared/logging.js';
import { createSecretResolver } from '../../shared/secrets.js';
import { BusError, ErrorCodes } from '../../shared/errors.js';
import { HttpServerPool } from '../http/server-pool.js';
import type { WebhookEventSource } from '../../api/eventsource/types/webhook.js';
import type { SourceContext } from '../source-driver.js';
import { selfSigned } from '../../../test/support/certs.js';
import { webhookSource } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-webhook-'));
mkdirSync(join(dir, 'auth'));
writeFileSync(join(dir, 'auth', 'token'), 's3cret-token\n');
const cert = selfSigned(dir, 'server', 'localhost');
mkdirSync(join(dir, 'tls'));
writeFileSync(join(dir, 'tls', 'cert'), readFileSync(cert.certFile));
writeFileSync(join(dir, 'tls', 'key'), readFileSync(cert.keyFile));
const secrets = createSecretResolver({ secretsDir: dir });

interface Harness {
  emitted: string[];
  failed: number;
  port: number;
  fail: boolean;
  stop(): Promise<void>;
}

async function startWebhook(config: WebhookEventSource): Promise<Harness> {
  const pool = new HttpServerPool();
  const controller = new AbortController();
  const h: Harness = { emitted: [], failed: 0, port: 0, fail: false, stop: async () => {} };
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const ctx: SourceContext<WebhookEventSource> = {
    eventSourceName: 'webhook',
    eventName: 'example',
    namespace: 'argo-events',
    config: { ...config, port: '0' },
    emit: async (data) => {
      if (h.fail) throw new BusError(ErrorCodes.BUS_UNAVAILABLE, 'bus down', { retryable: true });
      h.emitted.push(Buffer.from(data).toString('utf8'));
      return { published: true, id: 'x' };
    },
    log: silentLogger(),
    signal: controller.signal,
    clock: systemClock,
    secrets,
    metrics: { processingFailed: () => void h.failed++, observeDuration: () => {} },
    http: pool,
    kv: () => Promise.reject(new Error('no kv')),
    ready: readyResolve,
  };
  // port 0 picks a free port; read it back from the pool's route
  const origRegister = pool.register.bind(pool);
  pool.register = async (o) => {
    const r = await origRegister(o);
    h.port = r.port;
    return r;
  };
  const running = webhookSource.start(ctx);
  await ready;
  h.stop = async () => {
    controller.abort();
    await running;
  };
  return h;
}

const plain = await startWebhook({
  endpoint: '/example',
  method: 'POST',
  port: '0',
  metadata: { team: 'a' },
  maxPayloadSize: 64,
});
const withAuth = await startWebhook({
  endpoint: '/secure',
  method: 'POST',
  port: '0',
  authSecret: { name: 'auth', key: 'token' },
});
const get = await startWebhook({ endpoint: '/get', method: 'GET', port: '0' });
const put = await startWebhook({ endpoint: '/put', method: 'PUT', port: '0' });
const tls = await startWebhook({
  endpoint: '/tls',
  method: 'POST',
  port: '0',
  serverCertSecret: { name: 'tls', key: 'cert' },
  serverKeySecret: { name: 'tls', key: 'key' },
});
after(async () => {
  for (const h of [plain, withAuth, get, put, tls]) await h.stop();
});

async function call(
  port: number,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { redirect: 'manual', ...init });
  return { status: res.status, body: await res.text() };
}

test('a JSON POST is recorded with canonical headers, compacted body and metadata', async () => {
  const r = await call(plain.port, '/example', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-custom-thing': 'v' },
    body: '{ "message" : "a<b", "n": 1.50 }',
  });
  assert.deepEqual(r, { status: 200, body: 'success' });
  const data = JSON.parse(plain.emitted.at(-1)!) as {
    header: Record<string, string[]>;
    body: unknown;
    metadata: unknown;
  };
  assert.deepEqual(data.header['Content-Type'], ['application/json']);
  assert.deepEqual(data.header['X-Custom-Thing'], ['v']);
  assert.equal(data.header['Host'], undefined);
  assert.deepEqual(data.metadata, { team: 'a' });
  assert.match(
    plain.emitted.at(-1)!,
    /"body":\{"message":"a\\u003cb","n":1\.50\},"metadata":\{"team":"a"\}\}$/,
  );
});

test('bad input gets upstream answers and nothing is emitted', async () => {
  const before = plain.emitted.length;
  assert.deepEqual(await call(plain.port, '/example', { method: 'GET' }), {
    status: 400,
    body: 'http method does not match',
  });
  assert.deepEqual(
    await call(plain.port, '/example', { method: 'POST', body: JSON.stringify({ x: 'y'.repeat(100) }) }),
    {
      status: 400,
      body: 'failed to parse request body, http: request body too large',
    },
  );
  const notJson = await call(plain.port, '/example', { method: 'POST', body: 'hello' });
  assert.equal(notJson.status, 400);
  assert.ok(
    notJson.body.startsWith('json: error calling MarshalJSON for type *json.RawMessage: '),
    notJson.body,
  );
  const empty = await call(plain.port, '/example', { method: 'POST', body: '' });
  assert.equal(
    empty.body,
    'json: error calling MarshalJSON for type *json.RawMessage: unexpected end of JSON input',
  );
  assert.deepEqual(await call(plain.port, '/nope', { method: 'POST', body: '{}' }), {
    status: 404,
    body: '404 page not found\n',
  });
  assert.equal((await call(plain.port, '//example', { method: 'POST', body: '{}' })).status, 301);
  assert.deepEqual(await call(plain.port, '/health'), { status: 200, body: 'OK' });
  assert.deepEqual(await call(put.port, '/put', { method: 'PUT', body: '{}' }), {
    status: 400,
    body: 'unsupoorted method: PUT',
  });
  assert.equal(plain.emitted.length, before);
  assert.equal(put.emitted.length, 0);
  assert.ok(plain.failed >= 3);
});

test('authSecret: missing or wrong bearer token is refused; a good one is masked in the data', async () => {
  const post = (auth?: string) =>
    call(withAuth.port, '/secure', {
      method: 'POST',
      body: '{}',
      headers: auth === undefined ? {} : { authorization: auth },
    });
  assert.deepEqual(await post(), { status: 401, body: 'Invalid Authorization Header' });
  assert.deepEqual(await post('bearer s3cret-token'), { status: 401, body: 'Invalid Authorization Header' });
  assert.deepEqual(await post('Bearer wrong'), { status: 401, body: 'Invalid Auth token' });
  assert.equal(withAuth.emitted.length, 0);
  assert.deepEqual(await post('Bearer s3cret-token'), { status: 200, body: 'success' });
  const data = JSON.parse(withAuth.emitted[0]!) as { header: Record<string, string[]> };
  assert.deepEqual(data.header['Authorization'], ['*** Masked Auth Secret ***']);
});

test('GET turns the query into the body', async () => {
  assert.deepEqual(await call(get.port, '/get?b=x&a=1&a=2'), { status: 200, body: 'success' });
  assert.match(get.emitted[0]!, /"body":\{"a":\["1","2"\],"b":\["x"\]\}\}$/);
});

test('urlencoded POST turns the form into the body', async () => {
  const r = await call(plain.port, '/example', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'k=v+w&k=2',
  });
  assert.equal(r.status, 200);
  assert.match(plain.emitted.at(-1)!, /"body":\{"k":\["v w","2"\]\}/);
});

test('bus failure answers 500 failed to record event', async () => {
  plain.fail = true;
  try {
    assert.deepEqual(await call(plain.port, '/example', { method: 'POST', body: '{}' }), {
      status: 500,
      body: 'failed to record event',
    });
  } finally {
    plain.fail = false;
  }
});

test("TLS: HTTPS works; plain HTTP to the TLS port gets Go's 400", async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port: tls.port, path: '/tls', method: 'POST', rejectUnauthorized: false },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end('{"a":1}');
  });
  assert.equal(status, 200);
  assert.equal(tls.emitted.length, 1);
  const raw = await new Promise<string>((resolve, reject) => {
    const s = connect(tls.port, '127.0.0.1', () =>
      s.write('POST /tls HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}'),
    );
    let text = '';
    s.on('data', (d) => (text += d.toString()));
    s.on('end', () => resolve(text));
    s.on('error', reject);
  });
  assert.match(raw, /^HTTP\/1\.0 400 Bad Request/);
  assert.match(raw, /Client sent an HTTP request to an HTTPS server/);
  assert.equal(tls.emitted.length, 1);
});

test('two events share a port; a stopped one answers 400 endpoint is inactive, the other keeps working', async () => {
  const pool = new HttpServerPool();
  const emitted: string[] = [];
  const start = (endpoint: string) => {
    const controller = new AbortController();
    let ready!: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    const ctx: SourceContext<WebhookEventSource> = {
      eventSourceName: 'webhook',
      eventName: endpoint.slice(1),
      namespace: 'ns',
      config: { endpoint, method: 'POST', port: String(sharedPort) },
      emit: (data) => {
        emitted.push(`${endpoint} ${Buffer.from(data).toString()}`);
        return Promise.resolve({ published: true, id: 'x' });
      },
      log: silentLogger(),
      signal: controller.signal,
      clock: systemClock,
      secrets,
      metrics: { processingFailed: () => {}, observeDuration: () => {} },
      http: pool,
      kv: () => Promise.reject(new Error('no kv')),
      ready,
    };
    const running = webhookSource.start(ctx);
    return { stop: async () => (controller.abort(), await running), ready: isReady };
  };
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const sharedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const one = start('/one');
  const two = start('/two');
  await Promise.all([one.ready, two.ready]);
  try {
    assert.equal((await call(sharedPort, '/one', { method: 'POST', body: '{}' })).status, 200);
    assert.equal((await call(sharedPort, '/two', { method: 'POST', body: '{}' })).status, 200);
    await one.stop();
    assert.deepEqual(await call(sharedPort, '/one', { method: 'POST', body: '{}' }), {
      status: 400,
      body: 'endpoint is inactive',
    });
    assert.equal((await call(sharedPort, '/two', { method: 'POST', body: '{}' })).status, 200);
    assert.equal(emitted.length, 3);
  } finally {
    await two.stop();
    await pool.close();
  }
});
