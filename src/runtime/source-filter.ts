/**
 * The EventSource-level `filter.expression` (spec/eventsources.md §4, upstream `filterEvent`):
 * the data document becomes the environment (top-level `-` → `_`, dotted top-level keys
 * expanded into nested maps) and the expression must evaluate to a boolean.
 */
import { ExpressionError } from '../shared/errors.js';

/** Evaluates an expr-lang expression over `env`; returns its value. */
export type FilterEvaluator = (expression: string, env: Record<string, unknown>) => unknown;

/** Upstream's environment for the filter: see the module comment. Throws when data is not a JSON object. */
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
  const env: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) env[k.replaceAll('-', '_')] = v;
  const expandedRoots = new Set<string>();
  for (const key of Object.keys(env)) {
    if (!key.includes('.')) continue;
    const value = env[key];
    delete env[key];
    const parts = key.split('.');
    // a plain key `a` gives way to the expansion of `a.b` (upstream drops it)
    if (!expandedRoots.has(parts[0]!)) {
      env[parts[0]!] = {};
      expandedRoots.add(parts[0]!);
    }
    let node = env;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = value;
  }
  return env;
}

/** True when the filter lets the event through; throws on a non-boolean result or an evaluation error. */
export function evaluateSourceFilter(
  expression: string,
  data: Uint8Array,
  evaluator: FilterEvaluator | undefined,
): boolean {
  if (evaluator === undefined) {
    throw new ExpressionError(
      'filter.expression needs the expr-lang kernel, which this build does not have yet',
    );
  }
  const result = evaluator(expression, filterEnvironment(data));
  if (typeof result !== 'boolean')
    throw new ExpressionError(`filter expression result is not a boolean: ${String(result)}`);
  return result;
}
