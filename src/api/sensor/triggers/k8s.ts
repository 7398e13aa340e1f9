/** `template.k8s` rules (upstream `validateK8STrigger`). */
import type { Issue } from '../../../shared/errors.js';
import { childPath } from '../../schema.js';
import { validateTriggerParameters } from '../parameters.js';
import type { StandardK8STrigger } from '../types.js';

/** Kubernetes operations; empty means `create`. */
export const k8sOperations: readonly string[] = ['', 'create', 'update', 'patch', 'delete'];

export function validateK8sTrigger(trigger: StandardK8STrigger, path: string): Issue[] {
  const issues: Issue[] = [];
  if (trigger.source === undefined) {
    issues.push({
      path: childPath(path, 'source'),
      message: 'k8s trigger does not contain an absolute action',
    });
  }
  const op = trigger.operation ?? '';
  if (!k8sOperations.includes(op)) {
    issues.push({ path: childPath(path, 'operation'), message: `unknown operation type ${op}` });
  }
  issues.push(...validateTriggerParameters(trigger.parameters, childPath(path, 'parameters')));
  return issues;
}
