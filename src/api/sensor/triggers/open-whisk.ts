/** `template.openWhisk` rules (upstream `validateOpenWhiskTrigger`). */
import type { Issue } from '../../../shared/errors.js';
import { childPath } from '../../schema.js';
import { validateTriggerParameters } from '../parameters.js';
import type { OpenWhiskTrigger } from '../types.js';

export function validateOpenWhiskTrigger(trigger: OpenWhiskTrigger, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((trigger.actionName ?? '') === '') {
    issues.push({ path: childPath(path, 'actionName'), message: 'action name is not specified' });
  }
  if ((trigger.host ?? '') === '') {
    issues.push({ path: childPath(path, 'host'), message: 'host URL is not specified' });
  }
  const token = trigger.authToken;
  if (token !== undefined && ((token.name ?? '') === '' || (token.key ?? '') === '')) {
    issues.push({ path: childPath(path, 'authToken'), message: 'auth token key and name must be specified' });
  }
  issues.push(...validateTriggerParameters(trigger.parameters, childPath(path, 'parameters')));
  if (trigger.payload === undefined) {
    issues.push({ path: childPath(path, 'payload'), message: 'payload parameters are not specified' });
  }
  issues.push(...validateTriggerParameters(trigger.payload, childPath(path, 'payload')));
  return issues;
}
