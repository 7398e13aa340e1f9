/**
 * Dependency matching and evaluation (`sensors.md` §4): an event matches a dependency iff its
 * `source` equals `eventSourceName` and its `subject` equals `eventName`; then the dependency's
 * transform runs, then its filters, on the transformed event.
 */
import type { EventDependency } from '../api/sensor/index.js';
import type { Clock } from '../shared/clock.js';
import type { Event } from './event.js';
import { compileFilters, type CompiledFilters } from './filters/index.js';
import { applyTransform, transformKind, type ScriptRuntimes } from './transform/index.js';

/** What one dependency made of one event. */
export interface DependencyVerdict {
  readonly name: string;
  /** source/subject equal eventSourceName/eventName. */
  readonly matched: boolean;
  /** Matched, transformed without error, and filters passed: the dependency is met. */
  readonly passed: boolean;
  /** Why, line by line: the match, the transform, each filter. */
  readonly reasons: readonly string[];
  /** The transform or filter error, if any. */
  readonly error?: string;
  /** The (transformed) event that meets the dependency, when passed. */
  readonly event?: Event;
}

/** A dependency compiled once: filters pre-parsed. */
export interface CompiledDependency {
  readonly name: string;
  readonly eventSourceName: string;
  readonly eventName: string;
  readonly definition: EventDependency;
  /** Whether `event` is addressed to this dependency. */
  matches(event: Event): boolean;
  /** Match, transform and filter. */
  evaluate(event: Event): DependencyVerdict;
}

/**
 * Compiles a dependency; `runtimes` must hold jq/Lua when its transform or script filter needs them;
 * `clock` drives `now` in data filter templates. @default systemClock
 */
export function compileDependency(
  dep: EventDependency,
  runtimes: ScriptRuntimes,
  clock?: Pick<Clock, 'now'>,
): CompiledDependency {
  const name = dep.name ?? '';
  const eventSourceName = dep.eventSourceName ?? '';
  const eventName = dep.eventName ?? '';
  const filters: CompiledFilters = compileFilters(
    dep.filters,
    dep.filtersLogicalOperator,
    runtimes.lua,
    runtimes.luaLimits,
    clock,
  );
  const tKind = transformKind(dep.transform);
  const matches = (e: Event): boolean =>
    e.context.source === eventSourceName && e.context.subject === eventName;
  return {
    name,
    eventSourceName,
    eventName,
    definition: dep,
    matches,
    evaluate(event) {
      if (!matches(event)) {
        return {
          name,
          matched: false,
          passed: false,
          reasons: [
            `source/subject ${JSON.stringify(event.context.source)}/${JSON.stringify(event.context.subject)} ≠ eventSourceName/eventName ${JSON.stringify(eventSourceName)}/${JSON.stringify(eventName)}`,
          ],
        };
      }
      const reasons = [
        `matches eventSourceName ${JSON.stringify(eventSourceName)} and eventName ${JSON.stringify(eventName)}`,
      ];
      let e = event;
      if (tKind !== undefined) {
        try {
          e = applyTransform(event, dep.transform, runtimes);
          reasons.push(
            event.data === null
              ? `transform (${tKind}): event has no data, unchanged`
              : `transform (${tKind}): data is now ${e.data ?? ''}`,
          );
        } catch (err) {
          const error = `failed to apply event transformation: ${err instanceof Error ? err.message : String(err)}`;
          reasons.push(`transform (${tKind}): ${error}`);
          return { name, matched: true, passed: false, reasons, error };
        }
      }
      const v = filters.evaluate(e);
      reasons.push(...v.reasons);
      if (v.error !== undefined) {
        reasons.push(`filter error, event discarded: ${v.error}`);
        return { name, matched: true, passed: false, reasons, error: v.error };
      }
      reasons.push(v.pass ? 'filters passed: dependency met' : "didn't pass filters: not interested");
      return v.pass
        ? { name, matched: true, passed: true, reasons, event: e }
        : { name, matched: true, passed: false, reasons };
    },
  };
}
