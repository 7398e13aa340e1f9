/**
 * Per-event facts shared by every filter of every dependency, computed once per event: whether
 * the data is valid JSON.
 */
import { valid } from '../../kernels/gjson-path/index.js';
import type { Event } from '../event.js';

const validity = new WeakMap<Event, boolean>();

/** Whether the event's data is valid JSON (cached per event object). */
export function isDataValidJSON(event: Event): boolean {
  let v = validity.get(event);
  if (v === undefined) {
    v = event.data !== null && valid(event.data);
    validity.set(event, v);
  }
  return v;
}

/** Shortens a value for a reason text. */
export function show(value: string, max = 80): string {
  const q = JSON.stringify(value);
  return q.length > max ? `${q.slice(0, max - 2)}…"` : q;
}
