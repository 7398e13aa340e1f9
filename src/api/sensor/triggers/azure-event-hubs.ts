/**
 * `template.azureEventHubs` rules. Upstream's sensor validation has no rule for this trigger type
 * (its fields are only decoded); problems surface when the trigger runs. Kept as its own file so
 * every trigger type has one place for its rules.
 */
import type { Issue } from '../../../shared/errors.js';
import type { AzureEventHubsTrigger } from '../types.js';

export function validateAzureEventHubsTrigger(_trigger: AzureEventHubsTrigger, _path: string): Issue[] {
  return [];
}
