/**
 * Trigger parameter rules (upstream `validateTriggerParameter` and
 * `validateTriggerParameterForHTTP` in pkg/reconciler/sensor/validate.go).
 */
import type { Issue } from '../../shared/errors.js';
import { childPath } from '../schema.js';
import type { TriggerParameter } from './types.js';

/** Upstream's parameter operations; empty means overwrite. */
const operations = new Set(['', 'overwrite', 'append', 'prepend']);

export interface ParameterRules {
  /** Only http `payload` parameters may leave `dest` empty (the value becomes the whole body). @default false */
  readonly allowEmptyDest?: boolean;
}

/** Checks one parameter found at `path`. */
export function validateTriggerParameter(
  parameter: TriggerParameter,
  path: string,
  rules: ParameterRules = {},
): Issue[] {
  const issues: Issue[] = [];
  if (parameter.src === undefined) {
    issues.push({ path: childPath(path, 'src'), message: "parameter source can't be empty" });
  } else if ((parameter.src.dependencyName ?? '') === '') {
    issues.push({
      path: childPath(childPath(path, 'src'), 'dependencyName'),
      message: "parameter dependency name can't be empty",
    });
  }
  if (rules.allowEmptyDest !== true && (parameter.dest ?? '') === '') {
    issues.push({ path: childPath(path, 'dest'), message: "parameter destination can't be empty" });
  }
  const op = parameter.operation ?? '';
  if (!operations.has(op)) {
    issues.push({ path: childPath(path, 'operation'), message: `parameter operation ${op} is invalid` });
  }
  return issues;
}

/** Checks every parameter of a list found at `path` (absent lists are fine). */
export function validateTriggerParameters(
  parameters: readonly TriggerParameter[] | undefined,
  path: string,
  rules: ParameterRules = {},
): Issue[] {
  return (parameters ?? []).flatMap((p, i) => validateTriggerParameter(p, childPath(path, i), rules));
}
