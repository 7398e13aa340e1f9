/**
 * EventBus manifest → JetStream bus options, the way upstream's clients read them
 * (spec/eventbus.md §1.1–1.3, §2.1–2.2). Works on plain objects, so whoever integrates can pass a
 * parsed EventBus, its `spec`, or its finalized `status.config`; secrets are resolved through a
 * callback (files, env or Kubernetes, the caller decides).
 */
import { parse } from 'yaml';
import { ConfigError } from '../../shared/errors.js';
import { defaultStreamLimits, parseStreamConfig } from '../stream-config.js';
import type { StreamLimits } from '../stream-config.js';
import type { JetStreamBusOptions, JetStreamTlsOptions } from './jetstream-bus.js';

/** A Kubernetes `SecretKeySelector`. */
export interface SecretKeySelector {
  readonly name: string;
  readonly key: string;
  readonly optional?: boolean;
}

/** Returns the secret value (text); may throw when it is missing. */
export type SecretResolver = (selector: SecretKeySelector) => Promise<string> | string;

export interface EventBusMappingOptions {
  /**
   * Connect without TLS when the manifest has no `tls`. Upstream always uses TLS (without
   * verification when no `tls` is given); this opt-in is for local servers. @default false
   */
  readonly plaintext?: boolean;
}

/** What a server uses when a `streamConfig` key is missing (JetStream's own defaults, upstream's exotic case). */
const serverDefaults: StreamLimits = {
  maxMsgs: -1,
  maxAgeMs: 0,
  maxBytes: -1,
  replicas: 1,
  duplicatesMs: 120_000,
  retention: 0,
  discard: 0,
};

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function selector(v: unknown, path: string): SecretKeySelector | undefined {
  const r = record(v);
  if (r === undefined) return undefined;
  if (typeof r['name'] !== 'string' || typeof r['key'] !== 'string')
    throw new ConfigError(`${path}: a secret selector needs name and key`);
  return { name: r['name'], key: r['key'], ...(r['optional'] === true ? { optional: true } : {}) };
}

async function credentials(
  sel: SecretKeySelector,
  resolve: SecretResolver,
): Promise<Pick<JetStreamBusOptions, 'user' | 'password' | 'token'>> {
  const text = await resolve(sel);
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ConfigError(`accessSecret ${sel.name}/${sel.key}: not valid YAML`, { cause: err });
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(doc) ?? {}))
    if (v !== null && v !== undefined) fields[k.toLowerCase()] = String(v);
  // JetStream: an accessSecret means basic auth (username/password); a token-only file is used as a token
  if (fields['username'] !== undefined)
    return { user: fields['username'], password: fields['password'] ?? '' };
  if (fields['token'] !== undefined) return { token: fields['token'] };
  throw new ConfigError(`accessSecret ${sel.name}/${sel.key}: needs username and password`);
}

async function tlsOptions(v: unknown, resolve: SecretResolver): Promise<JetStreamTlsOptions | undefined> {
  const r = record(v);
  if (r === undefined) return undefined;
  const ca = selector(r['caCertSecret'], 'tls.caCertSecret');
  const cert = selector(r['clientCertSecret'], 'tls.clientCertSecret');
  const key = selector(r['clientKeySecret'], 'tls.clientKeySecret');
  return {
    ...(ca !== undefined ? { ca: await resolve(ca) } : {}),
    ...(cert !== undefined ? { cert: await resolve(cert) } : {}),
    ...(key !== undefined ? { key: await resolve(key) } : {}),
    ...(r['insecureSkipVerify'] === true ? { insecureSkipVerify: true } : {}),
  };
}

/**
 * Reads `jetstream` / `jetstreamExotic` from an EventBus (whole object, `spec`, or
 * `status.config`) into JetStream bus options: url, credentials from `accessSecret`, TLS from
 * `tls`, stream limits from `streamConfig` (managed: upstream's global default ⊕ the spec's YAML;
 * exotic and finalized config: the YAML over the server's defaults). The stream name is `default`.
 */
export async function jetstreamOptionsFromEventBus(
  eventBus: unknown,
  resolveSecret: SecretResolver,
  options: EventBusMappingOptions = {},
): Promise<JetStreamBusOptions> {
  const root = record(eventBus) ?? {};
  const metadata = record(root['metadata']);
  const spec = record(root['spec']) ?? root;
  const finalized = record(record(record(root['status'])?.['config'])?.['jetstream']);
  let block: Record<string, unknown> | undefined;
  let url: string | undefined;
  let limits: StreamLimits;
  let access: SecretKeySelector | undefined;
  const managed = record(spec['jetstream']);
  const exotic = record(spec['jetstreamExotic']);
  if (finalized !== undefined || exotic !== undefined) {
    block = (finalized ?? exotic)!;
    url = typeof block['url'] === 'string' ? block['url'] : undefined;
    limits = parseStreamConfig(
      typeof block['streamConfig'] === 'string' ? block['streamConfig'] : '',
      serverDefaults,
    );
    access = selector(block['accessSecret'], 'accessSecret');
  } else if (managed !== undefined) {
    block = managed;
    const name = typeof metadata?.['name'] === 'string' ? metadata['name'] : 'default';
    const namespace = typeof metadata?.['namespace'] === 'string' ? metadata['namespace'] : 'default';
    url = `nats://eventbus-${name}-js-svc.${namespace}.svc:4222`;
    limits = parseStreamConfig(
      typeof managed['streamConfig'] === 'string' ? managed['streamConfig'] : '',
      defaultStreamLimits,
    );
    // the controller generates this secret for a managed bus
    access = { name: `eventbus-${name}-js-client-auth`, key: 'client-auth' };
  } else {
    throw new ConfigError('invalid event bus: no jetstream or jetstreamExotic');
  }
  if (url === undefined || url === '') throw new ConfigError('jetstream: url is required');
  const tls = await tlsOptions(block['tls'], resolveSecret);
  return {
    url,
    streamName: 'default',
    limits,
    ...(access !== undefined ? await credentials(access, resolveSecret) : {}),
    ...(tls !== undefined
      ? { tls }
      : options.plaintext === true
        ? {}
        : { tls: { insecureSkipVerify: true } }),
  };
}
