// The shared HTTP server on a real socket: path handling before a route is chosen, a failing
// handler, and a closing route waiting for the requests it is still answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { HttpServerPool } from './server-pool.js';
import { sendText } from './respond.js';

function call(port: number, path: string): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          ...(res.headers.location === undefined ? {} : { location: res.headers.location }),
        }),
      );
    });
    req.on('error', reject);
    req.end('{}');
  });
}

test('paths: percent-decoded before matching, cleaned with a 301, path variables passed on', async () => {
  const pool = new HttpServerPool();
  const seen: Record<string, string>[] = [];
  const route = await pool.register({
    port: 0,
    host: '127.0.0.1',
    endpoint: '/hooks/{name}',
    handler: (req, res, params) => {
      req.resume();
      seen.push(params);
      sendText(res, 200, 'success');
      return Promise.resolve();
    },
  });
  try {
    assert.equal((await call(route.port, '/hooks/a%20b')).status, 200);
    assert.deepEqual(seen, [{ name: 'a b' }]);
    // not valid percent-encoding: matched as it is
    assert.equal((await call(route.port, '/hooks/%zz')).status, 200);
    assert.deepEqual(seen[1], { name: '%zz' });
    for (const [path, clean] of [
      ['/hooks/./x', '/hooks/x'],
      ['/hooks//x', '/hooks/x'],
      ['/other/../hooks/x?a=1', '/hooks/x?a=1'],
    ] as const) {
      const r = await call(route.port, path);
      assert.equal(r.status, 301, path);
      assert.equal(r.location, clean, path);
    }
    assert.equal((await call(route.port, '/.hidden')).status, 404);
    assert.equal(seen.length, 2);
  } finally {
    await route.close();
  }
});

test('a handler that fails gets 500; close waits for the requests still being answered', async () => {
  const pool = new HttpServerPool();
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const inHandler = new Promise<void>((r) => (started = r));
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.url === '/?fail') throw new Error('boom');
    started();
    await held;
    sendText(res, 200, 'late');
  };
  const route = await pool.register({
    port: 0,
    host: '127.0.0.1',
    endpoint: '/',
    handler: (req, res) => {
      req.resume();
      // thrown before any promise exists: answered 500 the same, and not left counted in flight
      if (req.url === '/?throw') throw new Error('sync boom');
      return answer(req, res);
    },
  });
  assert.deepEqual(await call(route.port, '/?fail'), { status: 500, body: 'internal error' });
  assert.deepEqual(await call(route.port, '/?throw'), { status: 500, body: 'internal error' });
  const slow = call(route.port, '/');
  await inHandler;
  let closed = false;
  const closing = route.close().then(() => (closed = true));
  // the route is inactive at once, but close() waits for the request in its handler
  await new Promise((r) => setImmediate(r));
  assert.equal(closed, false);
  release();
  assert.deepEqual(await slow, { status: 200, body: 'late' });
  await closing;
  assert.equal(closed, true);
});
