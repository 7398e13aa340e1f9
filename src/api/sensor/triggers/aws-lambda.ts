/** `template.awsLambda` rules (upstream `validateAWSLambdaTrigger`). */
import type { Issue } from '../../../shared/errors.js';
import { childPath } from '../../schema.js';
import { validateTriggerParameters } from '../parameters.js';
import type { AWSLambdaTrigger } from '../types.js';

export function validateAwsLambdaTrigger(trigger: AWSLambdaTrigger, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((trigger.functionName ?? '') === '') {
    issues.push({ path: childPath(path, 'functionName'), message: 'function name is not specified' });
  }
  if ((trigger.region ?? '') === '') {
    issues.push({ path: childPath(path, 'region'), message: 'region in not specified' });
  }
  if (trigger.payload === undefined) {
    issues.push({ path: childPath(path, 'payload'), message: 'payload parameters are not specified' });
  }
  issues.push(...validateTriggerParameters(trigger.parameters, childPath(path, 'parameters')));
  issues.push(...validateTriggerParameters(trigger.payload, childPath(path, 'payload')));
  return issues;
}
