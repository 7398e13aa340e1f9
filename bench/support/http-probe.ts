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

/** Fetches `url` and resolves with its body text (undefined when it failed). */
export async function httpText(url: string, timeoutMs = 2000): Promise<string | undefined> {
  return await new Promise((resolveText) => {
    const req = request(url, { timeout: timeoutMs });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveText(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolveText(undefined));
    req.end();
  });
}

/** The sum of every series of counter `name` in argus's /metrics (0 when absent). */
export async function counterTotal(adminPort: number, name: string): Promise<number> {
  const text = (await httpText(`http://127.0.0.1:${adminPort}/metrics`)) ?? '';
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}
