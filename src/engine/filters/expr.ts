/**
 * `filters.exprs` (`filters.md` §5): govaluate expressions over `fields` bound from gjson paths,
 * compiled once per dependency. Evaluation follows upstream's filterExpr.
 */
import type { ExprFilter } from '../../api/sensor/index.js';
import { parseExpression, type Expression } from '../../kernels/expr/index.js';
import { get } from '../../kernels/gjson-path/index.js';
import type { Event } from '../event.js';
import { isDataValidJSON, show } from './event-data.js';
import { errMsg, multiErrMsg, operatorOf, type KindVerdict } from './verdict.js';

/** Compiled `filters.exprs` plus `exprLogicalOperator`. */
export interface CompiledExprFilters {
  /** Whether the kind is defined (`exprs` present, even empty). */
  readonly defined: boolean;
  evaluate(event: Event): KindVerdict;
}

interface CompiledExpr {
  readonly index: number;
  readonly label: string;
  readonly source: string;
  readonly fields: readonly { name: string; path: string }[];
  readonly expression: { ok: true; value: Expression } | { ok: false; error: string };
}

/** Compiles a dependency's expression filters. */
export function compileExprFilters(
  filters: readonly ExprFilter[] | undefined,
  operator: string | undefined,
): CompiledExprFilters {
  const op = operatorOf(operator);
  const compiled: CompiledExpr[] = (filters ?? []).map((f, index) => {
    const source = f.expr ?? '';
    let expression: CompiledExpr['expression'];
    try {
      expression = { ok: true, value: parseExpression(source) };
    } catch (err) {
      expression = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    const fields = (f.fields ?? []).map((x) => ({ name: x.name ?? '', path: x.path ?? '' }));
    return { index, label: `exprs[${index}] '${source}'`, source, fields, expression };
  });
  const defined = filters !== undefined;
  return {
    defined,
    evaluate(event) {
      if (!defined) return { pass: true, reasons: [] };
      if (event.data === null)
        return { pass: true, reasons: ['exprs: event has no data, passes (as upstream)'] };
      if (!isDataValidJSON(event)) {
        const error = errMsg('expr', 'event data not valid JSON');
        return { pass: false, error, reasons: [`exprs: ${error}`] };
      }
      const data = event.data;
      const reasons: string[] = [];
      const errors: string[] = [];
      next: for (const f of compiled) {
        const label = f.label;
        const params: Record<string, unknown> = {};
        const bound: string[] = [];
        let count = 0;
        for (const field of f.fields) {
          const r = get(data, field.path);
          if (!r.exists()) {
            const msg = `path '${field.path}' does not exist`;
            reasons.push(`${label}: field ${field.name}: error: ${msg}`);
            if (op === 'or') {
              errors.push(msg);
              continue next;
            }
            return { pass: false, error: errMsg('expr', msg), reasons };
          }
          if (!(field.name in params)) count++;
          params[field.name] = r.value();
          bound.push(`${field.name}=${show(r.raw, 40)}`);
        }
        if (count === 0) {
          reasons.push(`${label}: no fields bound, skipped`);
          continue;
        }
        let result: unknown;
        try {
          if (!f.expression.ok) throw new Error(f.expression.error);
          result = f.expression.value.evaluate(params);
        } catch (err) {
          const msg = err instanceof Error ? err.message : String(err);
          reasons.push(`${label} with ${bound.join(', ')}: error: ${msg}`);
          if (op === 'or') {
            errors.push(msg);
            continue;
          }
          return { pass: false, error: errMsg('expr', msg), reasons };
        }
        const pass = result === true;
        reasons.push(
          `${label} with ${bound.join(', ')}: ${pass ? 'true: passes' : `${show(String(result))}: fails`}`,
        );
        if (pass && op === 'or') return { pass: true, reasons };
        if (!pass && op === 'and') return { pass: false, reasons };
      }
      if (op === 'or') {
        if (errors.length > 0) return { pass: false, error: multiErrMsg('expr', errors), reasons };
        return { pass: false, reasons };
      }
      return { pass: true, reasons };
    },
  };
}
