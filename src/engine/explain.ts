/**
 * `argus explain`: an offline dry run of a sensor over events, fed in order — which dependencies
 * each event met and why, which triggers fire and what they would send. No bus, no trigger runs.
 */
import type { TriggerTemplate } from '../api/sensor/index.js';
import { errorMessage } from '../shared/errors.js';
import { emptyConditionState, type ConditionState } from './conditions.js';
import type { Event } from './event.js';
import type { CompiledSensor } from './sensor.js';

/** One dependency's verdict on one event. */
export interface ExplainedDependency {
  readonly name: string;
  readonly matched: boolean;
  readonly passed: boolean;
  readonly reasons: readonly string[];
}

/** One event of the run. */
export interface ExplainedEvent {
  readonly id: string;
  readonly dependencies: readonly ExplainedDependency[];
}

/** One trigger at the end of the run. */
export interface ExplainedTrigger {
  readonly name: string;
  /** The trigger type block in use (`http`, `k8s`…), or `""` when none is set. */
  readonly type: string;
  /** Whether its conditions were met at least once during the run. */
  readonly fired: boolean;
  /** The resolved condition expression (`dep-a&&dep-b`); the raw text when it is invalid. */
  readonly conditions: string;
  /** Dependencies of the conditions still missing when the run ended; empty when the trigger's latest change was a firing. */
  readonly unmet: readonly string[];
  /** The template after template-level parameters (of the last firing; as written when it never fired). */
  readonly template: TriggerTemplate;
  /** What the last firing would send (see ResolvedTrigger.payload); null when it never fired. */
  readonly payload: unknown;
  /** Why the trigger is disabled or could not be resolved; absent when all is well. */
  readonly error?: string;
}

/** The whole dry run, the exact shape `argus explain --json` prints. */
export interface Explanation {
  readonly events: readonly ExplainedEvent[];
  readonly triggers: readonly ExplainedTrigger[];
}

/** Runs the events through the sensor in order and explains every decision. */
export function explainSensor(sensor: CompiledSensor, events: readonly Event[]): Explanation {
  let state: ConditionState = emptyConditionState;
  const explainedEvents: ExplainedEvent[] = [];
  const last = new Map<string, { template: TriggerTemplate; payload: unknown; error?: string }>();
  const fired = new Set<string>();
  // whether a trigger's latest change was a firing (then nothing is pending for it)
  const settled = new Set<string>();
  for (const event of events) {
    const verdicts = sensor.matchEvent(event);
    explainedEvents.push({
      id: event.context.id,
      dependencies: verdicts.map((v) => ({
        name: v.name,
        matched: v.matched,
        passed: v.passed,
        reasons: v.reasons,
      })),
    });
    const r = sensor.applyVerdicts(state, verdicts);
    for (const t of sensor.triggers) {
      if (r.state.triggers[t.name] !== state.triggers[t.name] && r.state.triggers[t.name] !== undefined)
        settled.delete(t.name);
    }
    state = r.state;
    for (const f of r.fired) {
      fired.add(f.trigger);
      settled.add(f.trigger);
      try {
        const resolved = sensor.resolveTrigger(f.trigger, f.events);
        last.set(f.trigger, { template: resolved.template, payload: resolved.payload });
      } catch (err) {
        const t = sensor.triggers.find((x) => x.name === f.trigger);
        last.set(f.trigger, {
          template: t?.definition.template ?? {},
          payload: null,
          error: errorMessage(err),
        });
      }
    }
  }
  const triggers: ExplainedTrigger[] = sensor.triggers.map((t) => {
    const stored = state.triggers[t.name] ?? {};
    const unmet =
      t.conditions === undefined || settled.has(t.name)
        ? []
        : t.conditions.dependencies.filter((d) => stored[d] === undefined);
    const out = last.get(t.name);
    const base = {
      name: t.name,
      type: t.type ?? '',
      fired: fired.has(t.name),
      conditions: t.conditions?.expression ?? t.definition.template?.conditions ?? '',
      unmet,
      template: out?.template ?? t.definition.template ?? {},
      payload: out?.payload ?? null,
    };
    const error = t.error ?? out?.error;
    return error === undefined ? base : { ...base, error };
  });
  return { events: explainedEvents, triggers };
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

/** Human-readable form of an explanation, for the terminal. */
export function formatExplanation(x: Explanation, events: readonly Event[]): string {
  const lines: string[] = [];
  x.events.forEach((e, i) => {
    const ev = events[i];
    const where = ev === undefined ? '' : ` (source ${ev.context.source}, subject ${ev.context.subject})`;
    lines.push(`event ${i + 1}: id ${e.id}${where}`);
    const matched = e.dependencies.filter((d) => d.matched);
    if (matched.length === 0) lines.push('  matches no dependency');
    for (const d of matched) {
      lines.push(`  dependency ${d.name}: ${d.passed ? 'MET' : 'not met'}`);
      for (const r of d.reasons) lines.push(`    - ${r}`);
    }
  });
  lines.push('');
  for (const t of x.triggers) {
    lines.push(`trigger ${t.name} (${t.type || 'no type'}): ${t.fired ? 'FIRES' : 'does not fire'}`);
    lines.push(`  conditions: ${t.conditions || '(none)'}`);
    if (t.error !== undefined) lines.push(`  ${t.fired ? 'the attempt would fail' : 'error'}: ${t.error}`);
    if (!t.fired && t.unmet.length > 0) lines.push(`  waiting for: ${t.unmet.join(', ')}`);
    if (t.fired && t.error === undefined && t.type === 'log') {
      lines.push('  would log each event of the firing');
    } else if (t.fired && t.error === undefined) {
      const payload = typeof t.payload === 'string' ? t.payload : JSON.stringify(t.payload, null, 2);
      lines.push(`  would send:`);
      lines.push(indent(payload === '' ? '(empty body)' : payload, '    '));
    }
  }
  return lines.join('\n') + '\n';
}
