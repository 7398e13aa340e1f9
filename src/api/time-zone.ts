/**
 * Go's `time.LoadLocation` as a yes/no check (kernels/go/zone.ts): `""` and `"UTC"` are UTC,
 * `"Local"` is the host zone, anything else must be an IANA zone name, matched with its case
 * (Go reads zone files by exact name, so `utc` and `europe/paris` are unknown there).
 */
import { Zone } from '../kernels/go/zone.js';

/** Whether Go's `time.LoadLocation(zone)` succeeds. */
export function isLoadableTimeZone(zone: string): boolean {
  try {
    Zone.load(zone);
    return true;
  } catch {
    return false;
  }
}

/** Go's error text for an unknown zone. */
export function unknownTimeZoneMessage(zone: string): string {
  return `unknown time zone ${zone}`;
}
