/**
 * `filters.data` (`filters.md` §4), compiled once per dependency: paths kept, values parsed,
 * regular expressions and templates compiled. Evaluation follows upstream's filterData exactly,
 * including where errors stop evaluation (and) or are collected (or).
 */
import type { DataFilter } from '../../api/sensor/index.js';
import type { Clock } from '../../shared/clock.js';
import { compileGoRegexp } from '../../kernels/go/regexp.js';
import { parseGoBool, parseGoFloat, parseGoFloatStrict } from '../../kernels/go/strconv.js';
import { get } from '../../kernels/gjson-path/index.js';
import { parseTemplate, type Template } from '../../kernels/template/index.js';
import type { Event } from '../event.js';
import { isDataValidJSON, show } from './event-data.js';
import { errMsg, multiErrMsg, operatorOf, type KindVerdict, type LogicalOperator } from './verdict.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function attempt<T>(fn: () => T): Parsed<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

interface CompiledDataFilter {
  readonly index: number;
  /** `data[i] path '…'`, for reasons. */
  readonly label: string;
  readonly path: string;
  readonly type: string;
  readonly comparator: string;
  readonly values: readonly string[];
  readonly templateSource: string;
  readonly template: Parsed<Template> | undefined;
  readonly numbers: readonly Parsed<number>[];
  readonly bools: readonly Parsed<boolean>[];
  readonly regexes: readonly Parsed<RegExp>[];
}

/** Compiled `filters.data` plus `dataLogicalOperator`. */
export interface CompiledDataFilters {
  /** Whether the kind is defined (`data` present, even empty). */
  readonly defined: boolean;
  evaluate(event: Event): KindVerdict;
}

function compileOne(f: DataFilter, index: number, clock: Pick<Clock, 'now'> | undefined): CompiledDataFilter {
  const values = f.value ?? [];
  const type = f.type ?? '';
  const templateSource = f.template ?? '';
  return {
    index,
    label: `data[${index}] path '${f.path ?? ''}'`,
    path: f.path ?? '',
    type,
    comparator: f.comparator ?? '',
    values,
    templateSource,
    template:
      templateSource === ''
        ? undefined
        : attempt(() =>
            parseTemplate(
              templateSource,
              clock === undefined ? { name: 'param' } : { name: 'param', now: () => new Date(clock.now()) },
            ),
          ),
    numbers: type === 'number' ? values.map((v) => attempt(() => parseGoFloatStrict(v))) : [],
    bools: type === 'bool' ? values.map((v) => attempt(() => parseGoBool(v))) : [],
    regexes: type === 'string' ? values.map((v) => attempt(() => compileGoRegexp(v))) : [],
  };
}

function compareNumber(cmp: string, a: number, b: number): boolean {
  switch (cmp) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '!=':
      return a !== b;
    case '=':
    case '':
      return a === b;
    default:
      return false;
  }
}

/** Records an error: `or` collects it and goes on (undefined), `and` stops with it. */
function onError(
  op: LogicalOperator,
  errors: string[],
  reasons: string[],
  label: string,
  msg: string,
): KindVerdict | undefined {
  reasons.push(`${label}: error: ${msg}`);
  if (op === 'or') {
    errors.push(msg);
    return undefined;
  }
  return { pass: false, error: errMsg('data', msg), reasons };
}

/** gjson `Result.Float()` of a string (the templated text): ParseFloat, errors ignored. */
function floatOfText(s: string): number {
  return parseGoFloat(s);
}

function boolOfText(s: string): boolean {
  try {
    return parseGoBool(s.toLowerCase());
  } catch {
    return false;
  }
}

/** Compiles a dependency's data filters; `clock` drives `now` in templates. @default systemClock */
export function compileDataFilters(
  filters: readonly DataFilter[] | undefined,
  operator: string | undefined,
  clock?: Pick<Clock, 'now'>,
): CompiledDataFilters {
  const op: LogicalOperator = operatorOf(operator);
  const compiled = (filters ?? []).map((f, i) => compileOne(f, i, clock));
  const defined = filters !== undefined;
  return {
    defined,
    evaluate(event) {
      if (compiled.length === 0) return { pass: true, reasons: defined ? ['data: no filters, passes'] : [] };
      if (event.data === null)
        return { pass: true, reasons: ['data: event has no data, passes (as upstream)'] };
      if (!isDataValidJSON(event)) {
        const error = errMsg('data', 'event data not valid JSON');
        return { pass: false, error, reasons: [`data: ${error}`] };
      }
      const data = event.data;
      const reasons: string[] = [];
      const errors: string[] = [];
      for (const f of compiled) {
        const label = f.label;
        const r = get(data, f.path);
        if (!r.exists()) {
          const v = onError(op, errors, reasons, label, `path '${f.path}' does not exist`);
          if (v !== undefined) return v;
          continue;
        }
        if (f.values.length === 0) {
          const v = onError(op, errors, reasons, label, 'no values specified');
          if (v !== undefined) return v;
          continue;
        }
        // the text compared; after a template, the output read as a JSON string
        let seenText = r.string();
        let templated = false;
        if (f.template !== undefined) {
          let out: string;
          try {
            if (!f.template.ok) throw new Error(f.template.error);
            out = f.template.value.execute({ Input: seenText });
          } catch (err) {
            const v = onError(op, errors, reasons, label, err instanceof Error ? err.message : String(err));
            if (v !== undefined) return v;
            continue;
          }
          if (out === '' || out === '<no value>') {
            const v = onError(
              op,
              errors,
              reasons,
              label,
              op === 'or'
                ? `template evaluated to empty string or no value: '${f.templateSource}'`
                : `template '${f.templateSource}' evaluated to empty string or no value`,
            );
            if (v !== undefined) return v;
            continue;
          }
          seenText = out;
          templated = true;
        }
        let matched: string | undefined;
        let parseError: string | undefined;
        switch (f.type) {
          case 'bool': {
            const b = templated ? boolOfText(seenText) : r.bool();
            for (let i = 0; i < f.values.length; i++) {
              const p = f.bools[i]!;
              if (!p.ok) {
                parseError = p.error;
                break;
              }
              if (p.value === b) {
                matched = `is ${String(b)}, equals value ${show(f.values[i]!)}`;
                break;
              }
            }
            break;
          }
          case 'number': {
            const x = templated ? floatOfText(seenText) : r.float();
            for (let i = 0; i < f.values.length; i++) {
              const p = f.numbers[i]!;
              if (!p.ok) {
                parseError = p.error;
                break;
              }
              if (compareNumber(f.comparator, x, p.value)) {
                matched = `${x} ${f.comparator || '='} ${f.values[i]!}`;
                break;
              }
            }
            break;
          }
          case 'string': {
            for (let i = 0; i < f.values.length; i++) {
              const p = f.regexes[i]!;
              if (!p.ok) {
                parseError = p.error;
                break;
              }
              p.value.lastIndex = 0;
              const match = p.value.test(seenText);
              const cmp = f.comparator;
              if (((cmp === '=' || cmp === '') && match) || (cmp === '!=' && !match)) {
                matched = `${match ? 'matches' : 'does not match'} /${f.values[i]!}/`;
                break;
              }
            }
            break;
          }
          default: {
            const v = onError(op, errors, reasons, label, `unsupported JSON type '${f.type}'`);
            if (v !== undefined) return v;
            continue;
          }
        }
        if (matched !== undefined) {
          reasons.push(`${label} (${f.type}): value ${show(seenText)} ${matched}: passes`);
          if (op === 'or') return { pass: true, reasons };
          continue;
        }
        if (parseError !== undefined) {
          const v = onError(op, errors, reasons, label, parseError);
          if (v !== undefined) return v;
          continue;
        }
        reasons.push(
          `${label} (${f.type}): value ${show(seenText)} does not satisfy ${f.comparator || '='} ${JSON.stringify(f.values)}: fails`,
        );
        if (op === 'and') return { pass: false, reasons };
      }
      if (op === 'or') {
        if (errors.length > 0) return { pass: false, error: multiErrMsg('data', errors), reasons };
        return { pass: false, reasons };
      }
      return { pass: true, reasons };
    },
  };
}
