import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareBytes, goMap } from './go-json.js';

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
