import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawMember } from '../engine/event.js';
import {
  cloudEventEncoder,
  decodeCloudEvent,
  encodeCloudEvent,
  formatRfc3339Nano,
  newEventId,
} from './codec.js';
import { BusError } from '../shared/errors.js';
import { fnv1a32, upstreamConsumerName } from './bus.js';
import { parseStreamConfig } from './stream-config.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

// the upstream example from spec/event-format.md §1
const upstream =
  '{"specversion":"1.0","id":"5e1c0c5f0d2a4b0e9a3f6f7d1c2b3a49","source":"webhook","type":"webhook","subject":"example","datacontenttype":"application/json","time":"2024-05-01T10:00:00.123456789Z","data_base64":"eyJoZWFkZXIiOnsiQ29udGVudC1UeXBlIjpbImFwcGxpY2F0aW9uL2pzb24iXX0sImJvZHkiOnsibWVzc2FnZSI6ImhpIn19"}';

test('decodes the upstream envelope and encodes it back byte for byte', () => {
  const ev = decodeCloudEvent(enc.encode(upstream));
  assert.equal(ev.id, '5e1c0c5f0d2a4b0e9a3f6f7d1c2b3a49');
  assert.equal(ev.source, 'webhook');
  assert.equal(ev.subject, 'example');
  assert.equal(
    dec.decode(ev.data),
    '{"header":{"Content-Type":["application/json"]},"body":{"message":"hi"}}',
  );
  assert.equal(dec.decode(encodeCloudEvent(ev)), upstream);
});

test('accepts inline data: JSON keeps its text, a string with a non-JSON type gives its bytes', () => {
  const a = decodeCloudEvent(
    enc.encode(
      '{"specversion":"1.0","id":"1","source":"s","type":"t","data":{"n":1.50,"b":"x"},"subject":"e"}',
    ),
  );
  assert.equal(dec.decode(a.data), '{"n":1.50,"b":"x"}');
  assert.equal(a.datacontenttype, 'application/json');
  const b = decodeCloudEvent(
    enc.encode(
      '{"specversion":"1.0","id":"1","source":"s","type":"t","datacontenttype":"text/plain","data":"hello"}',
    ),
  );
  assert.equal(dec.decode(b.data), 'hello');
  const c = decodeCloudEvent(
    enc.encode('{"specversion":"1.0","id":"1","source":"s","type":"t","data":"hello"}'),
  );
  assert.equal(dec.decode(c.data), '"hello"');
});

test('rejects what is not a CloudEvent with ARGUS_BUS_CORRUPT', () => {
  for (const bad of [
    'not json',
    '[]',
    '{"id":"1"}',
    '{"specversion":"1.0","id":1,"source":"s","type":"t"}',
    '{"specversion":"1.0","id":"1","source":"s","type":"t","data_base64":"@@"}',
  ]) {
    assert.throws(
      () => decodeCloudEvent(enc.encode(bad)),
      (e: unknown) => e instanceof BusError && e.code === 'ARGUS_BUS_CORRUPT',
      bad,
    );
  }
});

test('rawMember finds top-level members only', () => {
  assert.equal(rawMember('{"a":{"data":1},"data" : [1, {"x":"]"}] ,"z":2}', 'data'), '[1, {"x":"]"}]');
  assert.equal(rawMember('{"a":"data"}', 'data'), undefined);
});

test('formats RFC3339Nano like Go', () => {
  assert.equal(formatRfc3339Nano(Date.UTC(2024, 4, 1, 10, 0, 0, 0)), '2024-05-01T10:00:00Z');
  assert.equal(formatRfc3339Nano(Date.UTC(2024, 4, 1, 10, 0, 0, 120)), '2024-05-01T10:00:00.12Z');
  assert.equal(
    formatRfc3339Nano(Date.UTC(2024, 4, 1, 10, 0, 0, 123), 456789),
    '2024-05-01T10:00:00.123456789Z',
  );
});

test('event ids are random UUIDv4s as 32 lowercase hex digits, never repeating', () => {
  const seen = new Set<string>();
  // more than one refill of the random pool (256 ids)
  for (let i = 0; i < 600; i++) {
    const id = newEventId();
    assert.match(id, /^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/, 'version 4, variant 10');
    seen.add(id);
  }
  assert.equal(seen.size, 600);
});

test('the per-(source, event) encoder writes the same bytes as encodeCloudEvent, data read in place', () => {
  const backing = new Uint8Array([9, 9, 0x7b, 0x7d, 0xff, 9]);
  const data = backing.subarray(2, 5); // a view: only these bytes are the data
  const head = {
    specversion: '1.0',
    source: 'wé"b',
    type: 'webhook',
    subject: 'e<1>',
    datacontenttype: 'application/json',
  };
  const encode = cloudEventEncoder(head);
  const bytes = encode('id-1', '2026-01-02T03:04:05.5Z', data);
  assert.deepEqual(
    [...bytes],
    [...encodeCloudEvent({ ...head, id: 'id-1', time: '2026-01-02T03:04:05.5Z', data })],
  );
  const back = decodeCloudEvent(bytes);
  assert.deepEqual([...back.data], [0x7b, 0x7d, 0xff]);
  assert.equal(back.source, 'wé"b');
  assert.equal(back.subject, 'e<1>');
});

test('upstream consumer names: FNV-1a 32 of sensor-trigger-dependency', () => {
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c);
  assert.equal(upstreamConsumerName('mysensor', 'mytrigger', 'dep1'), 'group-1883644677'); // spec/eventbus.md §2.4
});

test('stream config: upstream YAML keys, case-insensitive, Go durations', () => {
  const l = parseStreamConfig(
    'maxMsgs: 100\nMAXAGE: 1h30m\nmaxBytes: -1\nreplicas: 1\nduplicates: 2m\ndiscard: 1',
  );
  assert.equal(l.maxMsgs, 100);
  assert.equal(l.maxAgeMs, 5_400_000);
  assert.equal(l.replicas, 1);
  assert.equal(l.duplicatesMs, 120_000);
  assert.equal(l.discard, 1);
  assert.equal(l.retention, 0);
  assert.equal(parseStreamConfig('').maxMsgs, 50_000);
  assert.throws(() => parseStreamConfig('retention: 3'), /invalid int for RetentionPolicy: 3/);
  assert.equal(parseStreamConfig('duplicates: 300ms').duplicatesMs, 300);
  assert.equal(parseStreamConfig('maxAge: 168h').maxAgeMs, 604_800_000);
  assert.equal(parseStreamConfig('maxAge: "1500000000"').maxAgeMs, 1_500); // no unit: nanoseconds
  assert.throws(
    () => parseStreamConfig('maxAge: 5 minutes'),
    /streamConfig\.maxAge: time: unknown unit " minutes"/,
  );
});
