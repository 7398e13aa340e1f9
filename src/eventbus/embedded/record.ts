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
  // its own memory, not a slice of Node's shared 8 KiB pool: the bus keeps recent records in its
  // tail cache, and a pooled slice would pin the whole slab (with whatever else was cut from it)
  const out = Buffer.allocUnsafeSlow(1 + 8 + 6 + s + e + i + r.data.byteLength);
  out[0] = VERSION;
  out.writeDoubleLE(r.timestamp, 1);
  let at = 9;
  for (const [text, len] of [
    [r.eventSourceName, s],
    [r.eventName, e],
    [r.id, i],
  ] as const) {
    out.writeUInt16LE(len, at);
    out.write(text, at + 2, len, 'utf8');
    at += 2 + len;
  }
  out.set(r.data, at);
  return out;
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
