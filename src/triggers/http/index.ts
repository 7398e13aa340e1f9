/**
 * `http` trigger (upstream `pkg/sensors/triggers/http`, spec/triggers.md §5): sends the payload
 * to `url` with `method`, headers (plain, dynamic, secure), basic auth, a timeout and TLS. The
 * response body is never read; without `policy.status` every status counts as success.
 *
 * Uses node:http/node:https rather than fetch or undici: TLS options (CA, client certificate,
 * skip-verify) need an https Agent, header names must go out as written, and undici (about half
 * the CPU per request) cost ~30 MB more memory under load, over the quickstart's 100 MB budget.
 * No AbortController per request: a timer bounds each request and a stop destroys the trigger's
 * requests in flight.
 * Redirects are followed like Go's client (up to 10; 301/302/303 turn into a bodiless GET).
 * Differences from upstream, on purpose: `User-Agent`/`Accept-Encoding` are not added; a
 * response status rejected by `policy.status` is retryable for 5xx and 429 only (a 4xx is not
 * retried, upstream retries everything); TLS settings changed by parameters take effect (the
 * agent is cached per effective TLS settings, triggers.md §1.3 allows it); `timeout` bounds the
 * exchange up to the response headers (the body is never read here).
 */
import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { decodeWith, type Codec } from '../../api/schema.js';
import { HTTPTriggerCodec, type HTTPTrigger } from '../../api/sensor/index.js';
import type { TLSConfig } from '../../api/common.js';
import { applyParams, constructPayload, resolveParamValue, type EventMap } from '../../engine/parameters.js';
import { ErrorCodes, TriggerError, errorMessage } from '../../shared/errors.js';
import type { TriggerContext, TriggerDriver } from '../trigger-driver.js';

/** What the policy sees: the response status. */
export interface HttpResult {
  readonly status: number;
}

/** Default request timeout, in seconds (upstream). */
const DEFAULT_TIMEOUT_S = 60;
const MAX_REDIRECTS = 10;

function tlsOptions(ctx: TriggerContext, tls: TLSConfig | undefined): Record<string, unknown> | undefined {
  if (tls === undefined) return undefined;
  if (tls.insecureSkipVerify === true) return { rejectUnauthorized: false };
  const out: Record<string, unknown> = {};
  if (tls.caCertSecret !== undefined) out.ca = ctx.secrets.secret(tls.caCertSecret);
  if (tls.clientCertSecret !== undefined && tls.clientKeySecret !== undefined) {
    out.cert = ctx.secrets.secret(tls.clientCertSecret);
    out.key = ctx.secrets.secret(tls.clientKeySecret);
  }
  return out;
}

/** Builds the outgoing headers in upstream's order; names are kept as written. */
function buildHeaders(ctx: TriggerContext, spec: HTTPTrigger, events: EventMap): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.headers ?? {})) headers[k] = v;
  for (const p of spec.dynamicHeaders ?? []) {
    let v;
    try {
      v = resolveParamValue(p.src ?? {}, events, { clock: ctx.clock });
    } catch (err: unknown) {
      throw new TriggerError(
        `failed to resolve the value for dynamicHeader ${p.dest ?? ''}, ${errorMessage(err)}`,
        {
          cause: err,
          triggerName: ctx.triggerName,
        },
      );
    }
    if (v !== undefined) headers[p.dest ?? ''] = v.value;
  }
  for (const sh of spec.secureHeaders ?? []) {
    const from = sh.valueFrom ?? {};
    const value =
      from.secretKeyRef !== undefined
        ? ctx.secrets.secret(from.secretKeyRef)
        : from.configMapKeyRef !== undefined
          ? ctx.secrets.configMap(from.configMapKeyRef)
          : '';
    headers[sh.name ?? ''] = value;
  }
  if (spec.basicAuth !== undefined) {
    const user = spec.basicAuth.username === undefined ? '' : ctx.secrets.secret(spec.basicAuth.username);
    const pass = spec.basicAuth.password === undefined ? '' : ctx.secrets.secret(spec.basicAuth.password);
    for (const k of Object.keys(headers)) if (k.toLowerCase() === 'authorization') delete headers[k];
    headers['Authorization'] = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  }
  if (spec.host !== undefined && spec.host !== '') headers['Host'] = spec.host;
  return headers;
}

/** Connection pools of one trigger (a keep-alive agent per effective TLS settings) and its requests in flight. */
interface Clients {
  readonly http: HttpAgent;
  readonly https: Map<string, HttpsAgent>;
  /** Destroyed all at once when the trigger stops (one listener, not one per request). */
  readonly inFlight: Set<ClientRequest>;
}

/** Most sockets per origin: at-most-once firings can be many at once; reusing sockets beats opening hundreds. */
const SOCKETS_PER_ORIGIN = 64;

function clientsOf(ctx: TriggerContext): Clients {
  return ctx.memo<Clients>('http.clients', () => {
    const clients: Clients = {
      http: new HttpAgent({ keepAlive: true, maxSockets: SOCKETS_PER_ORIGIN }),
      https: new Map(),
      inFlight: new Set(),
    };
    ctx.signal.addEventListener(
      'abort',
      () => {
        for (const req of clients.inFlight) req.destroy(new TriggerStopped());
        clients.http.destroy();
        for (const a of clients.https.values()) a.destroy();
      },
      { once: true },
    );
    return clients;
  });
}

class TriggerStopped extends Error {
  override name = 'TriggerStopped';
  constructor() {
    super('the trigger was stopped');
  }
}

class RequestTimedOut extends Error {
  override name = 'RequestTimedOut';
}

function agentFor(clients: Clients, https: boolean, tls: Record<string, unknown> | undefined): HttpAgent {
  if (!https) return clients.http;
  const key = JSON.stringify(tls ?? {});
  let agent = clients.https.get(key);
  if (agent === undefined) {
    agent = new HttpsAgent({ keepAlive: true, maxSockets: SOCKETS_PER_ORIGIN, ...(tls ?? {}) });
    clients.https.set(key, agent);
  }
  return agent;
}

/**
 * One request; resolves with the response once its headers arrived (its body is discarded so
 * the socket is reused). `timeoutMs` bounds connecting, sending and waiting for the headers.
 */
function send(
  clients: Clients,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
  tls: Record<string, unknown> | undefined,
  timeoutMs: number,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const https = url.protocol === 'https:';
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const req = (https ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        host,
        ...(url.port === '' ? {} : { port: Number(url.port) }),
        path: `${url.pathname}${url.search}`,
        method,
        headers: { ...headers, 'Content-Length': String(body.length) },
        agent: agentFor(clients, https, tls),
        ...(url.username === ''
          ? {}
          : { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` }),
      },
      (res) => {
        clearTimeout(timer);
        clients.inFlight.delete(req);
        res.resume();
        resolve(res);
      },
    );
    const timer = setTimeout(() => req.destroy(new RequestTimedOut()), timeoutMs);
    clients.inFlight.add(req);
    req.on('error', (err) => {
      clearTimeout(timer);
      clients.inFlight.delete(req);
      reject(err);
    });
    req.end(body);
  });
}

/** Sends the request, following redirects the way Go's client does. */
async function doRequest(
  ctx: TriggerContext,
  spec: HTTPTrigger,
  body: Buffer,
  headers: Record<string, string>,
): Promise<HttpResult> {
  const timeoutS = spec.timeout !== undefined && spec.timeout > 0 ? spec.timeout : DEFAULT_TIMEOUT_S;
  if (ctx.signal.aborted) throw new TriggerStopped();
  const clients = clientsOf(ctx);
  const tls = tlsOptions(ctx, spec.tls);
  let url: URL;
  try {
    url = new URL(spec.url ?? '');
  } catch {
    throw new TriggerError(`failed to execute trigger, invalid url "${spec.url ?? ''}"`, {
      triggerName: ctx.triggerName,
    });
  }
  let method = spec.method !== undefined && spec.method !== '' ? spec.method : 'POST';
  let payload = body;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TriggerError(
        `failed to execute trigger, unsupported protocol scheme "${url.protocol.replace(':', '')}"`,
        { triggerName: ctx.triggerName },
      );
    }
    let res: IncomingMessage;
    try {
      res = await send(clients, url, method, headers, payload, tls, timeoutS * 1000);
    } catch (err: unknown) {
      const timedOut = err instanceof RequestTimedOut;
      throw new TriggerError(
        timedOut
          ? `failed to execute trigger, request to ${url.origin} timed out after ${timeoutS}s`
          : `failed to execute trigger, ${errorMessage(err)}`,
        {
          cause: err,
          retryable: true,
          triggerName: ctx.triggerName,
          ...(timedOut ? { code: ErrorCodes.TRIGGER_TIMEOUT } : {}),
        },
      );
    }
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if ([301, 302, 303, 307, 308].includes(status) && location !== undefined && hop < MAX_REDIRECTS) {
      url = new URL(location, url);
      if (status <= 303 && method !== 'HEAD') {
        method = 'GET';
        payload = EMPTY;
      }
      continue;
    }
    return { status };
  }
}

const EMPTY = Buffer.alloc(0);

export const httpTrigger: TriggerDriver<'http', HTTPTrigger, HTTPTrigger, HttpResult> = {
  type: 'http',
  fetchResource: (_ctx, spec) => Promise.resolve(spec),
  applyParameters(ctx, resource, events) {
    const params = resource.parameters ?? [];
    if (params.length === 0) return resource;
    const json = applyParams(JSON.stringify(resource), params, events, undefined, { clock: ctx.clock });
    const r = decodeWith(HTTPTriggerCodec as Codec<HTTPTrigger>, JSON.parse(json) as unknown);
    if (r.errors.length > 0 || r.value === undefined) {
      throw new TriggerError(
        `failed to apply the parameters: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
        {
          triggerName: ctx.triggerName,
        },
      );
    }
    return r.value;
  },
  async execute(ctx, resource, events) {
    const payload =
      resource.payload === undefined
        ? ''
        : constructPayload(resource.payload, events, undefined, { clock: ctx.clock });
    let headers: Record<string, string>;
    try {
      headers = buildHeaders(ctx, resource, events);
    } catch (err: unknown) {
      if (err instanceof TriggerError) throw err;
      throw new TriggerError(
        `invalid trigger ${ctx.triggerName}, could not find an implementation: ${errorMessage(err)}`,
        {
          cause: err,
          triggerName: ctx.triggerName,
        },
      );
    }
    return doRequest(ctx, resource, Buffer.from(payload, 'utf8'), headers);
  },
  applyPolicy(ctx, result, policy) {
    const allow = policy?.status?.allow;
    if (allow === undefined || allow.includes(result.status)) return Promise.resolve();
    return Promise.reject(
      new TriggerError(
        `policy application resulted in failure. http response status ${result.status} is not allowed`,
        {
          triggerName: ctx.triggerName,
          retryable: result.status >= 500 || result.status === 429,
        },
      ),
    );
  },
};
