import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeEvent } from '../../engine/event.js';
import { ManualClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logging.js';
import { triggerContext } from '../fake-context.test-support.js';
import { goTimeString, logTrigger } from './index.js';

test('one info line per event with upstream fields; intervalSeconds throttles logging', async () => {
  const lines: string[] = [];
  const clock = new ManualClock(1000);
  const ctx = triggerContext({
    sensorName: 'log',
    triggerName: 'log-trigger',
    log: createLogger({
      destination: { write: (l: string) => void lines.push(l) },
      name: 'argo-events.sensor',
    }).child({
      sensorName: 'log',
      triggerName: 'log-trigger',
      triggerType: 'Log',
    }),
    clock,
  });

  const e = makeEvent(
    {
      id: '5e1c0c5f',
      source: 'webhook',
      specversion: '1.0',
      type: 'webhook',
      subject: 'example',
      datacontenttype: 'application/json',
      time: '2024-07-15T14:00:00.123456789Z',
    },
    '{"body":{"message":"hello"}}',
  );
  await logTrigger.execute(ctx, { intervalSeconds: 10 }, { 'test-dep': e });
  await logTrigger.execute(ctx, { intervalSeconds: 10 }, { 'test-dep': e });
  clock.advance(10_000);
  await logTrigger.execute(ctx, { intervalSeconds: 10 }, { 'test-dep': e });
  assert.equal(lines.length, 2);
  const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.equal(rec.msg, '{"body":{"message":"hello"}}');
  assert.equal(rec.triggerType, 'Log');
  assert.equal(rec.dependencyName, 'test-dep');
  assert.equal(
    rec.eventContext,
    '{"id": "5e1c0c5f", "source": "webhook", "specversion": "1.0", "type": "webhook", "datacontenttype": "application/json", "subject": "example", "time": "2024-07-15 14:00:00.123456789 +0000 UTC"}',
  );
});

test('Go time.String of RFC 3339 values', () => {
  assert.equal(goTimeString('2024-01-02T03:04:05.600Z'), '2024-01-02 03:04:05.6 +0000 UTC');
  assert.equal(goTimeString('2024-01-02T03:04:05+01:00'), '2024-01-02 02:04:05 +0000 UTC');
  assert.equal(goTimeString(''), '0001-01-01 00:00:00 +0000 UTC');
});
