import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretRegistry, createLogger, formatPretty, formatRfc3339Nano } from './logging.js';
import { createSecretResolver } from './secrets.js';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function capture(): { lines: string[]; destination: { write(s: string): void } } {
  const lines: string[] = [];
  return { lines, destination: { write: (s: string) => void lines.push(s) } };
}

test('JSON lines carry upstream keys: level word, ts RFC 3339, logger, msg, fields', () => {
  const out = capture();
  const log = createLogger({ destination: out.destination, name: 'argo-events.sensor' });
  log.child({ sensorName: 's', triggerName: 't' }).info({ eventID: 'abc' }, 'trigger executed');
  const rec = JSON.parse(out.lines[0]!) as Record<string, unknown>;
  assert.equal(rec.level, 'info');
  assert.equal(rec.logger, 'argo-events.sensor');
  assert.equal(rec.msg, 'trigger executed');
  assert.equal(rec.sensorName, 's');
  assert.equal(rec.eventID, 'abc');
  assert.match(String(rec.ts), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
});

test('a resolved secret never appears in a log line, even logged by mistake', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-secrets-'));
  mkdirSync(join(dir, 'tok'));
  writeFileSync(join(dir, 'tok', 'value'), 'hunter2-"quoted"\n');
  const registry = new SecretRegistry();
  const secrets = createSecretResolver({ secretsDir: dir, registry });
  const value = secrets.secret({ name: 'tok', key: 'value' });
  assert.equal(value, 'hunter2-"quoted"');
  const out = capture();
  const log = createLogger({ destination: out.destination, secrets: registry });
  log.info({ header: value, headers: { authorization: 'Bearer x' } }, `oops ${value}`);
  assert.ok(!out.lines[0]!.includes('hunter2'), out.lines[0]);
  assert.ok(!out.lines[0]!.includes('Bearer x'), out.lines[0]);
});

test('secrets come from <dir>/<name>/<key> (one trailing newline trimmed) or the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-secrets-'));
  mkdirSync(join(dir, 'a'));
  writeFileSync(join(dir, 'a', 'k'), 'v\n\n');
  const s = createSecretResolver({ secretsDir: dir, env: { ARGUS_SECRET_MY_TOKEN_KEY_1: 'from-env' } });
  assert.equal(s.secret({ name: 'a', key: 'k' }), 'v\n');
  assert.equal(s.secret({ name: 'my-token', key: 'key.1' }), 'from-env');
  assert.throws(() => s.secret({ name: 'none', key: 'k' }), /secret "none\/k" not found/);
  assert.throws(() => s.secret({ name: '..', key: 'etc' }), /not found/);
});

test('pretty format is one readable line', () => {
  const line = formatPretty(
    '{"level":"info","ts":"2024-05-01T10:00:00.123Z","logger":"x","msg":"hello","a":1,"b":"two words"}',
  );
  assert.equal(line, '10:00:00.123 INFO  hello a=1 b="two words"\n');
  assert.ok(
    formatPretty('{"level":"warn","ts":"2024-05-01T10:00:00.5Z","msg":"m"}').startsWith(
      '10:00:00.500 WARN  m',
    ),
  );
  assert.ok(
    formatPretty('{"level":"warn","ts":"2024-05-01T10:00:00Z","msg":"m"}').startsWith('10:00:00.000 WARN  m'),
  );
});

test('RFC3339Nano trims zeros like Go', () => {
  assert.equal(formatRfc3339Nano(Date.UTC(2024, 4, 1, 10, 0, 0, 0)), '2024-05-01T10:00:00Z');
  assert.equal(formatRfc3339Nano(Date.UTC(2024, 4, 1, 10, 0, 0, 120)), '2024-05-01T10:00:00.12Z');
});

test('authorization, password and token fields are censored at any of three levels, whatever their case; the logged object is not changed', () => {
  const out = capture();
  const log = createLogger({ destination: out.destination });
  const fields = {
    Token: 'tok-1',
    req: { headers: { AUTHORIZATION: 'Bearer abc' } },
    config: { password: 'pw-2', user: 'u' },
  };
  log.child({ token: 'tok-3' }).info(fields, 'x');
  const line = out.lines[0]!;
  for (const secret of ['tok-1', 'Bearer abc', 'pw-2', 'tok-3']) assert.ok(!line.includes(secret), line);
  const rec = JSON.parse(line) as { config: { user: string; password: string } };
  assert.equal(rec.config.user, 'u');
  assert.equal(rec.config.password, '***');
  assert.equal(fields.config.password, 'pw-2', 'the caller object is left as it was');
});

test('RFC3339Nano: sub-millisecond nanos, fractional milliseconds and instants before 1970', () => {
  assert.equal(
    formatRfc3339Nano(Date.UTC(2024, 4, 1, 10, 0, 0, 123), 456789),
    '2024-05-01T10:00:00.123456789Z',
  );
  assert.equal(formatRfc3339Nano(Date.UTC(2024, 4, 1, 10, 0, 0, 0) + 0.5), '2024-05-01T10:00:00.0005Z');
  assert.equal(formatRfc3339Nano(-1), '1969-12-31T23:59:59.999Z');
  // the per-second cache does not leak between seconds
  assert.equal(formatRfc3339Nano(Date.UTC(2024, 4, 1, 10, 0, 1, 5)), '2024-05-01T10:00:01.005Z');
  assert.equal(formatRfc3339Nano(Date.UTC(2024, 4, 1, 10, 0, 0, 5)), '2024-05-01T10:00:00.005Z');
});
