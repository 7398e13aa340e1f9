/**
 * The event as the sensor sees it (upstream `v1alpha1.Event`): the CloudEvent context and the
 * data as text. Plain data, so it can be stored in the bus KV and sent to the UI as is.
 */
import type { EventContext } from '../api/sensor/index.js';
import { escapeComponent, get } from '../kernels/gjson-path/index.js';
import { ArgusError, ErrorCodes } from '../shared/errors.js';
import { marshalGoJSON, quoteGoString } from './go-json.js';

/** Every context attribute, `''` when unset (`time` too). */
export type EventContextValues = Required<EventContext>;

/** One event: CloudEvent context plus data. */
export interface Event {
  readonly context: EventContextValues;
  /** The data as UTF-8 text; `null` for an event without data. */
  readonly data: string | null;
}

const contextKeys = ['id', 'source', 'specversion', 'type', 'datacontenttype', 'subject', 'time'] as const;

/** Builds an event from a partial context (missing attributes are `''`). */
export function makeEvent(context: Partial<EventContext>, data: string | null): Event {
  const c = {} as Record<(typeof contextKeys)[number], string>;
  for (const k of contextKeys) c[k] = context[k] ?? '';
  return { context: c, data };
}

function invalid(message: string): ArgusError {
  return new ArgusError(ErrorCodes.VALIDATION, `invalid CloudEvent: ${message}`);
}

/**
 * The raw JSON text of the top-level member `name` of an object document (gjson's `Result.raw`),
 * so inline `data` keeps its original number spelling and key order (`1.50` stays `1.50`).
 * Assumes valid JSON; undefined when there is no such member.
 */
export function rawMember(json: string, name: string): string | undefined {
  const r = get(json, escapeComponent(name));
  return r.exists() ? r.raw : undefined;
}

const jsonMediaType = /^application\/(?:[\w.+-]+\+)?json\b|^text\/json\b/i;

/**
 * Decodes a CloudEvent in structured JSON mode (`event-format.md` §1): `data_base64` (base64 of
 * the data bytes) or `data` (its raw JSON text; a JSON string with a non-JSON content type gives
 * the string itself).
 * @throws ArgusError (ARGUS_VALIDATION) when the text is not a CloudEvent.
 */
export function parseCloudEvent(text: string): Event {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw invalid(`not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw invalid('not a JSON object');
  const o = doc as Record<string, unknown>;
  const context: Partial<EventContext> = {};
  for (const k of contextKeys) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw invalid(`attribute ${k} must be a string`);
    context[k] = v;
  }
  if (context.specversion === undefined) throw invalid('specversion is missing');
  if (context.id === undefined || context.id === '') throw invalid('id is missing');
  if (context.source === undefined || context.source === '') throw invalid('source is missing');
  if (context.type === undefined || context.type === '') throw invalid('type is missing');
  if (context.time !== undefined && context.time !== '' && Number.isNaN(Date.parse(context.time)))
    throw invalid(`time '${context.time}' is not RFC 3339`);
  let data: string | null = null;
  if (typeof o.data_base64 === 'string') {
    data = Buffer.from(o.data_base64, 'base64').toString('utf8');
  } else if (o.data !== undefined && o.data !== null) {
    if (typeof o.data === 'string' && !jsonMediaType.test(context.datacontenttype ?? 'application/json')) {
      data = o.data;
    } else {
      data = rawMember(text, 'data') ?? JSON.stringify(o.data);
    }
  }
  return makeEvent(context, data);
}

/** Serialises an event as a structured-mode CloudEvent (data as `data_base64`, as upstream writes it). */
export function formatCloudEvent(event: Event): string {
  const c = event.context;
  const out: Record<string, string> = {
    specversion: c.specversion || '1.0',
    id: c.id,
    source: c.source,
    type: c.type,
  };
  if (c.subject !== '') out.subject = c.subject;
  if (c.datacontenttype !== '') out.datacontenttype = c.datacontenttype;
  if (c.time !== '') out.time = c.time;
  if (event.data !== null) out.data_base64 = Buffer.from(event.data, 'utf8').toString('base64');
  return JSON.stringify(out);
}

/** Milliseconds since the epoch of the context `time`, or undefined when unset/unparsable. */
export function eventTimeMs(event: Event): number | undefined {
  if (event.context.time === '') return undefined;
  const t = Date.parse(event.context.time);
  return Number.isNaN(t) ? undefined : t;
}

/** `time` as Go's metav1.Time marshals it: RFC 3339 in UTC at second precision, or null. */
function goTimeJSON(event: Event): string {
  const t = eventTimeMs(event);
  if (t === undefined) return 'null';
  return quoteGoString(new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
}

/**
 * The context as upstream serialises it for `contextKey`/`contextTemplate` and the whole-event
 * form: all seven keys in this order, `time` at second precision in UTC (null when unset).
 */
export function contextJSON(event: Event): string {
  const c = event.context;
  return (
    `{"id":${quoteGoString(c.id)},"source":${quoteGoString(c.source)},"specversion":${quoteGoString(c.specversion)},` +
    `"type":${quoteGoString(c.type)},"datacontenttype":${quoteGoString(c.datacontenttype)},` +
    `"subject":${quoteGoString(c.subject)},"time":${goTimeJSON(event)}}`
  );
}

/** The "whole event" parameter value (`parameters.md` §3.2): context plus base64 data. */
export function wholeEventJSON(event: Event): string {
  const data = event.data === null ? 'null' : `"${Buffer.from(event.data, 'utf8').toString('base64')}"`;
  return `{"context":${contextJSON(event)},"data":${data}}`;
}

/** Replaces the data of an event (transforms), setting the content type to JSON as upstream does. */
export function withJSONData(event: Event, value: unknown): Event {
  return { context: { ...event.context, datacontenttype: 'application/json' }, data: marshalGoJSON(value) };
}
