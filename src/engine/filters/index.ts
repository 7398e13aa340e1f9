/**
 * A dependency's filters combined (`filters.md` §2): kinds evaluated in the order expr, data,
 * context, time, script; `filtersLogicalOperator` and/or; any error discards the event (upstream's
 * public Filter returns false whenever an error occurred, even with `or`).
 */
import type { EventDependencyFilter } from '../../api/sensor/index.js';
import type { Clock } from '../../shared/clock.js';
import type { Event } from '../event.js';
import type { LuaLimits, LuaRuntime } from '../transform/lua.js';
import { evaluateContextFilter } from './context.js';
import { compileDataFilters } from './data.js';
import { compileExprFilters } from './expr.js';
import { evaluateScriptFilter } from './script.js';
import { evaluateTimeFilter } from './time.js';
import { operatorOf, type KindVerdict } from './verdict.js';

export type { KindVerdict } from './verdict.js';

/** The combined verdict of a dependency's filters. */
export interface FiltersVerdict {
  /** Whether the event meets the dependency (false whenever there is an error). */
  readonly pass: boolean;
  /** What upstream's internal step decided before errors turned it false (differs only with `or`). */
  readonly internalPass: boolean;
  /** The error text, kinds joined with ` / ` as upstream. */
  readonly error?: string;
  readonly reasons: readonly string[];
}

/** A dependency's filters, compiled once. */
export interface CompiledFilters {
  evaluate(event: Event): FiltersVerdict;
}

/**
 * Compiles `filters` + `filtersLogicalOperator`; `lua` is needed only when a script is set; `clock`
 * drives `now` in data filter templates (@default systemClock).
 */
export function compileFilters(
  filters: EventDependencyFilter | undefined,
  filtersLogicalOperator: string | undefined,
  lua?: LuaRuntime,
  luaLimits?: LuaLimits,
  clock?: Pick<Clock, 'now'>,
): CompiledFilters {
  if (filters === undefined) {
    return { evaluate: () => ({ pass: true, internalPass: true, reasons: ['no filters: passes'] }) };
  }
  const op = operatorOf(filtersLogicalOperator);
  const exprs = compileExprFilters(filters.exprs, filters.exprLogicalOperator);
  const data = compileDataFilters(filters.data, filters.dataLogicalOperator, clock);
  const script = filters.script ?? '';
  const evaluators: ((event: Event) => KindVerdict)[] = [
    (e) => exprs.evaluate(e),
    (e) => data.evaluate(e),
    (e) => evaluateContextFilter(filters.context, e),
    (e) => evaluateTimeFilter(filters.time, e),
  ];
  const defined = [exprs.defined, data.defined, filters.context !== undefined, filters.time !== undefined];
  return {
    evaluate(event) {
      const reasons: string[] = [];
      const errors: string[] = [];
      const kinds: KindVerdict[] = [];
      // upstream evaluates every kind in this order; with `and` the first error stops
      for (const evaluateKind of evaluators) {
        const v = evaluateKind(event);
        kinds.push(v);
        for (const r of v.reasons) reasons.push(r);
        if (v.error === undefined) continue;
        if (op === 'and') return { pass: false, internalPass: false, error: v.error, reasons };
        errors.push(v.error);
      }
      const s = evaluateScriptFilter(script, event, lua, luaLimits);
      for (const r of s.reasons) reasons.push(r);
      if (s.error !== undefined) return { pass: false, internalPass: false, error: s.error, reasons };
      if (op === 'or') {
        let internalPass = script !== '' && s.pass;
        for (let i = 0; i < kinds.length; i++) if (defined[i] === true && kinds[i]!.pass) internalPass = true;
        if (errors.length > 0) return { pass: false, internalPass, error: errors.join(' / '), reasons };
        if (!defined.includes(true) && script === '')
          reasons.push('filtersLogicalOperator or: no filter kind defined, fails');
        return { pass: internalPass, internalPass, reasons };
      }
      if (reasons.length === 0) reasons.push('no filter kind defined: passes');
      const pass = s.pass && kinds.every((v) => v.pass);
      return { pass, internalPass: pass, reasons };
    },
  };
}
