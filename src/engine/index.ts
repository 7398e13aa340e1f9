/**
 * The sensor engine (layer 3): pure decisions from a Sensor spec and events, with reasons. See
 * docs/engine.md. The runtime, `argus explain` and the UI import from here.
 */
export {
  compileSensor,
  type CompileSensorOptions,
  type CompiledSensor,
  type CompiledTrigger,
  type ApplyResult,
} from './sensor.js';
export type { DependencyVerdict, CompiledDependency } from './dependencies.js';
export {
  emptyConditionState,
  resolveConditions,
  type ConditionState,
  type ConditionSpecSnapshot,
  type Conditions,
  type Firing,
  type StoredEvent,
} from './conditions.js';
export type { ConditionsReset } from './conditions-reset.js';
export {
  contextJSON,
  eventTimeMs,
  formatCloudEvent,
  makeEvent,
  parseCloudEvent,
  wholeEventJSON,
  type Event,
  type EventContextValues,
} from './event.js';
export {
  explainSensor,
  formatExplanation,
  type Explanation,
  type ExplainedEvent,
  type ExplainedTrigger,
} from './explain.js';
export { resolveTrigger, triggerSelectionOrder, triggerTypeOf, type ResolvedTrigger } from './payload.js';
export {
  applyParams,
  constructPayload,
  resolveDynamicHeaders,
  resolveParamValue,
  type EventMap,
  type ParameterTrace,
  type ResolvedValue,
} from './parameters.js';
export type { LuaLimits } from './transform/lua.js';
