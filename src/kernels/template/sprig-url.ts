/**
 * sprig's `urlParse` and `urlJoin` (url.go) over a port of the parts of Go's net/url they use.
 */
import { goBytes } from './go-strings.js';
import { GoError } from './func-types.js';
import { quoteBytes } from './go-strings.js';
import { mapGet, newMap, typeString, kindString, type GoMap } from './values.js';

interface GoURL {
  scheme: string;
  opaque: string;
  user: string | undefined;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

class URLError extends Error {}

function ishex(c: string): boolean {
  return /^[0-9a-fA-F]$/.test(c);
}

/** url.unescape for paths/fragments (mode: 'path' | 'fragment' | 'host' | 'user'). */
function unescape(s: string, mode: 'path' | 'fragment' | 'host' | 'user'): string {
  const bytes: number[] = [];
  const src = goBytes(s);
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as number;
    if (c === 0x25) {
      const h = String.fromCharCode(src[i + 1] ?? 0, src[i + 2] ?? 0);
      if (i + 2 >= src.length || !ishex(h[0] as string) || !ishex(h[1] as string)) {
        throw new URLError(`invalid URL escape ${quoteBytes(src.subarray(i, i + 3))}`);
      }
      const v = parseInt(h, 16);
      if (mode === 'host' && v < 0x80 && h !== '25') {
        throw new URLError(`invalid URL escape ${JSON.stringify('%' + h)}`);
      }
      bytes.push(v);
      i += 2;
      continue;
    }
    if (mode === 'host' && c < 0x80 && !/[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]/.test(String.fromCharCode(c))) {
      throw new URLError(`invalid character ${JSON.stringify(String.fromCharCode(c))} in host name`);
    }
    bytes.push(c);
  }
  return Buffer.from(bytes).toString('utf8');
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new URLError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (colonPort !== '' && !/^:\d*$/.test(colonPort))
      throw new URLError(`invalid port ${JSON.stringify(colonPort)} after host`);
    return unescape(host, 'host');
  }
  const i = host.lastIndexOf(':');
  if (i >= 0) {
    const colonPort = host.slice(i);
    if (!/^:\d*$/.test(colonPort)) throw new URLError(`invalid port ${JSON.stringify(colonPort)} after host`);
  }
  return unescape(host, 'host');
}

/** url.Parse (non-request form), enough for sprig's urlParse. */
function parseURL(raw: string): GoURL {
  const u: GoURL = {
    scheme: '',
    opaque: '',
    user: undefined,
    host: '',
    path: '',
    rawQuery: '',
    fragment: '',
  };
  const hashAt = raw.indexOf('#');
  const main = hashAt < 0 ? raw : raw.slice(0, hashAt);
  const frag = hashAt < 0 ? '' : raw.slice(hashAt + 1);
  const fail = (url: string, e: unknown): never => {
    if (e instanceof URLError)
      throw new GoError(`unable to parse url: parse ${JSON.stringify(url)}: ${e.message}`);
    throw e;
  };
  try {
    if (/[\x00-\x1f\x7f]/.test(main)) throw new URLError('net/url: invalid control character in URL');
    if (main === '*') {
      u.path = '*';
    } else {
      let rest: string;
      [u.scheme, rest] = getScheme(main);
      u.scheme = u.scheme.toLowerCase();
      if (rest.endsWith('?') && rest.split('?').length === 2) {
        rest = rest.slice(0, -1);
      } else {
        const q = rest.indexOf('?');
        if (q >= 0) {
          u.rawQuery = rest.slice(q + 1);
          rest = rest.slice(0, q);
        }
      }
      let opaque = false;
      if (!rest.startsWith('/')) {
        if (u.scheme !== '') {
          u.opaque = rest;
          opaque = true;
        } else {
          const seg = rest.split('/')[0] as string;
          if (seg.includes(':')) throw new URLError('first path segment in URL cannot contain colon');
        }
      }
      if (!opaque) {
        if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
          let authority = rest.slice(2);
          rest = '';
          const i = authority.indexOf('/');
          if (i >= 0) {
            rest = authority.slice(i);
            authority = authority.slice(0, i);
          }
          const at = authority.lastIndexOf('@');
          if (at >= 0) {
            const userinfo = authority.slice(0, at);
            if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo))
              throw new URLError('net/url: invalid userinfo');
            u.user = userinfo;
            u.host = parseHost(authority.slice(at + 1));
          } else {
            u.host = parseHost(authority);
          }
        }
        u.path = unescape(rest, 'path');
      }
    }
  } catch (e) {
    fail(main, e);
  }
  if (frag !== '') {
    try {
      u.fragment = unescape(frag, 'fragment');
    } catch (e) {
      fail(raw, e);
    }
  }
  return u;
}

function escapeUser(s: string): string {
  return s.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=]/g, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''),
  );
}

/** url.Userinfo.String(): user and password unescaped then re-escaped. */
function userString(userinfo: string): string {
  const colon = userinfo.indexOf(':');
  const user = unescape(colon < 0 ? userinfo : userinfo.slice(0, colon), 'user');
  if (colon < 0) return escapeUser(user);
  const pass = unescape(userinfo.slice(colon + 1), 'user');
  return escapeUser(user) + ':' + escapeUser(pass);
}

function hostname(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host.slice(1) : host.slice(1, end);
  }
  const c = host.lastIndexOf(':');
  return c >= 0 && /^:\d*$/.test(host.slice(c)) ? host.slice(0, c) : host;
}

export function urlParse(v: string): GoMap {
  const u = parseURL(v);
  const d = newMap();
  d.scheme = u.scheme;
  d.host = u.host;
  d.hostname = hostname(u.host);
  d.path = u.path;
  d.query = u.rawQuery;
  d.opaque = u.opaque;
  d.fragment = u.fragment;
  d.userinfo = u.user === undefined ? '' : userString(u.user);
  return d;
}

function getOrEmpty(d: GoMap, key: string): string {
  const v = mapGet(d, key);
  if (v === undefined) return '';
  if (typeof v !== 'string') {
    throw new GoError(
      `unable to parse ${key} key, must be of type string, but ${v === null ? 'invalid' : kindString(v)} found`,
    );
  }
  return v;
}

function escapePath(p: string): string {
  return p.replace(/[^A-Za-z0-9\-_.~$&+,/:;=@!'()*]/g, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''),
  );
}

export function urlJoin(d: GoMap | null): string {
  const m = d ?? newMap();
  const scheme = getOrEmpty(m, 'scheme');
  const host = getOrEmpty(m, 'host');
  const path = getOrEmpty(m, 'path');
  const query = getOrEmpty(m, 'query');
  const opaque = getOrEmpty(m, 'opaque');
  const fragment = getOrEmpty(m, 'fragment');
  const userinfo = getOrEmpty(m, 'userinfo');
  let out = '';
  if (scheme !== '') out += scheme + ':';
  if (opaque !== '') {
    out += opaque;
  } else {
    if (scheme !== '' || host !== '' || userinfo !== '') {
      if (host !== '' || path !== '' || userinfo !== '') out += '//';
      if (userinfo !== '') out += userinfo + '@';
      out += host;
    }
    const ep = escapePath(path);
    if (ep !== '' && ep[0] !== '/' && host !== '') out += '/';
    out += ep;
  }
  if (query !== '') out += '?' + query;
  if (fragment !== '') out += '#' + escapePath(fragment);
  void typeString;
  return out;
}
