/** `template.custom` rules (upstream `validateCustomTrigger`). */
import type { Issue } from '../../../shared/errors.js';
import { childPath } from '../../schema.js';
import { validateTriggerParameters } from '../parameters.js';
import type { CustomTrigger } from '../types.js';

export function validateCustomTrigger(trigger: CustomTrigger, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((trigger.serverURL ?? '') === '') {
    issues.push({
      path: childPath(path, 'serverURL'),
      message: 'custom trigger gRPC server url is not defined',
    });
  }
  if (trigger.spec === undefined) {
    issues.push({ path: childPath(path, 'spec'), message: "trigger body can't be empty" });
  }
  if (trigger.secure === true && trigger.certSecret === undefined) {
    issues.push({
      path: childPath(path, 'certSecret'),
      message: "certSecret can't be nil when the trigger server connection is secure",
    });
  }
  issues.push(...validateTriggerParameters(trigger.parameters, childPath(path, 'parameters')));
  return issues;
}
