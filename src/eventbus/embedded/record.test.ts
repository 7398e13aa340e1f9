import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BusError } from '../../shared/errors.js';
import { decodeRecord, encodeRecord, type MessageRecord } from './record.js';

const encode = (r: MessageRecord): Buffer => encodeRecord(r, r.timestamp);

test('a stored record reads back field for field, names and ids in any script, data byte for byte', () => {
  const data = new Uint8Array([0, 1, 2, 255, 123]);
  const r = {
    eventSourceName: 'wébhook',
    eventName: 'événement-😀',
    id: 'id-1',
    timestamp: 1_700_000_000_123.5,
    data,
  };
  const back = decodeRecord(encode(r));
  assert.deepEqual({ ...back, data: [...back.data] }, { ...r, data: [...data] });
  const nonAsciiId = decodeRecord(encode({ ...r, id: 'ïd-😀' }));
  assert.equal(nonAsciiId.id, 'ïd-😀');
  assert.deepEqual([...nonAsciiId.data], [...data]);
  const empty = decodeRecord(encode({ ...r, data: new Uint8Array(0) }));
  assert.equal(empty.data.byteLength, 0);
});

test('a corrupt or truncated record is a BusError naming what is wrong, never a wrong message', () => {
  const good = encode({
    eventSourceName: 'a',
    eventName: 'b',
    id: 'c',
    timestamp: 1,
    data: new Uint8Array(3),
  });
  assert.throws(
    () => decodeRecord(good.subarray(0, 12)),
    (e: unknown) => e instanceof BusError && /too short/.test(e.message),
  );
  const badVersion = Buffer.from(good);
  badVersion[0] = 9;
  assert.throws(() => decodeRecord(badVersion), /unknown version 9/);
  const earlierLayout = Buffer.from([0x85, 0xa1, 0x73]);
  assert.throws(
    () => decodeRecord(Buffer.concat([earlierLayout, Buffer.alloc(20)])),
    /written by an earlier Argus build/,
  );
  const badLength = Buffer.from(good);
  badLength.writeUInt16LE(500, 9);
  assert.throws(() => decodeRecord(badLength), /truncated/);
});

test('an id longer than 65535 bytes is refused at encode time', () => {
  assert.throws(
    () =>
      encode({
        eventSourceName: 'a',
        eventName: 'b',
        id: 'x'.repeat(70_000),
        timestamp: 1,
        data: new Uint8Array(),
      }),
    /longer than 65535 bytes/,
  );
});

test('records cut from a shared slab never overlap, and a large one gets memory of its own', () => {
  const records = Array.from({ length: 200 }, (_, i) =>
    encode({
      eventSourceName: 's',
      eventName: 'e',
      id: `id-${i}`,
      timestamp: i,
      data: new Uint8Array(700 + (i % 7)).fill(i % 251),
    }),
  );
  // every record still reads back as written once all of them exist (no later one overwrote it)
  records.forEach((r, i) => {
    const back = decodeRecord(r);
    assert.equal(back.id, `id-${i}`);
    assert.equal(back.data.byteLength, 700 + (i % 7));
    assert.ok(back.data.every((b) => b === i % 251));
  });
  const large = encode({
    eventSourceName: 's',
    eventName: 'e',
    id: 'big',
    timestamp: 0,
    data: new Uint8Array(20_000),
  });
  assert.equal(large.byteOffset, 0);
  assert.equal(large.buffer.byteLength, large.byteLength);
});

test('names of many (source, event) pairs, past the names cache bound, each read back as written', () => {
  for (let i = 0; i < 2500; i++) {
    const r = {
      eventSourceName: `src-${i % 50}`,
      eventName: `ev-${i}`,
      id: `${i}`,
      timestamp: i,
      data: new Uint8Array([i % 256]),
    };
    const back = decodeRecord(encode(r));
    assert.deepEqual({ ...back, data: [...back.data] }, { ...r, data: [i % 256] });
  }
  assert.throws(
    () =>
      encode({
        eventSourceName: 'é'.repeat(40_000),
        eventName: 'e',
        id: 'i',
        timestamp: 0,
        data: new Uint8Array(),
      }),
    /longer than 65535 bytes/,
  );
});
