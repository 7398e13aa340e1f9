/** `template.kafka` rules (upstream `validateKafkaTrigger`). */
import type { Issue } from '../../../shared/errors.js';
import { childPath } from '../../schema.js';
import { validateTriggerParameters } from '../parameters.js';
import type { KafkaTrigger } from '../types.js';

export function validateKafkaTrigger(trigger: KafkaTrigger, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((trigger.url ?? '') === '') {
    issues.push({ path: childPath(path, 'url'), message: 'broker url must not be empty' });
  }
  if (trigger.payload === undefined) {
    issues.push({ path: childPath(path, 'payload'), message: 'payload must not be empty' });
  }
  if ((trigger.topic ?? '') === '') {
    issues.push({ path: childPath(path, 'topic'), message: 'topic must not be empty' });
  }
  // upstream checks only the payload list here, not `parameters`
  issues.push(...validateTriggerParameters(trigger.payload, childPath(path, 'payload')));
  return issues;
}
