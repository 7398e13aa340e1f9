/**
 * Go's `time.LoadLocation` as a yes/no check: `""` and `"UTC"` are UTC, `"Local"` is the host
 * zone, anything else must be an IANA zone name. Go reads zone files by exact name, so a name
 * that only differs in case from a real zone (`utc`, `europe/paris`) is unknown there; the
 * runtime's ICU data stands in for the zone files.
 */
export function isLoadableTimeZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  // ICU folds case; Go does not
  return resolved === zone || resolved.toLowerCase() !== zone.toLowerCase();
}

/** Go's error text for an unknown zone. */
export function unknownTimeZoneMessage(zone: string): string {
  return `unknown time zone ${zone}`;
}
