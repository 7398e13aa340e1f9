// The http trigger against a local HTTPS peer with a self-signed certificate.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HTTPTrigger } from '../../api/sensor/index.js';
import { systemClock } from '../../shared/clock.js';
import { TriggerError } from '../../shared/errors.js';
import { silentLogger } from '../../shared/logging.js';
import { createSecretResolver } from '../../shared/secrets.js';
import type { TriggerContext } from '../trigger-driver.js';
import { httpTrigger } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-http-tls-'));
mkdirSync(join(dir, 'ca'));
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'ca', 'crt'),
  ],
  { stdio: 'ignore' },
);
let hits = 0;
const server = createServer(
  { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'ca', 'crt')) },
  (req, res) => {
    hits++;
    req.resume();
    res.end('ok');
  },
);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `https://127.0.0.1:${(server.address() as { port: number }).port}/x`;
after(() => {
  server.closeAllConnections();
  server.close();
});

function context(): TriggerContext {
  const memo = new Map<string, unknown>();
  return {
    sensorName: 's',
    triggerName: 't',
    namespace: 'ns',
    log: silentLogger(),
    secrets: createSecretResolver({ secretsDir: dir }),
    clock: systemClock,
    signal: new AbortController().signal,
    memo: <T>(k: string, make: () => T): T => {
      if (!memo.has(k)) memo.set(k, make());
      return memo.get(k) as T;
    },
  };
}

async function run(spec: HTTPTrigger): Promise<number> {
  const ctx = context();
  return (await httpTrigger.execute(ctx, spec, {})).status;
}

test('a self-signed peer is refused with the system roots, accepted with caCertSecret or insecureSkipVerify', async () => {
  await assert.rejects(run({ url }), (err: unknown) => err instanceof TriggerError && err.retryable);
  assert.equal(hits, 0);
  assert.equal(await run({ url, tls: { caCertSecret: { name: 'ca', key: 'crt' } } }), 200);
  assert.equal(await run({ url, tls: { insecureSkipVerify: true } }), 200);
  assert.equal(hits, 2);
});
