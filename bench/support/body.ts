// The JSON body every load generator sends: what the end-to-end sensor's data filter matches,
// a sequence number and send time for latency, and padding to a realistic ~250-byte webhook.

const PAD = 'x'.repeat(160);

/** The body of event `seq` scheduled at `sentMs`. */
export function eventBody(seq: number, sentMs: number): string {
  return `{"kind":"bench","seq":${seq},"sent":${sentMs.toFixed(3)},"message":"hello","pad":"${PAD}"}`;
}

/** A fixed body for closed-loop runs (autocannon sends the same bytes every time). */
export const FIXED_BODY = eventBody(0, 0);
