/**
 * `template.azureServiceBus` rules. Upstream's sensor validation has no rule for this trigger type
 * (its fields are only decoded); problems surface when the trigger runs. Kept as its own file so
 * every trigger type has one place for its rules.
 */
import type { Issue } from '../../../shared/errors.js';
import type { AzureServiceBusTrigger } from '../types.js';

export function validateAzureServiceBusTrigger(_trigger: AzureServiceBusTrigger, _path: string): Issue[] {
  return [];
}
