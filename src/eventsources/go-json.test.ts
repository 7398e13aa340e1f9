import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoJsonSyntaxError, compactJson, compareBytes, goMap, goString } from './go-json.js';

test('compareBytes orders like the UTF-8 bytes (Go map keys), surrogate pairs included', () => {
  const alphabet = ['a', 'b', 'Z', '-', 'é', '\u00ff', '\ud7ff', '\ue000', '\uffff', '😀', '😁', '𝄞'];
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const word = (): string => Array.from({ length: rand(4) }, () => alphabet[rand(alphabet.length)]!).join('');
  for (let i = 0; i < 5000; i++) {
    const a = word();
    const b = i % 3 === 0 ? a + word() : word();
    assert.equal(compareBytes(a, b), Buffer.compare(Buffer.from(a), Buffer.from(b)), `${a} vs ${b}`);
  }
});

test('goMap sorts keys byte-wise: U+E000 sorts before an astral character', () => {
  assert.equal(goMap({ '😀': 'x', '\ue000': 'y', b: 'z' }), '{"b":"z","\ue000":"y","😀":"x"}');
});

test('compactJson: whitespace outside strings removed, kept inside; HTML-unsafe characters escaped; compact input returned as is', () => {
  assert.equal(compactJson(' { "a" : [1, 2.50 ,"x y"] ,\n"b":{} } '), '{"a":[1,2.50,"x y"],"b":{}}');
  assert.equal(
    compactJson('{"h":"<b>&</b>\u2028"}'),
    '{"h":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\\u2028"}',
  );
  assert.equal(compactJson('{"n":1e3,"s":"a\\"b"}'), '{"n":1e3,"s":"a\\"b"}');
  assert.throws(() => compactJson('{"a":}'), GoJsonSyntaxError);
});

test('goString escapes like Go: quotes, control characters and HTML-unsafe characters', () => {
  assert.equal(goString('plain'), '"plain"');
  assert.equal(goString('a<b>&"\n'), '"a\\u003cb\\u003e\\u0026\\"\\n"');
});
