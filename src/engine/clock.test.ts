// `now` in Go templates (trigger parameters, data filter templates) follows the sensor's clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SensorSpec } from '../api/sensor/index.js';
import { ManualClock } from '../shared/clock.js';
import { makeEvent } from './event.js';
import { resolveParamValue } from './parameters.js';
import { compileSensor } from './sensor.js';

const event = makeEvent(
  {
    id: '1',
    source: 'webhook',
    subject: 'example',
    specversion: '1.0',
    type: 'webhook',
    datacontenttype: 'application/json',
    time: '2024-07-15T14:00:00Z',
  },
  '{"body":{"year":"2031"}}',
);

test('resolveParamValue: dataTemplate `now` reads the given clock, and follows it as it moves', () => {
  const clock = new ManualClock(Date.UTC(2031, 0, 2, 3, 4, 5));
  const src = { dependencyName: 'dep', dataTemplate: '{{ now | date "2006-01-02T15:04:05" }}' };
  assert.equal(resolveParamValue(src, { dep: event }, { clock })?.value, '2031-01-02T03:04:05');
  clock.advance(60_000);
  assert.equal(resolveParamValue(src, { dep: event }, { clock })?.value, '2031-01-02T03:05:05');
  // another clock gets its own compiled template, not the first clock's
  const other = new ManualClock(Date.UTC(1999, 11, 31, 23, 59, 59));
  assert.equal(resolveParamValue(src, { dep: event }, { clock: other })?.value, '1999-12-31T23:59:59');
});

test('compileSensor: the clock drives `now` in data filter templates and in trigger parameters', async () => {
  const clock = new ManualClock(Date.UTC(2031, 5, 1));
  const spec: SensorSpec = {
    dependencies: [
      {
        name: 'dep',
        eventSourceName: 'webhook',
        eventName: 'example',
        filters: {
          data: [
            {
              path: 'body.year',
              type: 'string',
              value: ['^2031$'],
              template: '{{ now | date "2006" }}',
            },
          ],
        },
      },
    ],
    triggers: [
      {
        template: {
          name: 't',
          http: {
            url: 'http://127.0.0.1:1/',
            payload: [{ src: { dependencyName: 'dep', dataTemplate: '{{ now | unixEpoch }}' }, dest: 'at' }],
          },
        },
      },
    ],
  };
  const sensor = await compileSensor(spec, { clock });
  const [verdict] = sensor.matchEvent(event);
  assert.equal(verdict?.passed, true, JSON.stringify(verdict?.reasons));
  const resolved = sensor.resolveTrigger('t', { dep: event });
  assert.deepEqual(resolved.payload, { at: String(Date.UTC(2031, 5, 1) / 1000) });
  clock.advance(366 * 24 * 3600 * 1000); // into 2032: the filter's template now says 2032
  const [later] = sensor.matchEvent({ context: event.context, data: event.data });
  assert.equal(later?.passed, false, JSON.stringify(later?.reasons));
});
