/**
 * A sensor compiled once for the runtime, `argus explain` and the UI: dependencies with their
 * filters pre-parsed, triggers with their conditions resolved, and pure functions from
 * (state, event) to decisions. The runtime does only I/O around these.
 */
import type { EventDependency, SensorSpec, Trigger } from '../api/sensor/index.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { TriggerError } from '../shared/errors.js';
import { compileConditionsReset, type ConditionsReset } from './conditions-reset.js';
import {
  advanceTrigger,
  clearTrigger,
  pruneTriggerBefore,
  reconcileConditionState,
  snapshotConditionSpec,
  type ConditionSpecSnapshot,
  resolveConditions,
  type ConditionState,
  type Conditions,
  type Firing,
} from './conditions.js';
import { compileDependency, type CompiledDependency, type DependencyVerdict } from './dependencies.js';
import type { Event } from './event.js';
import type { EventMap } from './parameters.js';
import { resolveTrigger, triggerTypeOf, type ResolvedTrigger } from './payload.js';
import { loadJqRuntime } from './transform/jq.js';
import { loadLuaRuntime, type LuaLimits } from './transform/lua.js';
import { transformKind, type ScriptRuntimes } from './transform/index.js';

/** Options of {@link compileSensor}. */
export interface CompileSensorOptions {
  /** Time source for stored partial matches and for `now` in Go templates (data filters, parameters). @default systemClock */
  readonly clock?: Pick<Clock, 'now'>;
  /** Limits for Lua transforms and script filters. */
  readonly luaLimits?: LuaLimits;
}

/** A trigger of a compiled sensor. */
export interface CompiledTrigger {
  readonly name: string;
  readonly definition: Trigger;
  /** The trigger type block in use (upstream order), undefined when none is set. */
  readonly type: string | undefined;
  /** Resolved conditions; undefined when `error` is set. */
  readonly conditions: Conditions | undefined;
  /** Why this trigger is disabled (invalid conditions): it never fires, the rest of the sensor runs. */
  readonly error: string | undefined;
  /** `conditionsReset` schedules (the runtime sets its timers from `next`). */
  readonly reset: ConditionsReset;
}

/** The outcome of one met dependency across the triggers that listen to it. */
export interface ApplyResult {
  readonly state: ConditionState;
  readonly fired: readonly Firing[];
}

/** A compiled sensor. */
export interface CompiledSensor {
  /** Dependencies by unique name (a later definition with the same name wins, as upstream). */
  readonly dependencies: readonly CompiledDependency[];
  readonly triggers: readonly CompiledTrigger[];
  /** What partial-match state is built against; save it with the state. */
  readonly snapshot: ConditionSpecSnapshot;
  /** At start: purges partial matches that the change from `previous` (the saved snapshot) invalidates. */
  reconcileState(state: ConditionState, previous: ConditionSpecSnapshot | undefined): ConditionState;
  /** Every dependency's verdict on an event: matched, transformed, filtered, with reasons. */
  matchEvent(event: Event): DependencyVerdict[];
  /**
   * Records that `depName` was met by `event` (already transformed) for every enabled trigger whose
   * conditions mention it, in trigger order; returns the new state and the firings.
   */
  applyEvent(state: ConditionState, depName: string, event: Event): ApplyResult;
  /**
   * Applies every passed verdict of {@link matchEvent}; per trigger, dependencies are taken in the
   * order of its conditions, as upstream processes them.
   */
  applyVerdicts(state: ConditionState, verdicts: readonly DependencyVerdict[]): ApplyResult;
  /** Clears one trigger's partial matches (a conditionsReset tick). */
  resetTrigger(state: ConditionState, triggerName: string): ConditionState;
  /**
   * At start: drops partial matches stored before each trigger's most recent conditionsReset tick
   * preceding `now` (`sensors.md` §7.3 rule 3).
   */
  pruneMissedResets(state: ConditionState, now: Date): ConditionState;
  /** What a trigger would do with these events (template, resource, payload). */
  resolveTrigger(triggerName: string, events: EventMap): ResolvedTrigger;
}

/** Whether a sensor needs the jq or Lua wasm runtimes. */
function neededRuntimes(deps: readonly EventDependency[]): { jq: boolean; lua: boolean } {
  let jq = false;
  let lua = false;
  for (const d of deps) {
    const k = transformKind(d.transform);
    if (k === 'jq') jq = true;
    if (k === 'script' || (d.filters?.script ?? '') !== '') lua = true;
  }
  return { jq, lua };
}

/**
 * Compiles a sensor spec. Asynchronous only to load the jq/Lua wasm modules when the sensor uses
 * them (once per process); everything after is synchronous.
 */
export async function compileSensor(
  spec: SensorSpec,
  options: CompileSensorOptions = {},
): Promise<CompiledSensor> {
  const clock = options.clock ?? systemClock;
  const depDefs = spec.dependencies ?? [];
  const need = neededRuntimes(depDefs);
  const runtimes: ScriptRuntimes = {
    jq: need.jq ? await loadJqRuntime() : undefined,
    lua: need.lua ? await loadLuaRuntime() : undefined,
    luaLimits: options.luaLimits,
  };
  const byName = new Map<string, EventDependency>();
  for (const d of depDefs) byName.set(d.name ?? '', d);
  const dependencies = [...byName.values()].map((d) => compileDependency(d, runtimes, clock));
  const depIndex = new Map(dependencies.map((d) => [d.name, d]));

  const triggers: CompiledTrigger[] = (spec.triggers ?? []).map((t) => {
    const name = t.template?.name ?? '';
    const reset = compileConditionsReset(t.template?.conditionsReset);
    try {
      const conditions = resolveConditions(t.template ?? {}, depDefs);
      const missing = conditions.dependencies.find((d) => !depIndex.has(d));
      if (missing !== undefined) throw new Error(`dependency ${missing} is not found`);
      return { name, definition: t, type: triggerTypeOf(t.template), conditions, error: undefined, reset };
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      return {
        name,
        definition: t,
        type: triggerTypeOf(t.template),
        conditions: undefined,
        error: `trigger ${name} is disabled: ${msg}`,
        reset,
      };
    }
  });
  const triggerIndex = new Map(triggers.map((t) => [t.name, t]));

  const applyMany = (state: ConditionState, met: ReadonlyMap<string, Event>): ApplyResult => {
    const fired: Firing[] = [];
    const now = new Date(clock.now());
    for (const t of triggers) {
      if (t.conditions === undefined) continue;
      for (const dep of t.conditions.dependencies) {
        const e = met.get(dep);
        if (e === undefined) continue;
        const r = advanceTrigger(state, t.name, t.conditions, dep, e, now);
        state = r.state;
        if (r.firing !== undefined) fired.push(r.firing);
      }
    }
    return { state, fired };
  };

  const snapshot = snapshotConditionSpec(spec.triggers ?? [], depDefs);
  return {
    dependencies,
    triggers,
    snapshot,
    reconcileState: (state, previous) => reconcileConditionState(state, previous, snapshot),
    matchEvent: (event) => dependencies.map((d) => d.evaluate(event)),
    applyEvent: (state, depName, event) => applyMany(state, new Map([[depName, event]])),
    applyVerdicts(state, verdicts) {
      const met = new Map<string, Event>();
      for (const v of verdicts) if (v.passed && v.event !== undefined) met.set(v.name, v.event);
      return applyMany(state, met);
    },
    resetTrigger: (state, triggerName) => clearTrigger(state, triggerName),
    pruneMissedResets(state, now) {
      for (const t of triggers) {
        const last = t.reset.enabled ? t.reset.last(now) : undefined;
        if (last !== undefined) state = pruneTriggerBefore(state, t.name, last);
      }
      return state;
    },
    resolveTrigger(triggerName, events) {
      const t = triggerIndex.get(triggerName);
      if (t === undefined) throw new TriggerError(`no trigger named ${triggerName}`);
      return resolveTrigger(t.definition, events, { clock });
    },
  };
}
