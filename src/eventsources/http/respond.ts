/** Plain-text answers as upstream writes them (spec/eventsources.md §5.5). */
import type { ServerResponse } from 'node:http';

/** Writes `status` and `body` as `text/plain; charset=utf-8` and ends the response. */
export function sendText(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
