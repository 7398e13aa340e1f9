/**
 * `webhook` source (upstream `pkg/eventsources/sources/webhook`): a plain HTTP endpoint. Request
 * handling, status codes and bodies follow spec/eventsources.md §5–§6; the data is
 * `{"header":…,"body":…,"metadata":…}` (event-format.md §5.2). The caller gets 200 only after
 * the bus holds the event durably, 500 `failed to record event` when it cannot.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_MAX_PAYLOAD_SIZE, type WebhookContext } from '../../api/eventsource/webhook-context.js';
import { validateWebhook, type WebhookEventSource } from '../../api/eventsource/types/webhook.js';
import { SourceError, errorMessage } from '../../shared/errors.js';
import { whenAborted } from '../../shared/lifecycle.js';
import { GoJsonSyntaxError, compactJson, goMap } from '../go-json.js';
import { sendText } from '../http/respond.js';
import { BodyTooLargeError, checkBearer, headerJson, queryMap, readBody } from '../http/request.js';
import type { ServerTls } from '../http/server-pool.js';
import type { SourceContext, SourceDriver } from '../source-driver.js';

/** Go's own limit on url-encoded form bodies (`http.Request.ParseForm`), in bytes. */
const FORM_LIMIT = 10 * 1024 * 1024;

/** Server certificate and key of a webhook context, when both secrets are set. */
export function readServerTls(ctx: SourceContext<unknown>, context: WebhookContext): ServerTls | undefined {
  if (context.serverCertSecret === undefined || context.serverKeySecret === undefined) return undefined;
  try {
    return {
      cert: ctx.secrets.secret(context.serverCertSecret),
      key: ctx.secrets.secret(context.serverKeySecret),
    };
  } catch (err: unknown) {
    throw new SourceError(`failed to read the server certificate or key: ${errorMessage(err)}`, {
      cause: err,
      eventSourceName: ctx.eventSourceName,
      eventName: ctx.eventName,
    });
  }
}

/**
 * Runs the `authSecret` check of spec §5.4; answers and returns false when the request is
 * refused. Reads the token on every request, as upstream reads the mounted file.
 */
export function authorize(
  ctx: SourceContext<unknown>,
  context: WebhookContext,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (context.authSecret === undefined) return true;
  let token: string;
  try {
    token = ctx.secrets.secret(context.authSecret);
  } catch {
    sendText(res, 500, 'Error loading auth token');
    return false;
  }
  const rejection = checkBearer(req.headers.authorization, token);
  if (rejection === undefined) return true;
  sendText(res, rejection.status, rejection.body);
  return false;
}

/** The `body` member of the data, by request method (spec §6 step 3); throws with the answer text. */
async function extractBody(req: IncomingMessage, limit: number): Promise<string> {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  if (req.method === 'GET') return goMap(queryMap(q < 0 ? '' : url.slice(q + 1)));
  if (req.method !== 'POST') throw new BadRequest(`unsupoorted method: ${req.method ?? ''}`);
  if (req.headers['content-type'] === 'application/x-www-form-urlencoded') {
    const form = await readBody(req, FORM_LIMIT);
    return goMap(queryMap(form.toString('utf8')));
  }
  let raw: Buffer;
  try {
    raw = await readBody(req, limit);
  } catch (err: unknown) {
    if (err instanceof BodyTooLargeError)
      throw new BadRequest(`failed to parse request body, ${err.message}`);
    throw err;
  }
  try {
    return compactJson(raw.toString('utf8'));
  } catch (err: unknown) {
    if (err instanceof GoJsonSyntaxError) {
      throw new BadRequest(`json: error calling MarshalJSON for type *json.RawMessage: ${err.message}`);
    }
    throw err;
  }
}

class BadRequest extends Error {}

/** Builds the handler of one webhook event. Exported for the webhook family's tests. */
export function webhookHandler(ctx: SourceContext<WebhookEventSource>) {
  const config = ctx.config;
  const limit =
    config.maxPayloadSize !== undefined && config.maxPayloadSize > 0
      ? config.maxPayloadSize
      : DEFAULT_MAX_PAYLOAD_SIZE;
  const metadata =
    config.metadata !== undefined && Object.keys(config.metadata).length > 0 ? config.metadata : undefined;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!authorize(ctx, config, req, res)) return;
    if (req.method !== (config.method ?? '')) {
      sendText(res, 400, 'http method does not match');
      return;
    }
    const started = ctx.clock.now();
    try {
      let body: string;
      try {
        body = await extractBody(req, limit);
      } catch (err: unknown) {
        ctx.metrics.processingFailed();
        if (err instanceof BadRequest) sendText(res, 400, err.message);
        else {
          ctx.log.warn({ err }, 'failed to read the request');
          sendText(res, 500, errorMessage(err));
        }
        return;
      }
      const header = headerJson(req, config.authSecret !== undefined);
      const data = `{"header":${header},"body":${body}${metadata === undefined ? '' : `,"metadata":${goMap(metadata)}`}}`;
      try {
        await ctx.emit(Buffer.from(data));
      } catch (err: unknown) {
        ctx.metrics.processingFailed();
        ctx.log.error({ err }, 'failed to dispatch the event');
        sendText(res, 500, 'failed to record event');
        return;
      }
      sendText(res, 200, 'success');
    } finally {
      ctx.metrics.observeDuration(Math.trunc(ctx.clock.now() - started));
    }
  };
}

export const webhookSource: SourceDriver<'webhook', WebhookEventSource> = {
  type: 'webhook',
  validate: validateWebhook,
  async start(ctx) {
    const config = ctx.config;
    const tls = readServerTls(ctx, config);
    const handler = webhookHandler(ctx);
    const route = await ctx.http.register({
      port: Number(config.port),
      endpoint: config.endpoint ?? '',
      handler,
      ...(tls === undefined ? {} : { tls }),
    });
    ctx.log.info(
      { port: route.port, endpoint: config.endpoint, 'http-method': config.method, tls: route.tls },
      'webhook endpoint active',
    );
    ctx.ready();
    await whenAborted(ctx.signal);
    await route.close();
  },
};
