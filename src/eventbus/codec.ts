/**
 * CloudEvents 1.0 structured JSON, as upstream writes it on the bus (spec/event-format.md §1):
 * attributes in upstream's order and the data as `data_base64`, because upstream hands sdk-go a
 * byte slice. Reading accepts both `data_base64` and inline `data`. Pure: no I/O.
 */
import { randomFillSync } from 'node:crypto';
import { rawMember } from '../engine/event.js';
import { BusError, ErrorCodes } from '../shared/errors.js';

export { formatRfc3339Nano } from '../shared/rfc3339.js';

/** A CloudEvent as it travels on the bus; `data` is the source's data document as bytes. */
export interface CloudEvent {
  /** Always `'1.0'` when written by Argus. */
  readonly specversion: string;
  readonly id: string;
  /** The EventSource name. */
  readonly source: string;
  /** The event source type string, e.g. `webhook`. */
  readonly type: string;
  /** The event name. */
  readonly subject: string;
  /** @default 'application/json' */
  readonly datacontenttype: string;
  /** RFC 3339 time with up to nanoseconds (Go `RFC3339Nano`). */
  readonly time: string;
  readonly data: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The attributes every event of one (source, event name) shares. */
export type CloudEventHead = Pick<
  CloudEvent,
  'specversion' | 'source' | 'type' | 'subject' | 'datacontenttype'
>;

/**
 * An encoder for the events of one (source, event name): the attributes they share are written
 * to JSON once, so each event costs its id, time and data only. Same bytes as {@link encodeCloudEvent}.
 */
export function cloudEventEncoder(
  head: CloudEventHead,
): (id: string, time: string, data: Uint8Array) => Buffer {
  const beforeId = `{"specversion":${JSON.stringify(head.specversion)},"id":`;
  const beforeTime =
    `,"source":${JSON.stringify(head.source)},"type":${JSON.stringify(head.type)}` +
    `,"subject":${JSON.stringify(head.subject)},"datacontenttype":${JSON.stringify(head.datacontenttype)},"time":`;
  return (id, time, data) =>
    Buffer.from(
      `${beforeId}${JSON.stringify(id)}${beforeTime}${JSON.stringify(time)},"data_base64":"${base64(data)}"}`,
    );
}

/** Writes the CloudEvent as upstream does: `specversion, id, source, type, subject, datacontenttype, time, data_base64`. */
export function encodeCloudEvent(event: CloudEvent): Uint8Array {
  return cloudEventEncoder(event)(event.id, event.time, event.data);
}

/** Standard base64 of the bytes, read in place (no copy of a Uint8Array that is not a Buffer). */
function base64(data: Uint8Array): string {
  return (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)).toString(
    'base64',
  );
}

function corrupt(message: string, cause?: unknown): BusError {
  return new BusError(ErrorCodes.BUS_CORRUPT, `cloudevent: ${message}`, cause === undefined ? {} : { cause });
}

function stringAttr(doc: Record<string, unknown>, name: string, required: boolean): string {
  const v = doc[name];
  if (typeof v === 'string') return v;
  if (v === undefined && !required) return '';
  throw corrupt(v === undefined ? `missing attribute "${name}"` : `attribute "${name}" is not a string`);
}

const STANDARD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Reads a structured-mode CloudEvent JSON document; throws BusError `ARGUS_BUS_CORRUPT` when it is not one. */
export function decodeCloudEvent(bytes: Uint8Array): CloudEvent {
  let text: string;
  let doc: unknown;
  try {
    text = decoder.decode(bytes);
    doc = JSON.parse(text);
  } catch (err) {
    throw corrupt('not valid UTF-8 JSON', err);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw corrupt('not a JSON object');
  const d = doc as Record<string, unknown>;
  const datacontenttype = stringAttr(d, 'datacontenttype', false) || 'application/json';
  let data: Uint8Array;
  if (d['data_base64'] !== undefined) {
    const b64 = d['data_base64'];
    if (typeof b64 !== 'string' || b64.length % 4 !== 0 || !STANDARD_BASE64.test(b64))
      throw corrupt('data_base64 is not standard base64');
    data = new Uint8Array(Buffer.from(b64, 'base64'));
  } else if (d['data'] !== undefined) {
    const isJson = /[/+]json(;|$)/i.test(datacontenttype);
    if (typeof d['data'] === 'string' && !isJson) data = encoder.encode(d['data']);
    else data = encoder.encode(rawMember(text, 'data') ?? JSON.stringify(d['data']));
  } else {
    data = new Uint8Array(0);
  }
  return {
    specversion: stringAttr(d, 'specversion', true),
    id: stringAttr(d, 'id', true),
    source: stringAttr(d, 'source', true),
    type: stringAttr(d, 'type', true),
    subject: stringAttr(d, 'subject', false),
    datacontenttype,
    time: stringAttr(d, 'time', false),
    data,
  };
}

/** Random bytes handed out 16 at a time by {@link newEventId}, refilled when used up. */
const idPool = Buffer.allocUnsafeSlow(16 * 256);
let idPoolAt = idPool.length;

/**
 * A fresh upstream-style event id: a random UUIDv4 (`uuid.New()`), its 16 bytes as 32 lowercase
 * hex digits. The bytes come from the CSPRNG in batches of 256 ids.
 */
export function newEventId(): string {
  if (idPoolAt === idPool.length) {
    randomFillSync(idPool);
    idPoolAt = 0;
  }
  const at = idPoolAt;
  idPoolAt += 16;
  idPool[at + 6] = (idPool[at + 6]! & 0x0f) | 0x40; // version 4
  idPool[at + 8] = (idPool[at + 8]! & 0x3f) | 0x80; // variant 10 (RFC 4122)
  return idPool.toString('hex', at, at + 16);
}
