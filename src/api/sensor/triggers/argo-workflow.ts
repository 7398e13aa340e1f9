/** `template.argoWorkflow` rules (upstream `validateArgoWorkflowTrigger`). */
import type { Issue } from '../../../shared/errors.js';
import { childPath } from '../../schema.js';
import { validateTriggerParameters } from '../parameters.js';
import type { ArgoWorkflowTrigger } from '../types.js';

/**
 * Argo Workflow operations. Validation requires one to be set even though the trigger itself
 * would default an empty operation to `submit` (spec/triggers.md, DOC-DRIFT).
 */
export const argoWorkflowOperations: readonly string[] = [
  'submit',
  'submit-from',
  'suspend',
  'retry',
  'resume',
  'resubmit',
  'terminate',
  'stop',
];

export function validateArgoWorkflowTrigger(trigger: ArgoWorkflowTrigger, path: string): Issue[] {
  const issues: Issue[] = [];
  if (trigger.source === undefined) {
    issues.push({
      path: childPath(path, 'source'),
      message: 'argoWorkflow trigger does not contain an absolute action',
    });
  }
  const op = trigger.operation ?? '';
  if (!argoWorkflowOperations.includes(op)) {
    issues.push({ path: childPath(path, 'operation'), message: `unknown operation type ${op}` });
  }
  issues.push(...validateTriggerParameters(trigger.parameters, childPath(path, 'parameters')));
  return issues;
}
