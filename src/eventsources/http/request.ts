/**
 * Request helpers shared by webhook-style sources: Go's canonical header map, a body reader
 * bounded before parsing, and the `authSecret` bearer check (spec/eventsources.md §5.4).
 */
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { compareBytes, goString } from '../go-json.js';

/** A header name's canonical form and that form as a Go JSON string; names repeat on every request. */
interface CanonicalName {
  readonly key: string;
  readonly json: string;
}

const canonicalCache = new Map<string, CanonicalName>();
const CANONICAL_CACHE_MAX = 1024;

function canonicalName(raw: string): CanonicalName {
  let name = canonicalCache.get(raw);
  if (name === undefined) {
    const key = computeCanonicalHeaderKey(raw);
    name = { key, json: goString(key) };
    if (canonicalCache.size >= CANONICAL_CACHE_MAX) canonicalCache.clear();
    canonicalCache.set(raw, name);
  }
  return name;
}

/** Go's `textproto.CanonicalMIMEHeaderKey`: `content-type` → `Content-Type`; keys with invalid characters are left as they are. */
export function canonicalHeaderKey(key: string): string {
  return canonicalName(key).key;
}

function computeCanonicalHeaderKey(key: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key)) return key;
  let upper = true;
  let out = '';
  for (const c of key) {
    out += upper ? c.toUpperCase() : c.toLowerCase();
    upper = c === '-';
  }
  return out;
}

/** The value that replaces `Authorization` on routes with `authSecret`. */
export const MASKED_AUTH = '*** Masked Auth Secret ***';

/**
 * The request headers as Go's `http.Header` marshals to JSON: canonical keys in byte order, each
 * with the list of its values, `Host` and `Transfer-Encoding` left out (Go moves them out of the
 * map). Written straight from `rawHeaders`, without building the map first.
 */
export function headerJson(req: IncomingMessage, maskAuthorization: boolean): string {
  const raw = req.rawHeaders;
  const names: CanonicalName[] = [];
  const values: string[][] = [];
  let index: Map<string, number> | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = canonicalName(raw[i]!);
    const key = name.key;
    if (key === 'Host' || key === 'Transfer-Encoding') continue;
    let value = raw[i + 1]!;
    if (key === 'Authorization' && maskAuthorization && value !== '') value = MASKED_AUTH;
    // a scan finds a repeated name among the few of most requests; a map past that
    let at: number | undefined;
    if (index === undefined) {
      at = names.length - 1;
      while (at >= 0 && names[at]!.key !== key) at--;
      if (at < 0) at = undefined;
    } else at = index.get(key);
    if (at !== undefined) {
      values[at]!.push(value);
      continue;
    }
    names.push(name);
    values.push([value]);
    if (index !== undefined) index.set(key, names.length - 1);
    else if (names.length === 16) index = new Map(names.map((n, j) => [n.key, j]));
  }
  const order = names.map((_, i) => i).sort((a, b) => compareBytes(names[a]!.key, names[b]!.key));
  let out = '{';
  for (const i of order) {
    if (out.length > 1) out += ',';
    out += `${names[i]!.json}:[`;
    const list = values[i]!;
    for (let j = 0; j < list.length; j++) out += (j === 0 ? '' : ',') + goString(list[j]!);
    out += ']';
  }
  return out + '}';
}

/** The body was larger than allowed; Go's MaxBytesReader error text. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor() {
    super('http: request body too large');
  }
}

/** Most bytes read and thrown away after the limit before the connection is cut. */
const DISCARD_LIMIT = 16 * 1024 * 1024;

/**
 * Reads at most `limit` bytes of the body. A larger body rejects with BodyTooLargeError after
 * the rest is drained (up to 16 MiB, so the client sees the answer) or the socket is cut; the
 * excess is never buffered. A Content-Length above the limit is refused before reading.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    let discarded = 0;
    const onData = (chunk: Buffer): void => {
      if (tooLarge) {
        discarded += chunk.length;
        if (discarded > DISCARD_LIMIT) {
          req.off('data', onData);
          req.socket.destroy();
        }
        return;
      }
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (tooLarge) reject(new BodyTooLargeError());
      // most bodies arrive in one chunk: no copy then
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(tooLarge ? new BodyTooLargeError() : new Error('request aborted'));
    });
  });
}

/** Outcome of the bearer check: `undefined` means allowed, else the status and body to answer. */
export interface AuthRejection {
  readonly status: number;
  readonly body: string;
}

/**
 * Upstream's `authSecret` check: `Authorization` must start with `Bearer ` (case-sensitive)
 * and the rest must equal the token. Compared in constant time over SHA-256 digests, so the
 * comparison leaks neither content nor length.
 */
export function checkBearer(header: string | undefined, token: string): AuthRejection | undefined {
  const value = header ?? '';
  if (!value.startsWith('Bearer ')) return { status: 401, body: 'Invalid Authorization Header' };
  const given = createHash('sha256').update(value.slice('Bearer '.length)).digest();
  const want = createHash('sha256').update(token).digest();
  if (!timingSafeEqual(given, want)) return { status: 401, body: 'Invalid Auth token' };
  return undefined;
}

/** Go's `url.Values` as JSON-ready map: every key with all its values (`+` and `%XX` decoded). */
export function queryMap(query: string): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(query)) (map[k] ??= []).push(v);
  return map;
}
