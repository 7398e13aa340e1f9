/**
 * How the embedded bus stores one message in lmdb: a small binary layout instead of a packed
 * object, so a publish copies the CloudEvent bytes once and a read slices them without decoding.
 *
 *   u8 version (1) · f64 timestamp (ms, little-endian) · u16 len + UTF-8 eventSourceName ·
 *   u16 len + UTF-8 eventName · u16 len + UTF-8 id · data (the rest)
 *
 * Pure: no I/O.
 */
import { BusError, ErrorCodes } from '../../shared/errors.js';

const VERSION = 1;
const MAX_FIELD = 0xffff;

/** The stored fields of one message (its seq is the lmdb key). */
export interface MessageRecord {
  readonly eventSourceName: string;
  readonly eventName: string;
  readonly id: string;
  readonly timestamp: number;
  readonly data: Uint8Array;
}

/**
 * Records are cut from 64 KiB slabs of their own, not from Node's shared 8 KiB pool: the bus
 * keeps recent records in its tail cache, and a slice of the shared pool would pin whatever else
 * was cut from it. A slab holds records only, so what the cache pins is about the cache's own size
 * (plus at most one slab per record a consumer still holds). One slab allocation per ~60 records
 * instead of one per record spares the garbage collector a backing store each.
 */
const SLAB_BYTES = 64 * 1024;
/** Larger records get memory of their own. */
const SLAB_MAX_RECORD = 8 * 1024;
let slab = Buffer.allocUnsafeSlow(0);
let slabAt = 0;

function allocate(size: number): Buffer {
  if (size > SLAB_MAX_RECORD) return Buffer.allocUnsafeSlow(size);
  if (slabAt + size > slab.length) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabAt = 0;
  }
  const out = slab.subarray(slabAt, slabAt + size);
  slabAt = (slabAt + size + 7) & ~7; // 8-byte aligned, as a fresh allocation would be
  return out;
}

/**
 * The encoded name fields (`u16 len + eventSourceName · u16 len + eventName`) by source, then
 * event name: the same few pairs are written on every publish. Bounded.
 */
const namesCache = new Map<string, Map<string, Buffer>>();
const NAMES_CACHE_MAX = 1024;
let namesCached = 0;

function encodedNames(eventSourceName: string, eventName: string): Buffer {
  let byEvent = namesCache.get(eventSourceName);
  let names = byEvent?.get(eventName);
  if (names !== undefined) return names;
  const s = Buffer.byteLength(eventSourceName);
  const e = Buffer.byteLength(eventName);
  if (s > MAX_FIELD || e > MAX_FIELD) throw tooLong();
  names = Buffer.allocUnsafeSlow(4 + s + e);
  writeField(names, writeField(names, 0, eventSourceName, s), eventName, e);
  if (namesCached >= NAMES_CACHE_MAX) {
    namesCache.clear();
    namesCached = 0;
    byEvent = undefined;
  }
  if (byEvent === undefined) namesCache.set(eventSourceName, (byEvent = new Map()));
  byEvent.set(eventName, names);
  namesCached++;
  return names;
}

function tooLong(): BusError {
  return new BusError(
    ErrorCodes.BUS_UNAVAILABLE,
    'cannot publish: a name or the id is longer than 65535 bytes',
  );
}

/** Encodes `r` stored at `timestamp`; throws a BusError when a name or the id is longer than 65,535 UTF-8 bytes. */
export function encodeRecord(r: Omit<MessageRecord, 'timestamp'>, timestamp: number): Buffer {
  const names = encodedNames(r.eventSourceName, r.eventName);
  const id = r.id;
  const ascii = isAscii(id);
  const i = ascii ? id.length : Buffer.byteLength(id);
  if (i > MAX_FIELD) throw tooLong();
  const out = allocate(9 + names.length + 2 + i + r.data.byteLength);
  out[0] = VERSION;
  out.writeDoubleLE(timestamp, 1);
  out.set(names, 9);
  let at = 9 + names.length;
  if (ascii) {
    // writeField's layout, the bytes copied directly (no UTF-8 encoder call for an ASCII id)
    out.writeUInt16LE(i, at);
    at += 2;
    for (let k = 0; k < i; k++) out[at + k] = id.charCodeAt(k);
    at += i;
  } else at = writeField(out, at, id, i);
  out.set(r.data, at);
  return out;
}

function isAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 0x7f) return false;
  return true;
}

/** Writes `len` and the UTF-8 `text` at `at`; returns where the next field starts. */
function writeField(out: Buffer, at: number, text: string, len: number): number {
  out.writeUInt16LE(len, at);
  out.write(text, at + 2, len, 'utf8');
  return at + 2 + len;
}

function corrupt(what: string): BusError {
  return new BusError(ErrorCodes.BUS_CORRUPT, `embedded bus: stored message is corrupt (${what})`);
}

/** Decodes a stored record; `data` is a view into `bytes` (no copy). Throws BusError BUS_CORRUPT on a bad layout. */
export function decodeRecord(bytes: Uint8Array): MessageRecord {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 15) throw corrupt('too short');
  if (b[0] !== VERSION) {
    // 0x80–0x8f: a msgpack map, the layout of builds before this one
    if ((b[0]! & 0xf0) === 0x80)
      throw new BusError(
        ErrorCodes.BUS_CORRUPT,
        'embedded bus: this data dir was written by an earlier Argus build in another layout; move it away or start with a new --data-dir',
      );
    throw corrupt(`unknown version ${b[0]}`);
  }
  const timestamp = b.readDoubleLE(1);
  let at = 9;
  const field = (): string => {
    if (at + 2 > b.length) throw corrupt('truncated');
    const len = b.readUInt16LE(at);
    const end = at + 2 + len;
    if (end > b.length) throw corrupt('truncated');
    const text = b.toString('utf8', at + 2, end);
    at = end;
    return text;
  };
  const eventSourceName = field();
  const eventName = field();
  const id = field();
  return { eventSourceName, eventName, id, timestamp, data: b.subarray(at) };
}
