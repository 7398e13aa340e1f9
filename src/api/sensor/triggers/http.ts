/** `template.http` rules (upstream `validateHTTPTrigger`). */
import type { Issue } from '../../../shared/errors.js';
import { childPath } from '../../schema.js';
import { validateTriggerParameters } from '../parameters.js';
import type { HTTPTrigger } from '../types.js';

/** Methods validation accepts, upper case only, as upstream compares them exactly. */
export const httpMethods: readonly string[] = ['GET', 'DELETE', 'PATCH', 'POST', 'PUT'];

export function validateHttpTrigger(trigger: HTTPTrigger, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((trigger.url ?? '') === '') {
    issues.push({ path: childPath(path, 'url'), message: 'server URL is not specified' });
  }
  const method = trigger.method ?? '';
  if (method !== '' && !httpMethods.includes(method)) {
    issues.push({
      path: childPath(path, 'method'),
      message: 'only GET, DELETE, PATCH, POST and PUT methods are supported',
    });
  }
  issues.push(...validateTriggerParameters(trigger.parameters, childPath(path, 'parameters')));
  // a payload parameter without dest replaces the whole body
  issues.push(
    ...validateTriggerParameters(trigger.payload, childPath(path, 'payload'), { allowEmptyDest: true }),
  );
  return issues;
}
