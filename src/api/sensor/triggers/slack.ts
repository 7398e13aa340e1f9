/** `template.slack` rules (upstream `validateSlackTrigger`). */
import type { Issue } from '../../../shared/errors.js';
import { childPath } from '../../schema.js';
import { validateTriggerParameters } from '../parameters.js';
import type { SlackTrigger } from '../types.js';

export function validateSlackTrigger(trigger: SlackTrigger, path: string): Issue[] {
  const issues: Issue[] = [];
  if (trigger.slackToken === undefined) {
    issues.push({ path: childPath(path, 'slackToken'), message: "slack token can't be empty" });
  }
  issues.push(...validateTriggerParameters(trigger.parameters, childPath(path, 'parameters')));
  return issues;
}
