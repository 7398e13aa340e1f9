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

/** Encodes `r`; throws a BusError when a name or the id is longer than 65,535 UTF-8 bytes. */
export function encodeRecord(r: MessageRecord): Buffer {
  const s = Buffer.byteLength(r.eventSourceName);
  const e = Buffer.byteLength(r.eventName);
  const i = Buffer.byteLength(r.id);
  if (s > MAX_FIELD || e > MAX_FIELD || i > MAX_FIELD)
    throw new BusError(
      ErrorCodes.BUS_UNAVAILABLE,
      'cannot publish: a name or the id is longer than 65535 bytes',
    );
  const out = allocate(1 + 8 + 6 + s + e + i + r.data.byteLength);
  out[0] = VERSION;
  out.writeDoubleLE(r.timestamp, 1);
  let at = writeField(out, 9, r.eventSourceName, s);
  at = writeField(out, at, r.eventName, e);
  at = writeField(out, at, r.id, i);
  out.set(r.data, at);
  return out;
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
