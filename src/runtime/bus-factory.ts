/**
 * Picks and opens the bus of a runtime process: the EventBus manifest if one is given
 * (`jetstreamExotic.url`), else `--bus` (`nats://…`), else the embedded bus in `--data-dir`.
 */
import type { EventBus } from '../api/eventbus/index.js';
import type { Bus } from '../eventbus/bus.js';
import { openEmbeddedBus } from '../eventbus/embedded/embedded-bus.js';
import {
  openJetStreamBus,
  type JetStreamBusOptions,
  type JetStreamTlsOptions,
} from '../eventbus/jetstream/jetstream-bus.js';
import { parse as parseYaml } from 'yaml';
import type { SecretResolver } from '../shared/secrets.js';
import { defaultStreamLimits, parseStreamConfig } from '../eventbus/stream-config.js';
import type { Clock } from '../shared/clock.js';
import { ConfigError } from '../shared/errors.js';

/** Where the bus comes from. */
export interface BusSettings {
  /** An EventBus manifest found among the inputs. */
  readonly eventBus?: EventBus | undefined;
  /** `--bus`: `nats://host:port` (JetStream) or `embedded`. */
  readonly url?: string | undefined;
  /** `--data-dir` for the embedded bus. @default './.argus' */
  readonly dataDir?: string | undefined;
  readonly clock?: Clock | undefined;
  /** Reads `jetstreamExotic.accessSecret` and `tls` secrets of the EventBus manifest. */
  readonly secrets?: SecretResolver | undefined;
}

/**
 * Credentials and TLS of an EventBus manifest's `jetstreamExotic`: `accessSecret` holds YAML
 * with `username`/`password` or `token` (upstream's client-auth secret).
 */
function jetStreamAuth(
  settings: BusSettings,
): Pick<JetStreamBusOptions, 'user' | 'password' | 'token' | 'tls'> {
  const exotic = settings.eventBus?.spec?.jetstreamExotic;
  const secrets = settings.secrets;
  if (exotic === undefined || secrets === undefined) return {};
  const out: { user?: string; password?: string; token?: string; tls?: JetStreamTlsOptions } = {};
  if (exotic.accessSecret !== undefined) {
    const doc = parseYaml(secrets.secret(exotic.accessSecret)) as Record<string, unknown> | null;
    if (typeof doc?.['token'] === 'string') out.token = doc['token'];
    if (typeof doc?.['username'] === 'string') out.user = doc['username'];
    if (typeof doc?.['password'] === 'string') out.password = doc['password'];
  }
  const tls = exotic.tls;
  if (tls !== undefined) {
    out.tls = {
      ...(tls.insecureSkipVerify === true ? { insecureSkipVerify: true } : {}),
      ...(tls.caCertSecret === undefined ? {} : { ca: secrets.secret(tls.caCertSecret) }),
      ...(tls.clientCertSecret === undefined ? {} : { cert: secrets.secret(tls.clientCertSecret) }),
      ...(tls.clientKeySecret === undefined ? {} : { key: secrets.secret(tls.clientKeySecret) }),
    };
  }
  return out;
}

/** Describes the choice (for the start-up log line) without opening anything. */
export function describeBus(settings: BusSettings): {
  driver: 'embedded' | 'jetstream';
  url?: string;
  note?: string;
} {
  const spec = settings.eventBus?.spec;
  if (spec?.jetstreamExotic?.url !== undefined && spec.jetstreamExotic.url !== '') {
    return { driver: 'jetstream', url: spec.jetstreamExotic.url };
  }
  if (settings.url !== undefined && settings.url !== '' && settings.url !== 'embedded') {
    if (!/^nats:\/\//.test(settings.url))
      throw new ConfigError(`--bus must be nats://host:port or "embedded", got "${settings.url}"`);
    return { driver: 'jetstream', url: settings.url };
  }
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

/** Opens the bus described by `settings`. */
export async function openBus(settings: BusSettings): Promise<Bus> {
  const choice = describeBus(settings);
  if (choice.driver === 'jetstream') {
    // A standalone process usually talks to a single nats-server, so streams it creates get one
    // replica unless the EventBus manifest's streamConfig says otherwise (upstream's managed
    // default of 3 needs a cluster).
    const limits = parseStreamConfig(settings.eventBus?.spec?.jetstreamExotic?.streamConfig, {
      ...defaultStreamLimits,
      replicas: 1,
    });
    return openJetStreamBus({ url: choice.url!, limits, ...jetStreamAuth(settings) });
  }
  return openEmbeddedBus({
    dataDir: settings.dataDir ?? './.argus',
    ...(settings.clock === undefined ? {} : { clock: settings.clock }),
  });
}
