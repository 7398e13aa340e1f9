// One-shot HTTP requests used to detect readiness and to send single events.
import { request } from 'node:http';

/** Sends one request; resolves with the status code, or undefined when the connection failed. */
export async function httpStatus(
  url: string,
  method = 'GET',
  body?: string,
  timeoutMs = 2000,
): Promise<number | undefined> {
  return await new Promise((resolveStatus) => {
    const req = request(url, {
      method,
      timeout: timeoutMs,
      headers:
        body === undefined
          ? {}
          : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolveStatus(res.statusCode));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolveStatus(undefined));
    req.end(body);
  });
}
