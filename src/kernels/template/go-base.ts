/**
 * Go's encoding/base64 and encoding/base32 StdEncoding decoders as sprig's b64dec/b32dec use
 * them: padding required, `\r`/`\n` skipped, and on bad input the error text
 * `illegal base64 data at input byte N` is returned instead of data.
 */
import { goBytes } from './go-strings.js';
import { decodeUtf8Go } from './go-strings.js';

const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeMap(alphabet: string): Int16Array {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}
const b64map = decodeMap(b64);
const b32map = decodeMap(b32);

/** Generic port of Go's decodeQuantum loop for base64 (4 chars → 3 bytes) and base32 (8 → 5). */
function decode(src: Buffer, map: Int16Array, qlen: number, bits: number, what: string): Buffer | string {
  const out: number[] = [];
  let si = 0;
  const corrupt = (n: number): string => `illegal ${what} data at input byte ${n}`;
  while (si < src.length) {
    const dbuf: number[] = [];
    let dlen = qlen;
    let err: string | undefined;
    let j = 0;
    for (; j < qlen; j++) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out);
        return corrupt(si - j);
      }
      const c = src[si] as number;
      si++;
      const o = map[c] as number;
      if (o >= 0) {
        dbuf[j] = o;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        j--;
        continue;
      }
      if (c !== 0x3d) return corrupt(si - 1);
      // Padding: the rest of the quantum must be '=' (newlines allowed in between).
      const minData = qlen === 4 ? 2 : 2;
      if (j < minData) return corrupt(si - 1);
      if (qlen === 8 && ![2, 4, 5, 7].includes(j)) return corrupt(si - 1);
      let need = qlen - j - 1;
      while (need > 0) {
        while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== 0x3d) return corrupt(si - 1 + (qlen === 8 ? 1 : 0));
        si++;
        need--;
      }
      while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
      if (si < src.length) err = corrupt(si);
      dlen = j;
      break;
    }
    let val = 0n;
    for (let k = 0; k < qlen; k++) val = (val << BigInt(bits)) | BigInt(dbuf[k] ?? 0);
    const nbytes = Math.floor((dlen * bits) / 8);
    const total = (qlen * bits) / 8;
    for (let k = 0; k < nbytes; k++) out.push(Number((val >> BigInt(8 * (total - 1 - k))) & 0xffn));
    if (err !== undefined) return err;
    if (dlen < qlen) {
      while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
      if (si < src.length) return corrupt(si);
      return Buffer.from(out);
    }
  }
  return Buffer.from(out);
}

/** sprig b64dec. */
export function base64Decode(s: string): string {
  const r = decode(goBytes(s), b64map, 4, 6, 'base64');
  return typeof r === 'string' ? r : decodeUtf8Go(r);
}

/** sprig b32enc. */
export function base32Encode(s: string): string {
  const src = goBytes(s);
  let out = '';
  for (let i = 0; i < src.length; i += 5) {
    const chunk = src.subarray(i, i + 5);
    let val = 0n;
    for (let k = 0; k < 5; k++) val = (val << 8n) | BigInt(chunk[k] ?? 0);
    const nchars = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) {
      out += k < nchars ? b32[Number((val >> BigInt(35 - 5 * k)) & 31n)] : '=';
    }
  }
  return out;
}

/** sprig b32dec. */
export function base32Decode(s: string): string {
  // base32's Decode strips newlines first, so error offsets count without them.
  const r = decode(goBytes(s.replace(/[\r\n]/g, '')), b32map, 8, 5, 'base32');
  return typeof r === 'string' ? r : decodeUtf8Go(r);
}
