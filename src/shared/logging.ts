/**
 * The one logger factory (STYLE.md §7). pino writes JSON lines with upstream's field names
 * (zap production encoder: `level` as a word, `ts` RFC 3339 with nanoseconds, `logger`, `msg`);
 * `format: 'pretty'` turns each line into a short human form instead. Every line goes through a
 * scrubber that replaces every registered secret value before it reaches the destination, so a
 * resolved `secretKeyRef` never appears in a log line even when someone logs it by mistake.
 */
import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';
import { formatRfc3339Nano } from './rfc3339.js';

export { formatRfc3339Nano } from './rfc3339.js';

export type { Logger } from 'pino';

/** Log levels accepted by `--log-level` / `LOG_LEVEL` (upstream: anything else means info). */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** Output form: one JSON object per line (default), or a short line for people. */
export type LogFormat = 'json' | 'pretty';

/**
 * Values that must never be printed. The secrets resolver adds every value it reads; the
 * logger's scrubber replaces them (and their JSON-escaped form) with `[REDACTED]`.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();

  /** Registers `value` for scrubbing. Values shorter than 4 characters are ignored (too likely to hit normal text). */
  add(value: string): void {
    if (value.length < 4) return;
    this.values.add(value);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.values.add(escaped);
  }

  /** How many values are registered. */
  get size(): number {
    return this.values.size;
  }

  /** `text` with every registered value replaced by `[REDACTED]`. */
  scrub(text: string): string {
    if (this.values.size === 0) return text;
    let out = text;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join('[REDACTED]');
    return out;
  }
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Minimum level written. @default 'info' */
  level?: string;
  /** @default 'json' */
  format?: LogFormat;
  /** Where lines go. @default process.stdout */
  destination?: { write(line: string): unknown };
  /** Secret values to scrub from every line. */
  secrets?: SecretRegistry;
  /**
   * The `logger` field (upstream: `argo-events.eventsource`, `argo-events.sensor`). Leave it
   * unset when children set their own (pino would write the key twice).
   */
  name?: string;
  /** Fields on every line (for example `spec.loggingFields`). */
  base?: Record<string, string>;
}

/**
 * Field names whose values are always censored (`***`), compared without case, at any of the
 * first three levels of a log object: `{authorization}`, `{headers: {Authorization}}`,
 * `{req: {headers: {authorization}}}`.
 */
const CENSORED_KEYS = new Set(['authorization', 'password', 'token']);
const CENSOR = '***';
const CENSOR_DEPTH = 3;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The censored keys in the spellings child bindings use, each written as `***`. */
const BINDING_SERIALIZERS: Record<string, () => string> = Object.fromEntries(
  [...CENSORED_KEYS].flatMap((k) =>
    [k, k[0]!.toUpperCase() + k.slice(1), k.toUpperCase()].map((n) => [n, () => CENSOR]),
  ),
);

/**
 * `obj` with censored fields replaced; the same object when there is nothing to censor (the
 * common case costs one Set lookup per key), else a copy — the caller's object is never changed.
 */
export function censor(obj: Record<string, unknown>, depth = CENSOR_DEPTH): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in obj) {
    const v = obj[key];
    let replaced: unknown = v;
    if (CENSORED_KEYS.has(key.toLowerCase())) {
      if (v !== undefined) replaced = CENSOR;
    } else if (depth > 1 && isPlainObject(v)) {
      replaced = censor(v, depth - 1);
    }
    if (replaced !== v) {
      out ??= { ...obj };
      out[key] = replaced;
    }
  }
  return out ?? obj;
}

function normaliseLevel(level: string | undefined): LevelWithSilent {
  return (LOG_LEVELS as readonly string[]).includes(level ?? '') ? (level as LevelWithSilent) : 'info';
}

/** Creates the root logger. Call once in cli/ and pass children down in contexts. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const out = options.destination ?? process.stdout;
  const secrets = options.secrets;
  const pretty = options.format === 'pretty';
  const stream: DestinationStream = {
    write(line: string) {
      const clean = secrets === undefined ? line : secrets.scrub(line);
      out.write(pretty ? formatPretty(clean) : clean);
    },
  };
  return pino(
    {
      level: normaliseLevel(options.level),
      messageKey: 'msg',
      base: { ...(options.name === undefined ? {} : { logger: options.name }), ...options.base },
      timestamp: () => `,"ts":"${formatRfc3339Nano(Date.now())}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => censor(obj),
      },
      // child bindings do not pass through formatters.log: serializers catch them at the top level
      serializers: BINDING_SERIALIZERS,
    },
    stream,
  );
}

/** A logger that writes nowhere (tests, library defaults). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

const LEVEL_TAGS: Record<string, string> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO ',
  warn: 'WARN ',
  error: 'ERROR',
  fatal: 'FATAL',
};

/**
 * One JSON log line in a form people read: `10:00:00.123 INFO  msg key=value …`.
 * Lines that are not JSON objects pass through unchanged.
 */
export function formatPretty(line: string): string {
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch {
    return line;
  }
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return line;
  const { level, ts, msg, logger: _logger, err, ...rest } = rec as Record<string, unknown>;
  // HH:MM:SS.mmm; `ts` trims trailing zeros of the fraction, so pad it back
  const m = typeof ts === 'string' ? /T(\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(ts) : null;
  const time = m === null ? '' : `${m[1]}.${(m[2] ?? '').slice(0, 3).padEnd(3, '0')}`;
  const tag = LEVEL_TAGS[String(level)] ?? String(level).toUpperCase();
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
    .join(' ');
  let text = `${time} ${tag} ${typeof msg === 'string' ? msg : ''}${fields === '' ? '' : ` ${fields}`}\n`;
  if (err !== undefined && err !== null && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    text += `    ${String(e['type'] ?? 'Error')}: ${String(e['message'] ?? '')}\n`;
  }
  return text;
}
