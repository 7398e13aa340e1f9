// Publishing test events straight onto a bus, as a webhook EventSource would (CloudEvent with
// JSON data, a fresh upstream-style id), and reading a Sensor manifest for runtime tests.
import assert from 'node:assert/strict';
import { judgeDocuments } from '../../src/api/load.js';
import type { Sensor } from '../../src/api/sensor/index.js';
import type { Bus } from '../../src/eventbus/bus.js';
import { encodeCloudEvent, newEventId } from '../../src/eventbus/codec.js';

/** Publishes `data` (as JSON) as event `eventName` of EventSource `eventSourceName`. */
export async function publishJson(
  bus: Bus,
  eventSourceName: string,
  eventName: string,
  data: unknown,
  timeMs = Date.now(),
): Promise<void> {
  const id = newEventId();
  await bus.publish({
    eventSourceName,
    eventName,
    id,
    data: encodeCloudEvent({
      specversion: '1.0',
      id,
      source: eventSourceName,
      type: 'webhook',
      subject: eventName,
      datacontenttype: 'application/json',
      time: new Date(timeMs).toISOString(),
      data: new TextEncoder().encode(JSON.stringify(data)),
    }),
  });
}

/** The one Sensor of `yaml`, asserting that it is valid. */
export function validSensor(yaml: string): Sensor {
  const r = judgeDocuments([{ file: 's.yaml', text: yaml }]).resources[0]!;
  assert.deepEqual(r.errors, []);
  assert.equal(r.kind, 'Sensor');
  return r.resource as Sensor;
}
