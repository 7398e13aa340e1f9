/**
 * The HTTP servers of webhook-style sources (spec/eventsources.md §5.2): one server per port,
 * routes added as events start, `/health` on every port, gorilla/mux's answers for unknown
 * (404) and unclean (301) paths. A route's TLS mode is the one of the first route on its port.
 * A port speaking HTTPS answers a plain-HTTP request as Go does (400 "Client sent an HTTP
 * request to an HTTPS server.").
 *
 * Differences from upstream, on purpose: one pool per process for all webhook-style types (a
 * `webhook` and a `github` event can share a port); registering an endpoint that is already
 * active on its port is an error instead of silently routing to the first; a port whose routes
 * are all stopped closes its server (upstream keeps it until the process exits).
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { posix } from 'node:path';
import { Duplex } from 'node:stream';
import { SourceError } from '../../shared/errors.js';
import { sendText } from './respond.js';

/** Handles one request on a route; `params` holds the `{name}` path variables. */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
) => Promise<void>;

/** PEM text of a server certificate and key. */
export interface ServerTls {
  readonly cert: string;
  readonly key: string;
}

/** One route to add. */
export interface RouteOptions {
  readonly port: number;
  readonly endpoint: string;
  readonly handler: RouteHandler;
  /** Serve HTTPS on this port (only honoured when the route is the first on its port). */
  readonly tls?: ServerTls;
  /** Bind address. @default '0.0.0.0' (upstream listens on every interface) */
  readonly host?: string;
}

/** A registered route. */
export interface RouteHandle {
  /** The port actually listened on (differs from the requested one only for port 0). */
  readonly port: number;
  readonly tls: boolean;
  /**
   * Marks the route inactive (later requests get 400 `endpoint is inactive`), waits for its
   * requests in flight, and closes the port's server when no active route is left. Idempotent.
   */
  close(): Promise<void>;
}

interface Route {
  endpoint: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
  active: boolean;
  /** Requests whose handler has not finished. */
  inFlight: number;
  /** Called when inFlight drops to zero while the route closes. */
  onIdle: (() => void) | undefined;
}

interface PortServer {
  port: number;
  tls: boolean;
  routes: Map<string, Route>;
  server: Server;
  outer: NetServer | undefined;
  sockets: Set<Socket>;
  listening: Promise<number>;
}

/**
 * gorilla/mux path templates: `{name}` matches one segment, `{name:regex}` the regex.
 * Everything else is literal.
 */
function compileEndpoint(endpoint: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  let re = '';
  let i = 0;
  while (i < endpoint.length) {
    const open = endpoint.indexOf('{', i);
    if (open < 0) {
      re += escapeRe(endpoint.slice(i));
      break;
    }
    re += escapeRe(endpoint.slice(i, open));
    let depth = 0;
    let close = open;
    for (; close < endpoint.length; close++) {
      if (endpoint[close] === '{') depth++;
      else if (endpoint[close] === '}' && --depth === 0) break;
    }
    const inner = endpoint.slice(open + 1, close);
    const colon = inner.indexOf(':');
    names.push(colon < 0 ? inner : inner.slice(0, colon));
    re += `(${colon < 0 ? '[^/]+' : inner.slice(colon + 1)})`;
    i = close + 1;
  }
  return { pattern: new RegExp(`^${re}$`), names };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Go's `path.Clean` as gorilla/mux applies it (a trailing slash is kept). */
function cleanPath(p: string): string {
  // nothing to clean (the common case): no empty, `.` or `..` segment
  if (p.startsWith('/') && !p.includes('//') && !p.includes('/.')) return p;
  if (p === '') return '/';
  const withSlash = p.startsWith('/') ? p : `/${p}`;
  let np = posix.normalize(withSlash);
  if (np.length > 1 && np.endsWith('/') && !withSlash.endsWith('/')) np = np.slice(0, -1);
  if (withSlash.endsWith('/') && np !== '/' && !np.endsWith('/')) np += '/';
  return np.replace(/\/{2,}/g, '/');
}

/**
 * A stream that replays `first` and then relays `socket`. TLS cannot take the socket itself
 * once a byte was read from it (it reads the OS handle directly, so unshifted bytes are lost).
 */
function relay(socket: Socket, first: Buffer): Duplex {
  const duplex = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _enc, cb) {
      socket.write(chunk, cb);
    },
    final(cb) {
      socket.end();
      cb();
    },
    destroy(err, cb) {
      socket.destroy();
      cb(err);
    },
  });
  duplex.push(first);
  socket.on('data', (d: Buffer) => {
    if (!duplex.push(d)) socket.pause();
  });
  socket.on('end', () => duplex.push(null));
  socket.on('close', () => duplex.destroy());
  return duplex;
}

const HTTP_TO_HTTPS = 'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n';

/** The HTTP servers of one process. */
export class HttpServerPool {
  private readonly ports = new Map<number, PortServer>();

  /** Adds a route, starting the port's server if it is the first. Resolves once the port listens. */
  async register(options: RouteOptions): Promise<RouteHandle> {
    let ps = this.ports.get(options.port);
    if (ps === undefined) {
      ps = this.startServer(options);
      this.ports.set(options.port, ps);
    }
    const existing = ps.routes.get(options.endpoint);
    if (existing !== undefined && existing.active) {
      throw new SourceError(
        `endpoint "${options.endpoint}" on port ${options.port} is already served by another event`,
      );
    }
    const { pattern, names } = compileEndpoint(options.endpoint);
    const route: Route = {
      endpoint: options.endpoint,
      pattern,
      names,
      handler: options.handler,
      active: true,
      inFlight: 0,
      onIdle: undefined,
    };
    ps.routes.set(options.endpoint, route);
    let port: number;
    try {
      port = await ps.listening;
    } catch (err: unknown) {
      route.active = false;
      if (this.ports.get(options.port) === ps) this.ports.delete(options.port);
      throw new SourceError(
        `failed to listen on port ${options.port}: ${err instanceof Error ? err.message : String(err)}`,
        {
          cause: err,
          retryable: true,
        },
      );
    }
    const portServer = ps;
    let closing: Promise<void> | undefined;
    return {
      port,
      tls: ps.tls,
      close: () => {
        closing ??= (async () => {
          route.active = false;
          if (route.inFlight > 0) await new Promise<void>((resolve) => (route.onIdle = resolve));
          if ([...portServer.routes.values()].every((r) => !r.active)) await this.stopServer(portServer);
        })();
        return closing;
      },
    };
  }

  /** Closes every server (routes become unreachable). */
  async close(): Promise<void> {
    await Promise.all([...this.ports.values()].map((ps) => this.stopServer(ps)));
  }

  private startServer(options: RouteOptions): PortServer {
    const tls = options.tls !== undefined;
    const sockets = new Set<Socket>();
    const ps = { port: options.port, tls, routes: new Map<string, Route>(), sockets } as PortServer;
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => this.dispatch(ps, req, res);
    const server = tls
      ? createHttpsServer({ cert: options.tls!.cert, key: options.tls!.key }, onRequest)
      : createHttpServer(onRequest);
    ps.server = server;
    const track = (socket: Socket): void => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    };
    let listener: Server | NetServer = server;
    if (tls) {
      // Sniff the first byte: a TLS handshake starts with 0x16; anything else is plain HTTP,
      // which Go's server answers with a fixed 400 before closing.
      const outer = createNetServer((socket) => {
        track(socket);
        socket.once('data', (chunk: Buffer) => {
          if (chunk[0] === 0x16) server.emit('connection', relay(socket, chunk));
          else socket.end(HTTP_TO_HTTPS);
        });
        socket.on('error', () => socket.destroy());
      });
      ps.outer = outer;
      listener = outer;
    } else {
      server.on('connection', track);
    }
    ps.listening = new Promise<number>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(options.port, options.host ?? '0.0.0.0', () => {
        listener.off('error', reject);
        const addr = listener.address();
        resolve(typeof addr === 'object' && addr !== null ? addr.port : options.port);
      });
    });
    return ps;
  }

  private async stopServer(ps: PortServer): Promise<void> {
    if (this.ports.get(ps.port) === ps) this.ports.delete(ps.port);
    try {
      await ps.listening;
    } catch {
      return;
    }
    const listener: Server | NetServer = ps.outer ?? ps.server;
    const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
    // Every route of the port is inactive and its requests have finished, so the remaining
    // sockets are idle keep-alive ones: end them after their last write; destroy stragglers.
    for (const s of ps.sockets) s.destroySoon();
    const force = setTimeout(() => {
      for (const s of ps.sockets) s.destroy();
    }, 2000);
    await closed;
    clearTimeout(force);
  }

  private dispatch(ps: PortServer, req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q);
    if (path === '/health') {
      sendText(res, 200, 'OK');
      return;
    }
    let decoded = path;
    if (path.includes('%')) {
      try {
        decoded = decodeURIComponent(path);
      } catch {
        // not valid percent-encoding: matched as it is
      }
    }
    const clean = cleanPath(decoded);
    if (clean !== decoded) {
      res.writeHead(301, { Location: clean + query });
      res.end();
      return;
    }
    for (const route of ps.routes.values()) {
      const m = route.pattern.exec(decoded);
      if (m === null) continue;
      if (!route.active) {
        sendText(res, 400, 'endpoint is inactive');
        return;
      }
      const params: Record<string, string> = {};
      route.names.forEach((n, i) => (params[n] = m[i + 1] ?? ''));
      route.inFlight++;
      const done = (): void => {
        if (--route.inFlight === 0) route.onIdle?.();
      };
      let work: Promise<void>;
      try {
        work = route.handler(req, res, params);
      } catch (err: unknown) {
        // a handler that throws before returning its promise is answered (and counted) the same
        work = Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
      work.then(done, () => {
        if (!res.headersSent) sendText(res, 500, 'internal error');
        done();
      });
      return;
    }
    sendText(res, 404, '404 page not found\n');
  }
}
