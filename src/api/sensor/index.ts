/** The Sensor kind: types and codecs (validation in ./validate.js). */
export * from './types.js';
export * from './validate.js';
export { validateTriggerParameter, validateTriggerParameters } from './parameters.js';
export { triggerValidators, type TriggerValidator } from './triggers/index.js';
