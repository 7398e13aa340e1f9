/**
 * Trigger parameters (`parameters.md`): resolving a `src` against the firing's event map
 * (upstream ResolveParamValue), writing it at `dest` with an operation (ApplyParams), and building a
 * payload from scratch (ConstructPayload). Templates are compiled once and cached.
 */
import { parse as parseYAML } from 'yaml';
import type { TriggerParameter, TriggerParameterSource } from '../api/sensor/index.js';
import { get, parse, type ResultType } from '../kernels/gjson-path/index.js';
import { isSimplePath, set, setRaw } from '../kernels/sjson-path/index.js';
import { parseTemplate, type Template } from '../kernels/template/index.js';
import type { Clock } from '../shared/clock.js';
import { ExpressionError, TriggerError } from '../shared/errors.js';
import { contextJSON, wholeEventJSON, type Event } from './event.js';
import { isDataValidJSON } from './filters/event-data.js';
import { marshalGoJSON } from './go-json.js';

/** The events of one firing, keyed by dependency name. */
export type EventMap = Readonly<Record<string, Event>>;

/** A resolved parameter value: text plus its gjson kind (`String` for templates, values, whole events). */
export interface ResolvedValue {
  readonly value: string;
  readonly kind: ResultType;
}

/** Options of parameter resolution. */
export interface ParamOptions {
  /** The clock behind sprig's `now` in `dataTemplate`/`contextTemplate`. @default systemClock */
  readonly clock?: Pick<Clock, 'now'>;
}

/** Compiled templates per clock (`now` is bound at parse time); `undefined` = the system clock. */
const templateCaches = new WeakMap<object, Map<string, Template | Error>>();
const defaultTemplateCache = new Map<string, Template | Error>();

function compiledTemplate(source: string, clock: Pick<Clock, 'now'> | undefined): Template {
  let cache = clock === undefined ? defaultTemplateCache : templateCaches.get(clock);
  if (cache === undefined) {
    cache = new Map();
    templateCaches.set(clock!, cache);
  }
  let t = cache.get(source);
  if (t === undefined) {
    try {
      t = parseTemplate(
        source,
        clock === undefined ? { name: 'param' } : { name: 'param', now: () => new Date(clock.now()) },
      );
    } catch (err) {
      t = err instanceof Error ? err : new Error(String(err));
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(source, t);
  }
  if (t instanceof Error) throw t;
  return t;
}

/** Upstream renderEventDataAsJSON: only `application/json` (exactly) and `application/yaml` data. */
function eventDataAsJSON(event: Event): string {
  const data = event.data ?? '';
  switch (event.context.datacontenttype) {
    case 'application/json':
      if (event.data !== null && isDataValidJSON(event)) return data;
      throw new Error('event data is not valid JSON');
    case 'application/yaml':
      try {
        return marshalGoJSON(parseYAML(data) as unknown);
      } catch (err) {
        throw new Error(
          `failed converting yaml event data to JSON: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    default:
      throw new Error(`unsupported event content type: ${event.context.datacontenttype}`);
  }
}

/**
 * Resolves one parameter source (`parameters.md` §3): template → key → value, with the whole-event
 * form when nothing is selected. Returns undefined for "no value" (the dependency has no event in
 * this firing and no default).
 * @throws TriggerError `unable to resolve '<dep>' parameter value. err: …` when nothing resolves.
 */
export function resolveParamValue(
  src: TriggerParameterSource,
  events: EventMap,
  options: ParamOptions = {},
): ResolvedValue | undefined {
  const dep = src.dependencyName ?? '';
  const event = Object.prototype.hasOwnProperty.call(events, dep) ? events[dep] : undefined;
  const dflt = src.value;
  if (event === undefined) return dflt !== undefined ? { value: dflt, kind: 'String' } : undefined;
  const dataKey = src.dataKey ?? '';
  const dataTemplate = src.dataTemplate ?? '';
  const contextKey = src.contextKey ?? '';
  const contextTemplate = src.contextTemplate ?? '';
  if (dataKey === '' && dataTemplate === '' && contextKey === '' && contextTemplate === '') {
    return { value: dflt ?? wholeEventJSON(event), kind: 'String' };
  }
  let key = contextKey;
  let tmpl = contextTemplate;
  let payload: string;
  try {
    if (dataKey !== '' || dataTemplate !== '') {
      key = dataKey;
      tmpl = dataTemplate;
      payload = eventDataAsJSON(event);
    } else {
      payload = contextJSON(event);
    }
  } catch (err) {
    if (dflt !== undefined) return { value: dflt, kind: 'String' };
    throw new TriggerError(err instanceof Error ? err.message : String(err), { cause: err });
  }
  let lastError: string = '<nil>';
  if (tmpl !== '') {
    try {
      const out = compiledTemplate(tmpl, options.clock).execute({ Input: parse(payload).value() });
      if (out !== '' && out !== '<no value>') return { value: out, kind: 'String' };
      lastError = `template evaluated to empty string or no value: ${tmpl}`;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
  }
  if (key !== '') {
    const r = get(payload, key);
    if (r.exists()) {
      if (r.type === 'JSON' || r.type === 'Null') return { value: r.raw, kind: r.type };
      return { value: r.string(), kind: r.type };
    }
    lastError = `key ${key} does not exist to in the event payload`;
  }
  if (dflt !== undefined) return { value: dflt, kind: 'String' };
  throw new TriggerError(`unable to resolve '${dep}' parameter value. err: ${lastError}`);
}

/**
 * `dest` must be a plain sjson path (`parameters.md` §6 [IMPL-NOTE]). Upstream hands a complex one
 * (`#`, `@`, `*`, `?`, `|`) to sjson, which overwrites only values gjson already finds there and
 * otherwise leaves the payload unchanged without a word; Argus fails the attempt instead.
 * @throws ExpressionError `cannot set '<dest>': ...`.
 */
function checkDest(dest: string): void {
  if (dest !== '' && !isSimplePath(dest)) {
    throw new ExpressionError(
      `cannot set '${dest}': dest must be a plain path (#, @, *, ? and | are not supported)`,
    );
  }
}

function write(doc: string, dest: string, v: ResolvedValue, useRawData: boolean): string {
  try {
    if (v.kind !== 'String' && useRawData) return setRaw(doc, dest, v.value);
    return set(doc, dest, v.value);
  } catch (err) {
    throw new ExpressionError(`cannot set '${dest}': ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}

/** One parameter applied, for explanations. */
export interface ParameterTrace {
  readonly dest: string;
  /** The resolved value, or undefined when skipped (no event, no default). */
  readonly value: string | undefined;
  readonly kind: ResultType | undefined;
  readonly operation: string;
}

/**
 * Applies parameters in order to a JSON document (upstream ApplyParams) and returns the new text.
 * @throws TriggerError/ExpressionError as upstream fails the attempt, and ExpressionError for a
 *   `dest` that is not a plain path.
 */
export function applyParams(
  json: string,
  params: readonly TriggerParameter[],
  events: EventMap,
  trace?: ParameterTrace[],
  options: ParamOptions = {},
): string {
  let doc = json;
  for (const p of params) {
    const src = p.src ?? {};
    const dest = p.dest ?? '';
    const op = p.operation ?? '';
    checkDest(dest);
    let v = resolveParamValue(src, events, options);
    trace?.push({ dest, value: v?.value, kind: v?.kind, operation: op });
    if (v === undefined) continue;
    switch (op) {
      case 'append':
      case 'prepend': {
        const current = get(doc, dest);
        if (current.exists()) {
          v = {
            value: op === 'append' ? current.string() + v.value : v.value + current.string(),
            kind: 'String',
          };
        }
        break;
      }
      case 'overwrite':
      case '':
        break;
      default:
        throw new TriggerError(`unsupported trigger parameter operation: ${op}`);
    }
    doc = write(doc, dest, v, src.useRawData === true);
  }
  return doc;
}

/**
 * Builds a payload from scratch (upstream ConstructPayload): each entry sets its `dest` in an empty
 * document (`operation` ignored); an entry with empty `dest` whose value resolves becomes the whole
 * body. Returns the body text (`''` when nothing was written).
 * @throws TriggerError when an entry's dependency has no event and no default: upstream crashes
 * there (nil dereference); Argus fails the attempt with a clear message instead.
 */
export function constructPayload(
  params: readonly TriggerParameter[],
  events: EventMap,
  trace?: ParameterTrace[],
  options: ParamOptions = {},
): string {
  let doc = '';
  for (const p of params) {
    const src = p.src ?? {};
    const dest = p.dest ?? '';
    checkDest(dest);
    const v = resolveParamValue(src, events, options);
    trace?.push({ dest, value: v?.value, kind: v?.kind, operation: '' });
    if (dest === '') {
      if (v !== undefined) return v.value;
      continue;
    }
    if (v === undefined) {
      throw new TriggerError(
        `payload parameter for '${dest}': dependency '${src.dependencyName ?? ''}' has no event in this firing and no default value`,
      );
    }
    doc = write(doc, dest, v, src.useRawData === true);
  }
  return doc;
}

/**
 * `http.dynamicHeaders` (`parameters.md` §2.4): header name (`dest`) → resolved value. A parameter
 * whose dependency has no event and no default is omitted (upstream crashes there).
 * @throws TriggerError `failed to resolve the value for dynamicHeader <name>, …`.
 */
export function resolveDynamicHeaders(
  params: readonly TriggerParameter[],
  events: EventMap,
  options: ParamOptions = {},
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const p of params) {
    const name = p.dest ?? '';
    let v: ResolvedValue | undefined;
    try {
      v = resolveParamValue(p.src ?? {}, events, options);
    } catch (err) {
      throw new TriggerError(
        `failed to resolve the value for dynamicHeader ${name}, ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    if (v !== undefined) headers[name] = v.value;
  }
  return headers;
}
