/**
 * Go text/template with the sprig v3 function map, as Argo Events renders `dataTemplate`,
 * `contextTemplate` and data-filter `template`s (spec/parameters.md §4).
 *
 * `parseTemplate` is the cache point: parse once, `execute` many times. Data is the value
 * model of values.ts — what `JSON.parse` returns is exactly what Go's `json.Unmarshal` into
 * `interface{}` gives (numbers are float64, objects `map[string]interface{}`).
 */
import { ExpressionError } from '../../shared/errors.js';
import { systemClock, type Clock } from '../../shared/clock.js';
import { parseTrees, TemplateParseError, type TreeSet } from './parser.js';
import { execute, TemplateExecError, type ExecEnv } from './exec.js';
import { builtins } from './builtins.js';
import { sprigFuncs, type SprigContext } from './sprig.js';
import { goFunc, ANY, GoError, type GoFunc } from './func-types.js';
import { GoTime, UTC, type Zone } from './values.js';

export { GoInt, GoTime, GoDuration, GO_TYPE, typedSlice, typedMap } from './values.js';
export { GoError } from './func-types.js';
export type { GoFunc } from './func-types.js';

/** Options of {@link parseTemplate} and {@link renderTemplate}. */
export interface TemplateOptions {
  /** Template name used in error messages (`template: NAME:1:5: ...`). @default "param" */
  name?: string;
  /** The clock behind sprig's `now` (and `date` given a non-time value). Wins over `clock`. */
  now?: () => Date;
  /** The project Clock, used for `now` when `now` is not given. @default systemClock */
  clock?: Clock;
  /**
   * Extra functions (override sprig's of the same name). Each receives Go-typed arguments
   * (any type accepted) and its result is used as an `interface{}`.
   */
  funcs?: Record<string, (...args: unknown[]) => unknown>;
  /** Environment read by sprig's `env`/`expandenv`. Layer-1 code reads no process state. @default {} */
  env?: Readonly<Record<string, string>>;
  /** Go's `time.Local`: an IANA zone name or `UTC`. @default "UTC" */
  timeZone?: string;
}

/** A parsed template; executing it never mutates it, so it can be cached and shared. */
export interface Template {
  readonly name: string;
  readonly source: string;
  /** Renders with `data` as dot; throws ExpressionError with Go's message on failure. */
  execute(data: unknown): string;
}

function toGoTime(d: Date, zone: Zone): GoTime {
  return new GoTime(d.getTime(), 0, zone);
}

function localZone(name: string | undefined): Zone {
  if (name === undefined || name === 'UTC' || name === '') return UTC;
  const z = makeZone(name);
  return z ?? UTC;
}

function makeZone(name: string): Zone | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return undefined;
  }
  // Resolved lazily through go-time's loader, which caches per name.
  return { name: 'Local', at: (ms: number) => zoneAt(name, ms) };
}

import { loadLocation } from './go-time.js';
import { replaceEscapedBytes } from './go-strings.js';
function zoneAt(name: string, ms: number): { offset: number; abbr: string } {
  return (loadLocation(name, UTC) ?? UTC).at(ms);
}

const defaultNow = (): Date => new Date(systemClock.now());

let defaultFuncs: ReadonlyMap<string, GoFunc> | undefined;

function funcMapFor(options: TemplateOptions): ReadonlyMap<string, GoFunc> {
  const plain =
    options.now === undefined &&
    options.clock === undefined &&
    options.funcs === undefined &&
    options.env === undefined &&
    options.timeZone === undefined;
  if (plain && defaultFuncs !== undefined) return defaultFuncs;
  const zone = localZone(options.timeZone);
  const clock = options.clock;
  const now = options.now ?? (clock !== undefined ? (): Date => new Date(clock.now()) : defaultNow);
  const env = options.env ?? {};
  const ctx: SprigContext = {
    now: () => toGoTime(now(), zone),
    env: (k) => (Object.prototype.hasOwnProperty.call(env, k) ? env[k] : undefined),
    local: zone,
  };
  const m = sprigFuncs(ctx);
  for (const [name, fn] of Object.entries(options.funcs ?? {})) {
    m.set(
      name,
      goFunc(
        [],
        (...args: unknown[]) => {
          try {
            return fn(...args);
          } catch (e) {
            if (e instanceof GoError) throw e;
            throw new GoError(e instanceof Error ? e.message : String(e));
          }
        },
        { variadic: ANY, returnsAny: true },
      ),
    );
  }
  if (plain) defaultFuncs = m;
  return m;
}

/** Parses `source` like `template.New(name).Funcs(sprig.TxtFuncMap()).Parse(source)`. */
export function parseTemplate(source: string, options: TemplateOptions = {}): Template {
  const name = options.name ?? 'param';
  const funcs = funcMapFor(options);
  let trees: TreeSet;
  try {
    trees = parseTrees(name, source, (f) => funcs.has(f) || builtins.has(f));
  } catch (e) {
    if (e instanceof TemplateParseError) throw new ExpressionError(e.message, { cause: e });
    throw e;
  }
  const env: ExecEnv = { trees, funcs, builtins };
  return {
    name,
    source,
    execute(data: unknown): string {
      try {
        return replaceEscapedBytes(execute(env, name, data === null ? undefined : data));
      } catch (e) {
        if (e instanceof TemplateExecError)
          throw new ExpressionError(replaceEscapedBytes(e.message), { cause: e });
        throw e;
      }
    },
  };
}

/** Parses and executes in one go (no caching). */
export function renderTemplate(source: string, data: unknown, options: TemplateOptions = {}): string {
  return parseTemplate(source, options).execute(data);
}
