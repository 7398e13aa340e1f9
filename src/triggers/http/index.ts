/**
 * `http` trigger (upstream `pkg/sensors/triggers/http`, spec/triggers.md §5): sends the payload
 * to `url` with `method`, headers (plain, dynamic, secure), basic auth, a timeout and TLS. The
 * response body is never read; without `policy.status` every status counts as success.
 *
 * Uses undici's Agent (not global fetch): TLS options (CA, client certificate, skip-verify) go
 * to its connector, header names go out as written, and its request path costs about half the
 * CPU of node:http's.
 * Redirects are followed like Go's client (up to 10; 301/302/303 turn into a bodiless GET).
 * Differences from upstream, on purpose: `User-Agent`/`Accept-Encoding` are not added; a
 * response status rejected by `policy.status` is retryable for 5xx and 429 only (a 4xx is not
 * retried, upstream retries everything); TLS settings changed by parameters take effect (the
 * agent is cached per effective TLS settings, triggers.md §1.3 allows it); `timeout` bounds the
 * connection and the wait for the response headers each (Go's client bounds the whole exchange;
 * the body is never read here).
 */
import { Agent } from 'undici';
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

/** Connection pools of one trigger: one undici Agent per effective TLS settings and timeout. */
interface Clients {
  readonly agents: Map<string, Agent>;
}

/** Most connections per origin: at-most-once firings can be many at once; reusing sockets beats opening hundreds. */
const CONNECTIONS_PER_ORIGIN = 64;

function clientsOf(ctx: TriggerContext): Clients {
  return ctx.memo<Clients>('http.clients', () => {
    const clients: Clients = { agents: new Map() };
    // a stop abandons every request in flight by destroying the pools (no per-request listener)
    ctx.signal.addEventListener(
      'abort',
      () => {
        for (const a of clients.agents.values()) void a.destroy(new TriggerStopped()).catch(() => undefined);
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

function agentFor(clients: Clients, tls: Record<string, unknown> | undefined, timeoutMs: number): Agent {
  const key = `${timeoutMs} ${tls === undefined ? '' : JSON.stringify(tls)}`;
  let agent = clients.agents.get(key);
  if (agent === undefined) {
    agent = new Agent({
      connections: CONNECTIONS_PER_ORIGIN,
      // the timeout bounds the connection and, separately, the wait for the response headers
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connect: { timeout: timeoutMs, ...(tls ?? {}) },
    });
    clients.agents.set(key, agent);
  }
  return agent;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Sends the request, following redirects the way Go's client does. */
async function doRequest(
  ctx: TriggerContext,
  spec: HTTPTrigger,
  body: Buffer,
  headers: Record<string, string>,
): Promise<HttpResult> {
  const timeoutS = spec.timeout !== undefined && spec.timeout > 0 ? spec.timeout : DEFAULT_TIMEOUT_S;
  if (ctx.signal.aborted) throw new TriggerStopped();
  return requestWithRedirects(ctx, spec, body, headers, clientsOf(ctx), timeoutS);
}

async function requestWithRedirects(
  ctx: TriggerContext,
  spec: HTTPTrigger,
  body: Buffer,
  headers: Record<string, string>,
  clients: Clients,
  timeoutS: number,
): Promise<HttpResult> {
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
  let payload: Buffer | null = body;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TriggerError(
        `failed to execute trigger, unsupported protocol scheme "${url.protocol.replace(':', '')}"`,
        { triggerName: ctx.triggerName },
      );
    }
    let status: number;
    let location: string | undefined;
    try {
      const agent = agentFor(clients, url.protocol === 'https:' ? (tls ?? {}) : undefined, timeoutS * 1000);
      const res = await agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method,
        headers,
        body: payload,
      });
      // the body is never read; discard it so the connection is reused
      res.body.dump().catch(() => undefined);
      status = res.statusCode;
      const l = res.headers['location'];
      location = Array.isArray(l) ? l[0] : l;
    } catch (err: unknown) {
      const code = (err as { code?: unknown }).code;
      const timedOut = typeof code === 'string' && TIMEOUT_CODES.has(code) && !ctx.signal.aborted;
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
    if ([301, 302, 303, 307, 308].includes(status) && location !== undefined && hop < MAX_REDIRECTS) {
      url = new URL(location, url);
      if (status <= 303 && method !== 'HEAD') {
        method = 'GET';
        payload = null;
      }
      continue;
    }
    return { status };
  }
}

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
