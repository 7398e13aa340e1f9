import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { goMap } from '../go-json.js';
import { MASKED_AUTH, canonicalHeaderKey, headerJson } from './request.js';

/** The plain way: Go's http.Header as a map, then marshalled. */
function reference(raw: string[], mask: boolean): string {
  const map: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = canonicalHeaderKey(raw[i]!);
    if (key === 'Host' || key === 'Transfer-Encoding') continue;
    const value = key === 'Authorization' && mask && raw[i + 1] !== '' ? MASKED_AUTH : raw[i + 1]!;
    (map[key] ??= []).push(value);
  }
  return goMap(map);
}

const request = (rawHeaders: string[]): IncomingMessage => ({ rawHeaders }) as unknown as IncomingMessage;

test('headerJson: canonical keys in byte order, repeats merged in order, Host and Transfer-Encoding left out', () => {
  const raw = [
    'host',
    'example.com',
    'x-b',
    '1',
    'Content-Type',
    'application/json',
    'X-B',
    '<2>',
    'transfer-encoding',
    'chunked',
    'x-a',
    'a&b',
    'authorization',
    'Bearer secret',
  ];
  const json = headerJson(request(raw), false);
  assert.equal(
    json,
    '{"Authorization":["Bearer secret"],"Content-Type":["application/json"],"X-A":["a\\u0026b"],"X-B":["1","\\u003c2\\u003e"]}',
  );
  assert.equal(json, reference(raw, false));
  assert.equal(headerJson(request(raw), true), reference(raw, true));
  assert.match(headerJson(request(raw), true), /"Authorization":\["\*\*\* Masked Auth Secret \*\*\*"\]/);
  assert.equal(headerJson(request([]), false), '{}');
});

test('headerJson: past sixteen names, repeats are still merged (the map path)', () => {
  const raw: string[] = [];
  for (let i = 0; i < 40; i++) raw.push(`x-h${i % 25}`, `v${i}`);
  const json = headerJson(request(raw), false);
  assert.equal(json, reference(raw, false));
  const parsed = JSON.parse(json) as Record<string, string[]>;
  assert.equal(Object.keys(parsed).length, 25);
  assert.deepEqual(parsed['X-H3'], ['v3', 'v28']);
});
