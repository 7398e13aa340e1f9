/**
 * EventBus configuration → JetStream bus options, the way upstream's clients read them
 * (spec/eventbus.md §1.1–1.3, §2.1–2.2). The one mapping for every way Argus gets a bus
 * configuration: an EventBus manifest (`spec.jetstreamExotic`, managed `spec.jetstream`, or its
 * finalized `status.config`) and upstream's pod input `EVENTBUS_CONFIG` (a BusConfig, i.e. a
 * `status.config`). Works on plain objects and in two steps: the `…Settings` functions check the
 * configuration and name the secrets it needs (no I/O, errors name the field);
 * {@link resolveJetStreamOptions} then reads those secrets through a callback (files, env or
 * Kubernetes, the caller decides).
 */
import { parse } from 'yaml';
import { ConfigError, errorMessage } from '../../shared/errors.js';
import { defaultStreamLimits, parseStreamConfig } from '../stream-config.js';
import type { StreamLimits } from '../stream-config.js';
import type { JetStreamBusOptions, JetStreamTlsOptions } from './jetstream-bus.js';

/** A Kubernetes `SecretKeySelector`. */
export interface SecretKeySelector {
  readonly name: string;
  readonly key: string;
  readonly optional?: boolean;
}

/** Where a secret selector sits in the JetStream block. */
export type SecretField =
  'accessSecret' | 'tls.caCertSecret' | 'tls.clientCertSecret' | 'tls.clientKeySecret';

/**
 * Returns the secret value (text); may throw when it is missing. `field` says which selector it
 * is (upstream mounts the `accessSecret` elsewhere than the TLS secrets).
 */
export type ResolveSecret = (selector: SecretKeySelector, field: SecretField) => Promise<string> | string;

export interface EventBusMappingOptions {
  /**
   * Without a `tls` block, connect in plaintext to a server that offers no TLS; TLS without
   * verification is still used when the server requires or offers it. Upstream always uses TLS
   * (without verification when no `tls` is given) and refuses a server without it; this opt-in
   * is for local servers. @default false
   */
  readonly allowPlaintext?: boolean;
  /**
   * Stream replicas when `streamConfig` does not set them. @default the base's: 1 (JetStream's
   * own default) for an existing server, 3 (upstream's global default) for a managed bus
   */
  readonly replicas?: number;
}

/** The TLS secrets of a JetStream configuration, checked as upstream's `GetTLSConfig` does. */
export interface JetStreamTlsSettings {
  readonly caCertSecret?: SecretKeySelector;
  readonly clientCertSecret?: SecretKeySelector;
  readonly clientKeySecret?: SecretKeySelector;
  /** Skip server certificate verification; the certificate secrets are then not read (as upstream). */
  readonly insecureSkipVerify?: boolean;
  /** TLS only if the server requires or offers it, else plaintext (no `tls` block, `allowPlaintext`). */
  readonly ifServerOffers?: boolean;
}

/** A checked JetStream configuration whose secrets are not read yet. */
export interface JetStreamSettings {
  /** Where it was read, for messages: `spec.jetstreamExotic`, `spec.jetstream`, `status.config.jetstream`, `jetstream`. */
  readonly path: string;
  readonly url: string;
  readonly streamName: string;
  readonly limits: StreamLimits;
  readonly accessSecret?: SecretKeySelector;
  /**
   * No `tls` block: `{ insecureSkipVerify }` (upstream), with `ifServerOffers` under
   * `allowPlaintext`. `{}` (`enabled` only): TLS verified against the system's CAs.
   */
  readonly tls: JetStreamTlsSettings;
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

/** The JetStream block clients read, and where it was found. */
interface Block {
  /** `server`: an existing server (`jetstreamExotic`, `status.config.jetstream`); `managed`: run by the controller. */
  readonly kind: 'server' | 'managed';
  readonly path: string;
  readonly value: Record<string, unknown>;
  readonly name?: string;
  readonly namespace?: string;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function text(v: unknown, path: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ConfigError(`${path}: must be a string`);
  return v;
}

function selector(v: unknown, path: string): SecretKeySelector | undefined {
  if (v === undefined || v === null) return undefined;
  const r = record(v);
  if (r === undefined || typeof r['name'] !== 'string' || typeof r['key'] !== 'string')
    throw new ConfigError(`${path}: a secret selector needs name and key`);
  return { name: r['name'], key: r['key'], ...(r['optional'] === true ? { optional: true } : {}) };
}

/**
 * The block of a whole EventBus or its `spec`: the finalized `status.config.jetstream` wins (what
 * upstream's pods are given), then `jetstreamExotic`, then managed `jetstream`.
 */
function eventBusBlock(eventBus: unknown): Block | undefined {
  const root = record(eventBus) ?? {};
  const metadata = record(root['metadata']);
  const specRecord = record(root['spec']);
  const spec = specRecord ?? root;
  const at = specRecord === undefined ? '' : 'spec.';
  const finalized = record(record(record(root['status'])?.['config'])?.['jetstream']);
  if (finalized !== undefined) return { kind: 'server', path: 'status.config.jetstream', value: finalized };
  const exotic = record(spec['jetstreamExotic']);
  if (exotic !== undefined) return { kind: 'server', path: `${at}jetstreamExotic`, value: exotic };
  const managed = record(spec['jetstream']);
  if (managed !== undefined) {
    return {
      kind: 'managed',
      path: `${at}jetstream`,
      value: managed,
      name: typeof metadata?.['name'] === 'string' ? metadata['name'] : 'default',
      namespace: typeof metadata?.['namespace'] === 'string' ? metadata['namespace'] : 'default',
    };
  }
  return undefined;
}

/** The block of a BusConfig (`status.config`, upstream's `EVENTBUS_CONFIG`). */
function busConfigBlock(busConfig: unknown): Block {
  const config = record(busConfig);
  if (config === undefined) throw new ConfigError('a bus configuration must be an object');
  const jetstream = record(config['jetstream']);
  if (jetstream !== undefined) return { kind: 'server', path: 'jetstream', value: jetstream };
  const other = ['nats', 'kafka'].find((k) => config[k] !== undefined && config[k] !== null);
  throw new ConfigError(
    other === undefined
      ? 'invalid event bus: no jetstream'
      : `${other}: not supported, Argus connects to a JetStream bus only (jetstream)`,
  );
}

function limitsOf(block: Block, options: EventBusMappingOptions): StreamLimits {
  const base0 = block.kind === 'managed' ? defaultStreamLimits : serverDefaults;
  const base = options.replicas === undefined ? base0 : { ...base0, replicas: options.replicas };
  const path = `${block.path}.streamConfig`;
  const config = text(block.value['streamConfig'], path) ?? '';
  try {
    // managed: upstream's global default ⊕ the spec's YAML; an existing server: the YAML over its defaults
    return parseStreamConfig(config, base);
  } catch (err) {
    const message = errorMessage(err);
    throw new ConfigError(
      message.startsWith('streamConfig') ? `${block.path}.${message}` : `${path}: ${message}`,
      { cause: err },
    );
  }
}

function tlsSettings(v: unknown, path: string): JetStreamTlsSettings | undefined {
  if (v === undefined || v === null) return undefined;
  const r = record(v);
  if (r === undefined) throw new ConfigError(`${path}: must be an object`);
  // upstream (pkg/shared/util GetTLSConfig): insecureSkipVerify builds an empty config, no certs read
  if (r['insecureSkipVerify'] === true) return { insecureSkipVerify: true };
  const ca = selector(r['caCertSecret'], `${path}.caCertSecret`);
  const cert = selector(r['clientCertSecret'], `${path}.clientCertSecret`);
  const key = selector(r['clientKeySecret'], `${path}.clientKeySecret`);
  const enabled = r['enabled'] === true;
  if (!enabled && ca === undefined && cert === undefined && key === undefined)
    throw new ConfigError(
      `${path}: invalid tls config, neither of caCertSecret, clientCertSecret and clientKeySecret is configured`,
    );
  if (!enabled && (cert === undefined) !== (key === undefined))
    throw new ConfigError(
      `${path}: invalid tls config, both of clientCertSecret and clientKeySecret need to be configured`,
    );
  return {
    ...(ca !== undefined ? { caCertSecret: ca } : {}),
    // a lone cert or key (allowed with `enabled`) is not loaded, as upstream
    ...(cert !== undefined && key !== undefined ? { clientCertSecret: cert, clientKeySecret: key } : {}),
  };
}

function settingsOf(block: Block, options: EventBusMappingOptions): JetStreamSettings {
  let url: string | undefined;
  let access: SecretKeySelector | undefined;
  if (block.kind === 'server') {
    url = text(block.value['url'], `${block.path}.url`);
    access = selector(block.value['accessSecret'], `${block.path}.accessSecret`);
  } else {
    url = `nats://eventbus-${block.name}-js-svc.${block.namespace}.svc:4222`;
    // the controller generates this secret for a managed bus
    access = { name: `eventbus-${block.name}-js-client-auth`, key: 'client-auth' };
  }
  if (url === undefined || url === '') throw new ConfigError(`${block.path}.url is required`);
  const tls = tlsSettings(block.value['tls'], `${block.path}.tls`);
  return {
    path: block.path,
    url,
    streamName: 'default',
    limits: limitsOf(block, options),
    ...(access !== undefined ? { accessSecret: access } : {}),
    // upstream: no tls block → TLS without verification
    tls: tls ?? {
      insecureSkipVerify: true,
      ...(options.allowPlaintext === true ? { ifServerOffers: true } : {}),
    },
  };
}

/**
 * Reads `jetstream` / `jetstreamExotic` of an EventBus (whole object or its `spec`; a whole
 * object's `status.config.jetstream` wins, as in upstream's pods): url, the `accessSecret` and
 * `tls` selectors, stream limits from `streamConfig` (managed: upstream's global default ⊕ the
 * spec's YAML; an existing server: the YAML over the server's defaults). The stream name is
 * `default`. Throws ConfigError naming the field.
 */
export function jetstreamSettingsFromEventBus(
  eventBus: unknown,
  options: EventBusMappingOptions = {},
): JetStreamSettings {
  const block = eventBusBlock(eventBus);
  if (block === undefined) throw new ConfigError('invalid event bus: no jetstream or jetstreamExotic');
  return settingsOf(block, options);
}

/** The same for a BusConfig (`{ jetstream: { url, accessSecret, streamConfig, tls } }`, upstream's `EVENTBUS_CONFIG`). */
export function jetstreamSettingsFromBusConfig(
  busConfig: unknown,
  options: EventBusMappingOptions = {},
): JetStreamSettings {
  return settingsOf(busConfigBlock(busConfig), options);
}

/**
 * The stream limits of an EventBus's `jetstream` / `jetstreamExotic` / `status.config.jetstream`
 * `streamConfig` (the bases as in {@link jetstreamSettingsFromEventBus}), for a bus that is not
 * that server (the embedded bus); undefined when the EventBus has no JetStream block.
 */
export function streamLimitsFromEventBus(
  eventBus: unknown,
  options: EventBusMappingOptions = {},
): StreamLimits | undefined {
  const block = eventBusBlock(eventBus);
  return block === undefined ? undefined : limitsOf(block, options);
}

async function credentials(
  sel: SecretKeySelector,
  resolve: ResolveSecret,
  path: string,
): Promise<Pick<JetStreamBusOptions, 'user' | 'password' | 'token'>> {
  const content = await resolve(sel, 'accessSecret');
  let doc: unknown;
  try {
    doc = parse(content);
  } catch {
    // no cause: the parser's message quotes the secret's text
    throw new ConfigError(`${path}: secret "${sel.name}/${sel.key}" is not valid YAML`);
  }
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(record(doc) ?? {}))
    if (v !== null && v !== undefined) fields[k.toLowerCase()] = String(v);
  // JetStream: an accessSecret means basic auth (username/password); a token-only file is used as a token
  if (fields['username'] !== undefined)
    return { user: fields['username'], password: fields['password'] ?? '' };
  if (fields['token'] !== undefined) return { token: fields['token'] };
  throw new ConfigError(
    `${path}: secret "${sel.name}/${sel.key}" needs YAML with username and password (or token)`,
  );
}

async function tlsOptions(tls: JetStreamTlsSettings, resolve: ResolveSecret): Promise<JetStreamTlsOptions> {
  if (tls.insecureSkipVerify === true)
    return { insecureSkipVerify: true, ...(tls.ifServerOffers === true ? { ifServerOffers: true } : {}) };
  return {
    ...(tls.caCertSecret !== undefined ? { ca: await resolve(tls.caCertSecret, 'tls.caCertSecret') } : {}),
    ...(tls.clientCertSecret !== undefined
      ? { cert: await resolve(tls.clientCertSecret, 'tls.clientCertSecret') }
      : {}),
    ...(tls.clientKeySecret !== undefined
      ? { key: await resolve(tls.clientKeySecret, 'tls.clientKeySecret') }
      : {}),
  };
}

/** Reads the secrets `settings` name and returns the options of `openJetStreamBus`. */
export async function resolveJetStreamOptions(
  settings: JetStreamSettings,
  resolveSecret: ResolveSecret,
): Promise<JetStreamBusOptions> {
  return {
    url: settings.url,
    streamName: settings.streamName,
    limits: settings.limits,
    ...(settings.accessSecret !== undefined
      ? await credentials(settings.accessSecret, resolveSecret, `${settings.path}.accessSecret`)
      : {}),
    tls: await tlsOptions(settings.tls, resolveSecret),
  };
}

/** {@link jetstreamSettingsFromEventBus} with its secrets read: the options of `openJetStreamBus`. */
export async function jetstreamOptionsFromEventBus(
  eventBus: unknown,
  resolveSecret: ResolveSecret,
  options: EventBusMappingOptions = {},
): Promise<JetStreamBusOptions> {
  return resolveJetStreamOptions(jetstreamSettingsFromEventBus(eventBus, options), resolveSecret);
}

/** {@link jetstreamSettingsFromBusConfig} with its secrets read: the options of `openJetStreamBus`. */
export async function jetstreamOptionsFromBusConfig(
  busConfig: unknown,
  resolveSecret: ResolveSecret,
  options: EventBusMappingOptions = {},
): Promise<JetStreamBusOptions> {
  return resolveJetStreamOptions(jetstreamSettingsFromBusConfig(busConfig, options), resolveSecret);
}
