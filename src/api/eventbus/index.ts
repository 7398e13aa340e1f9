/** The EventBus kind: types and codecs (validation in ./validate.js). */
export * from './types.js';
export * from './validate.js';
