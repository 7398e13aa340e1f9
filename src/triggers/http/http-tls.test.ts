// The http trigger against a local HTTPS peer with a self-signed certificate.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HTTPTrigger } from '../../api/sensor/index.js';
import { TriggerError } from '../../shared/errors.js';
import type { TriggerContext } from '../trigger-driver.js';
import { triggerContext } from '../fake-context.test-support.js';
import { httpTrigger } from './index.js';
import { selfSigned } from '../../../test/support/certs.js';

const dir = mkdtempSync(join(tmpdir(), 'argus-http-tls-'));
mkdirSync(join(dir, 'ca'));
const cert = selfSigned(dir, 'peer', '127.0.0.1', 'IP:127.0.0.1');
// the secret ca/crt (caCertSecret below) holds the peer's own certificate
writeFileSync(join(dir, 'ca', 'crt'), readFileSync(cert.certFile));
let hits = 0;
const server = createServer(
  { key: readFileSync(cert.keyFile), cert: readFileSync(cert.certFile) },
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
  return triggerContext({ secretsDir: dir });
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
