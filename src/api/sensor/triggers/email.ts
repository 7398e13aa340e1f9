/** `template.email` rules (upstream `validateEmailTrigger`). */
import type { Issue } from '../../../shared/errors.js';
import { childPath } from '../../schema.js';
import { validateTriggerParameters } from '../parameters.js';
import type { EmailTrigger } from '../types.js';

export function validateEmailTrigger(trigger: EmailTrigger, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((trigger.host ?? '') === '') {
    issues.push({ path: childPath(path, 'host'), message: "host can't be empty" });
  }
  const port = trigger.port ?? 0;
  if (port < 0 || port > 65535) {
    issues.push({ path: childPath(path, 'port'), message: `port: ${port}, port should be between 0-65535` });
  }
  issues.push(...validateTriggerParameters(trigger.parameters, childPath(path, 'parameters')));
  return issues;
}
