/**
 * Picks and opens the bus of a runtime process, first match wins:
 * 1. an EventBus that names a JetStream server: a manifest's `spec.jetstreamExotic.url`, or, for
 *    an EventBus without spec, its finalized `status.config.jetstream.url` (what upstream's
 *    `EVENTBUS_CONFIG` carries; see {@link eventBusFromBusConfig});
 * 2. `--bus nats://…`;
 * 3. the embedded bus in `--data-dir`, with the EventBus manifest's `streamConfig` limits if it
 *    has a managed `jetstream` block.
 * The EventBus is read by the one mapping of eventbus/jetstream/options.ts.
 */
import { readFileSync } from 'node:fs';
import type { EventBus } from '../api/eventbus/index.js';
import { BusConfigCodec } from '../api/eventbus/index.js';
import { API_VERSION } from '../api/resource.js';
import { decodeWith } from '../api/schema.js';
import type { Bus } from '../eventbus/bus.js';
import { openEmbeddedBus } from '../eventbus/embedded/embedded-bus.js';
import { openJetStreamBus, type JetStreamBusOptions } from '../eventbus/jetstream/jetstream-bus.js';
import {
  jetstreamOptionsFromBusConfig,
  jetstreamOptionsFromEventBus,
  jetstreamSettingsFromBusConfig,
  streamLimitsFromEventBus,
  type EventBusMappingOptions,
  type ResolveSecret,
} from '../eventbus/jetstream/options.js';
import { defaultStreamLimits, type StreamLimits } from '../eventbus/stream-config.js';
import type { SecretResolver } from '../shared/secrets.js';
import type { SecretRegistry } from '../shared/logging.js';
import type { Clock } from '../shared/clock.js';
import { ConfigError, errorMessage, formatIssue } from '../shared/errors.js';

/** Where upstream's event source and sensor pods find the bus `accessSecret` (the controller mounts its key there). */
export const UPSTREAM_AUTH_FILE = '/etc/eventbus/auth/auth.yaml';

/** Where the bus comes from. */
export interface BusSettings {
  /** An EventBus manifest found among the inputs, or an EventBus holding only `status.config`. */
  readonly eventBus?: EventBus | undefined;
  /** `--bus`: `nats://host:port` (JetStream) or `embedded`. */
  readonly url?: string | undefined;
  /** `--data-dir` for the embedded bus. @default './.argus' */
  readonly dataDir?: string | undefined;
  readonly clock?: Clock | undefined;
  /** Reads the EventBus's `accessSecret` and `tls` secrets (`--secrets-dir`, environment). */
  readonly secrets?: SecretResolver | undefined;
  /**
   * Read when `secrets` does not have the `accessSecret`: upstream's mount of it.
   * @default {@link UPSTREAM_AUTH_FILE}
   */
  readonly upstreamAuthFile?: string | undefined;
  /**
   * The log scrubber: the bus password or token, and the content of the upstream auth file, are
   * registered with it (the `secrets` resolver registers what it reads itself).
   */
  readonly registry?: SecretRegistry | undefined;
}

/**
 * A standalone process usually talks to a single nats-server, so streams it creates get one
 * replica unless `streamConfig` says otherwise (upstream's managed default of 3 needs a cluster).
 * No `tls` block means TLS without verification, as upstream, when the server requires or offers
 * TLS, and plaintext otherwise (upstream refuses a plaintext server), so local servers work.
 * `--bus` alone has no configuration: the NATS client's default (TLS verified against the
 * system's CAs if the server asks for it, else plaintext).
 */
const standalone: EventBusMappingOptions = { allowPlaintext: true, replicas: 1 };

type Choice =
  | { driver: 'jetstream'; url: string; from: 'spec' | 'config' | 'flag' }
  | { driver: 'embedded'; note?: string };

function choose(settings: BusSettings): Choice {
  const eventBus = settings.eventBus;
  if (eventBus?.spec !== undefined) {
    // a manifest: its spec decides (a managed bus's status would name in-cluster services)
    const url = eventBus.spec.jetstreamExotic?.url;
    if (url !== undefined && url !== '') return { driver: 'jetstream', url, from: 'spec' };
  } else {
    const url = eventBus?.status?.config?.jetstream?.url;
    if (url !== undefined && url !== '') return { driver: 'jetstream', url, from: 'config' };
  }
  if (settings.url !== undefined && settings.url !== '' && settings.url !== 'embedded') {
    if (!/^nats:\/\//.test(settings.url))
      throw new ConfigError(`--bus must be nats://host:port or "embedded", got "${settings.url}"`);
    return { driver: 'jetstream', url: settings.url, from: 'flag' };
  }
  const spec = eventBus?.spec;
  if (
    spec !== undefined &&
    (spec.jetstream !== undefined || spec.nats !== undefined || spec.kafka !== undefined)
  ) {
    return {
      driver: 'embedded',
      note: 'the EventBus manifest describes a managed or unsupported bus; standalone uses the embedded bus',
    };
  }
  return { driver: 'embedded' };
}

/** Describes the choice (for the start-up log line) without opening anything. */
export function describeBus(settings: BusSettings): {
  driver: 'embedded' | 'jetstream';
  url?: string;
  note?: string;
} {
  const choice = choose(settings);
  return choice.driver === 'jetstream'
    ? { driver: 'jetstream', url: choice.url }
    : { driver: 'embedded', ...(choice.note === undefined ? {} : { note: choice.note }) };
}

/**
 * Secrets of the bus configuration through the process's resolver (`--secrets-dir`,
 * environment); an `accessSecret` it does not have is then read where upstream's pods have it.
 */
function secretReader(settings: BusSettings): ResolveSecret {
  const authFile = settings.upstreamAuthFile ?? UPSTREAM_AUTH_FILE;
  return (selector, field) => {
    try {
      if (settings.secrets === undefined)
        throw new ConfigError(`secret "${selector.name}/${selector.key}" not found (no secrets resolver)`);
      return settings.secrets.secret(selector);
    } catch (err) {
      if (field !== 'accessSecret') throw err;
      try {
        const content = readFileSync(authFile, 'utf8');
        settings.registry?.add(content.trim());
        return content;
      } catch (fileErr) {
        if ((fileErr as NodeJS.ErrnoException).code === 'ENOENT')
          throw new ConfigError(
            `${errorMessage(err)}, nor in ${authFile} (upstream's mount of the bus accessSecret)`,
            {
              cause: err,
            },
          );
        throw new ConfigError(`cannot read ${authFile} (the bus accessSecret)`, { cause: fileErr });
      }
    }
  };
}

/**
 * The JetStream options `settings` lead to, with credentials and TLS secrets read (the password
 * or token registered with `settings.registry`); undefined when the embedded bus is chosen.
 */
export async function jetStreamOptions(settings: BusSettings): Promise<JetStreamBusOptions | undefined> {
  const choice = choose(settings);
  if (choice.driver !== 'jetstream') return undefined;
  const eventBus = settings.eventBus;
  let options: JetStreamBusOptions | undefined;
  if (choice.from === 'spec')
    options = await jetstreamOptionsFromEventBus(
      { metadata: eventBus?.metadata, spec: eventBus?.spec },
      secretReader(settings),
      standalone,
    );
  else if (choice.from === 'config')
    options = await jetstreamOptionsFromBusConfig(
      eventBus?.status?.config,
      secretReader(settings),
      standalone,
    );
  if (options !== undefined) {
    // the resolver registered the secret's text; the values parsed out of it are registered here
    if (options.password !== undefined) settings.registry?.add(options.password);
    if (options.token !== undefined) settings.registry?.add(options.token);
    return options;
  }
  return {
    url: choice.url,
    limits: streamLimits(settings.eventBus, standalone) ?? { ...defaultStreamLimits, replicas: 1 },
  };
}

/** The `streamConfig` limits of a manifest's JetStream block, if it has one. */
function streamLimits(
  eventBus: EventBus | undefined,
  options: EventBusMappingOptions,
): StreamLimits | undefined {
  return eventBus?.spec === undefined
    ? undefined
    : streamLimitsFromEventBus({ metadata: eventBus.metadata, spec: eventBus.spec }, options);
}

/**
 * An EventBus holding only a finalized bus configuration (upstream's BusConfig, as
 * `EVENTBUS_CONFIG` carries it), checked now: its shape, a JetStream url, `tls` and
 * `streamConfig` (secrets are read when the bus opens). Throws ConfigError naming the field.
 */
export function eventBusFromBusConfig(busConfig: unknown): EventBus {
  const decoded = decodeWith(BusConfigCodec, busConfig);
  if (decoded.errors.length > 0)
    throw new ConfigError(decoded.errors.map((issue) => formatIssue(issue)).join('; '));
  if (decoded.value === undefined) throw new ConfigError('a bus configuration must be an object');
  jetstreamSettingsFromBusConfig(decoded.value, standalone);
  return { apiVersion: API_VERSION, kind: 'EventBus', status: { config: decoded.value } };
}

/**
 * Opens the bus described by `settings`. `resolved`: what {@link jetStreamOptions} returned for
 * the same settings, when the caller needs them too (secrets are then not read twice).
 */
export async function openBus(
  settings: BusSettings,
  resolved?: { readonly jetstream: JetStreamBusOptions | undefined },
): Promise<Bus> {
  const options = resolved === undefined ? await jetStreamOptions(settings) : resolved.jetstream;
  if (options !== undefined) return openJetStreamBus(options);
  const limits = streamLimits(settings.eventBus, {});
  return openEmbeddedBus({
    dataDir: settings.dataDir ?? './.argus',
    ...(limits === undefined ? {} : { limits }),
    ...(settings.clock === undefined ? {} : { clock: settings.clock }),
  });
}
