import type { Issue } from '../../../shared/errors.js';
import type { TriggerTemplate, TriggerType } from '../types.js';

/**
 * Validates one trigger type's block (`template.<type>`) found at `path`
 * (`spec.triggers[0].template.http`). Returns every problem, with upstream's messages.
 */
export type TriggerValidator<K extends TriggerType> = (
  trigger: NonNullable<TriggerTemplate[K]>,
  path: string,
) => Issue[];
