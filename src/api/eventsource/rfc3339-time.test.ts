import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWith } from '../schema.js';
import { isRFC3339Time } from './rfc3339-time.js';
import { ResourceEventSourceCodec } from './types/resource.js';

void test('RFC 3339 times as Go parses them', () => {
  for (const ok of ['2019-04-06T12:52:11Z', '2019-04-06T12:52:11.123456789Z', '2024-02-29T00:00:00+05:30']) {
    assert.ok(isRFC3339Time(ok), ok);
  }
  for (const bad of [
    '',
    '2019-04-06',
    '2019-04-06 12:52:11Z',
    '2019-04-06T12:52:11',
    '2023-02-29T00:00:00Z',
    '2019-13-01T00:00:00Z',
    '2019-04-06T24:00:00Z',
    '2019-04-06t12:52:11z',
  ]) {
    assert.ok(!isRFC3339Time(bad), bad);
  }
});

void test('a malformed resource filter createdBy is a decode error', () => {
  const ok = decodeWith(ResourceEventSourceCodec, { filter: { createdBy: '2019-04-06T12:52:11Z' } });
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.value?.filter?.createdBy, '2019-04-06T12:52:11Z');
  const bad = decodeWith(ResourceEventSourceCodec, { filter: { createdBy: 'yesterday' } }, 'r');
  assert.deepEqual(
    bad.errors.map((e) => e.path),
    ['r.filter.createdBy'],
  );
  const wrongType = decodeWith(ResourceEventSourceCodec, { filter: { createdBy: 5 } }, 'r');
  assert.deepEqual(wrongType.errors, [
    { path: 'r.filter.createdBy', message: 'cannot decode number as string' },
  ]);
});
