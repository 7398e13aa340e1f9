/**
 * Stream limits as upstream reads them from the EventBus `streamConfig` YAML
 * (spec/eventbus.md §1.3, §2.2): keys case-insensitive, durations in Go syntax. Both drivers use
 * these: JetStream passes them to the server, the embedded bus applies them itself.
 */
import { parse } from 'yaml';
import { parseGoDurationMs } from '../kernels/duration.js';
import { ConfigError, errorMessage } from '../shared/errors.js';

/** Stream settings. A zero or negative limit means "unlimited", as in JetStream. */
export interface StreamLimits {
  /** Most messages kept. @default 50000 (upstream's controller default) */
  readonly maxMsgs: number;
  /** Oldest message age kept, in ms; 0 = unlimited. @default 604800000 (168h) */
  readonly maxAgeMs: number;
  /** Most bytes kept; -1 = unlimited. @default -1 */
  readonly maxBytes: number;
  /** Stream replicas (JetStream only). @default 3 for a managed bus, 1 for `argus run` */
  readonly replicas: number;
  /** Dedupe window, in ms. @default 300000 (300s) */
  readonly duplicatesMs: number;
  /** 0 limits, 1 interest, 2 work queue. @default 0 */
  readonly retention: 0 | 1 | 2;
  /** 0 discard old, 1 discard new (reject publishes when full). @default 0 */
  readonly discard: 0 | 1;
}

/** Upstream's global defaults (controller-config.yaml). */
export const defaultStreamLimits: StreamLimits = {
  maxMsgs: 50_000,
  maxAgeMs: 168 * 3_600_000,
  maxBytes: -1,
  replicas: 3,
  duplicatesMs: 300_000,
  retention: 0,
  discard: 0,
};

function num(v: unknown, key: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  throw new ConfigError(`streamConfig.${key}: not an integer: ${String(v)}`);
}

function duration(v: unknown, key: string): number {
  if (typeof v === 'number') return v / 1e6; // a bare number is nanoseconds (Go time.Duration)
  if (typeof v === 'string') {
    // as viper's GetDuration (spf13/cast): a string without a unit is nanoseconds
    const text = /^[-+]?\d+$/.test(v) ? `${v}ns` : v;
    try {
      return parseGoDurationMs(text);
    } catch (err: unknown) {
      throw new ConfigError(`streamConfig.${key}: ${errorMessage(err)}`, { cause: err });
    }
  }
  throw new ConfigError(`streamConfig.${key}: not a duration: ${String(v)}`);
}

/**
 * Reads a `streamConfig` YAML string (or an already parsed object) over `base`. Missing keys
 * keep `base`'s value; an empty string yields `base` unchanged.
 */
export function parseStreamConfig(
  config: string | Record<string, unknown> | undefined,
  base = defaultStreamLimits,
): StreamLimits {
  let doc: unknown = config;
  if (typeof config === 'string') {
    try {
      doc = config.trim() === '' ? {} : parse(config);
    } catch (err) {
      throw new ConfigError(`streamConfig: not valid YAML`, { cause: err });
    }
  }
  if (doc === undefined || doc === null) return base;
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError('streamConfig: not a mapping');
  const out: { -readonly [K in keyof StreamLimits]: StreamLimits[K] } = { ...base };
  for (const [rawKey, v] of Object.entries(doc as Record<string, unknown>)) {
    switch (rawKey.toLowerCase()) {
      case 'maxmsgs':
        out.maxMsgs = num(v, rawKey);
        break;
      case 'maxage':
        out.maxAgeMs = duration(v, rawKey);
        break;
      case 'maxbytes':
        out.maxBytes = num(v, rawKey);
        break;
      case 'replicas':
        out.replicas = num(v, rawKey);
        break;
      case 'duplicates':
        out.duplicatesMs = duration(v, rawKey);
        break;
      case 'retention': {
        const r = num(v, rawKey);
        if (r !== 0 && r !== 1 && r !== 2) throw new ConfigError(`invalid int for RetentionPolicy: ${r}`);
        out.retention = r;
        break;
      }
      case 'discard': {
        const d = num(v, rawKey);
        if (d !== 0 && d !== 1) throw new ConfigError(`invalid int for DiscardPolicy: ${d}`);
        out.discard = d;
        break;
      }
      default:
        break; // upstream ignores unknown keys
    }
  }
  return out;
}
