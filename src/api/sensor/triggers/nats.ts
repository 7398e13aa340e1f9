/** `template.nats` rules (upstream `validateNATSTrigger`). */
import type { Issue } from '../../../shared/errors.js';
import { childPath } from '../../schema.js';
import { validateTriggerParameters } from '../parameters.js';
import type { NATSTrigger } from '../types.js';

export function validateNatsTrigger(trigger: NATSTrigger, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((trigger.url ?? '') === '') {
    issues.push({ path: childPath(path, 'url'), message: "nats server url can't be empty" });
  }
  if ((trigger.subject ?? '') === '') {
    issues.push({ path: childPath(path, 'subject'), message: "nats subject can't be empty" });
  }
  if (trigger.payload === undefined) {
    issues.push({ path: childPath(path, 'payload'), message: "payload can't be nil" });
  }
  issues.push(...validateTriggerParameters(trigger.payload, childPath(path, 'payload')));
  return issues;
}
