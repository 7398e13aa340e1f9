/**
 * `spec.dependencies[].transform` (`transform.md`): jq wins over script; an event without data is
 * returned unchanged; data must be a JSON object; the result replaces the data and the content
 * type becomes `application/json`.
 */
import type { EventDependencyTransformer } from '../../api/sensor/index.js';
import { ScriptError } from '../../shared/errors.js';
import { withJSONData, type Event } from '../event.js';
import { runJqTransform, type JqRuntime } from './jq.js';
import { runLuaTransform, type LuaLimits, type LuaRuntime } from './lua.js';

/** The wasm runtimes a sensor needs; absent ones are loaded only when a sensor uses them. */
export interface ScriptRuntimes {
  readonly jq?: JqRuntime;
  readonly lua?: LuaRuntime;
  readonly luaLimits?: LuaLimits;
}

/** Which transform kind applies (`jq` wins), or undefined for none. */
export function transformKind(t: EventDependencyTransformer | undefined): 'jq' | 'script' | undefined {
  if (t === undefined) return undefined;
  if (t.jq !== undefined && t.jq !== '') return 'jq';
  if (t.script !== undefined && t.script !== '') return 'script';
  return undefined;
}

/** Decodes event data for a transform or script filter: must be valid JSON. */
export function decodeDataForScript(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch (err) {
    throw new ScriptError(
      `event data is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

/**
 * Applies a transform and returns the new event.
 * @throws ScriptError when the transform fails (the dependency then ignores the event).
 */
export function applyTransform(
  event: Event,
  transform: EventDependencyTransformer | undefined,
  runtimes: ScriptRuntimes,
): Event {
  const kind = transformKind(transform);
  if (kind === undefined || event.data === null) return event;
  const data = decodeDataForScript(event.data);
  if (kind === 'jq') {
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw new ScriptError(
        'json: cannot unmarshal non-object data into Go value of type map[string]interface {}',
      );
    if (runtimes.jq === undefined) throw new ScriptError('jq runtime not loaded');
    return withJSONData(event, runJqTransform(runtimes.jq, transform?.jq ?? '', data));
  }
  if (runtimes.lua === undefined) throw new ScriptError('lua runtime not loaded');
  return withJSONData(
    event,
    runLuaTransform(runtimes.lua, transform?.script ?? '', data, runtimes.luaLimits),
  );
}
