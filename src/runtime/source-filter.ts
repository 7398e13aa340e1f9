/**
 * The EventSource-level `filter.expression` (spec/eventsources.md §4, upstream `filterEvent`):
 * the data document becomes the environment (top-level `-` → `_`, dotted top-level keys
 * expanded into nested maps, by the expr-lang kernel) and the expression must evaluate to a
 * boolean.
 */
import { buildFilterEnv, evalBool } from '../kernels/expr-lang/index.js';
import { ExpressionError } from '../shared/errors.js';

/** Evaluates an expr-lang expression over `env`; returns its value. */
export type FilterEvaluator = (expression: string, env: Record<string, unknown>) => unknown;

/** The default evaluator: the expr-lang kernel (antonmedv/expr v1.15 subset with upstream's helpers). */
export const exprLangEvaluator: FilterEvaluator = evalBool;

/** Upstream's environment for the filter. Throws when the data is not a JSON object. */
export function filterEnvironment(data: Uint8Array): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (err: unknown) {
    throw new ExpressionError('event data is not JSON', { cause: err });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ExpressionError('event data is not a JSON object');
  }
  return buildFilterEnv(doc as Record<string, unknown>);
}

/** True when the filter lets the event through; throws on a non-boolean result or an evaluation error. */
export function evaluateSourceFilter(
  expression: string,
  data: Uint8Array,
  evaluator: FilterEvaluator = exprLangEvaluator,
): boolean {
  const result = evaluator(expression, filterEnvironment(data));
  if (typeof result !== 'boolean')
    throw new ExpressionError(`filter expression result is not a boolean: ${String(result)}`);
  return result;
}
