/**
 * Trigger `conditions` (`sensors.md` §6–§7): upstream's grammar (names, `&&`, `||`, parentheses;
 * `-` and `_` interchangeable), the default "all dependencies", and the partial-match bookkeeping
 * as pure functions over a plain, JSON-serialisable state object (the runtime keeps it in the KV).
 */
import type { EventDependency, TriggerTemplate } from '../api/sensor/index.js';
import { ExpressionError } from '../shared/errors.js';
import type { Event } from './event.js';

type Node = { kind: 'name'; name: string } | { kind: 'and' | 'or'; left: Node; right: Node };

/** A trigger's resolved condition expression. */
export interface Conditions {
  /** The expression over real dependency names, as upstream logs it (`dep-1||dep_1a`). */
  readonly expression: string;
  /** The dependency names it mentions, unique, in order of appearance. */
  readonly dependencies: readonly string[];
  /**
   * AND mode (the expression contains `&&`): met dependencies are stored until the expression is
   * true. Otherwise every met dependency fires at once with only its own event.
   */
  readonly andMode: boolean;
  /** Evaluates the expression with the given dependencies true and all others false. */
  evaluate(met: ReadonlySet<string>): boolean;
}

const nameRe = /^[A-Za-z_][A-Za-z0-9_-]*/;

function parse(source: string, resolveName: (name: string) => string): Node {
  let i = 0;
  const ws = (): void => {
    while (i < source.length && /\s/.test(source[i] ?? '')) i++;
  };
  const fail = (what: string): never => {
    throw new ExpressionError(`invalid conditions '${source}': ${what} at offset ${i}`);
  };
  const atom = (): Node => {
    ws();
    if (source[i] === '(') {
      i++;
      const inner = orExpr();
      ws();
      if (source[i] !== ')') fail("expected ')'");
      i++;
      return inner;
    }
    const m = nameRe.exec(source.slice(i));
    if (m === null) return fail(i >= source.length ? 'unexpected end' : `unexpected '${source[i] ?? ''}'`);
    i += m[0].length;
    return { kind: 'name', name: resolveName(m[0]) };
  };
  const andExpr = (): Node => {
    let left = atom();
    for (;;) {
      ws();
      if (!source.startsWith('&&', i)) return left;
      i += 2;
      left = { kind: 'and', left, right: atom() };
    }
  };
  const orExpr = (): Node => {
    let left = andExpr();
    for (;;) {
      ws();
      if (!source.startsWith('||', i)) return left;
      i += 2;
      left = { kind: 'or', left, right: andExpr() };
    }
  };
  const root = orExpr();
  ws();
  if (i < source.length) fail(`unexpected '${source[i] ?? ''}'`);
  return root;
}

function evaluateNode(node: Node, met: ReadonlySet<string>): boolean {
  if (node.kind === 'name') return met.has(node.name);
  if (node.kind === 'and') return evaluateNode(node.left, met) && evaluateNode(node.right, met);
  return evaluateNode(node.left, met) || evaluateNode(node.right, met);
}

function collect(node: Node, out: string[]): void {
  if (node.kind === 'name') {
    if (!out.includes(node.name)) out.push(node.name);
  } else {
    collect(node.left, out);
    collect(node.right, out);
  }
}

/**
 * Resolves `template.conditions` against the sensor's dependencies, as upstream's
 * getDependencyExpression: empty ⇒ every dependency joined with `&&` in declaration order;
 * otherwise names are matched with `-` and `_` normalised to `_` (a later declaration wins).
 * @throws ExpressionError for a syntax error or an unknown dependency name; upstream then never
 * runs that trigger (the rest of the sensor keeps working).
 */
export function resolveConditions(
  template: Pick<TriggerTemplate, 'conditions'>,
  dependencies: readonly Pick<EventDependency, 'name'>[],
): Conditions {
  const conditions = template.conditions ?? '';
  let root: Node;
  let expression: string;
  if (conditions === '') {
    const names = dependencies.map((d) => d.name ?? '');
    if (names.length === 0) throw new ExpressionError('the sensor has no dependencies');
    root = names
      .map((name): Node => ({ kind: 'name', name }))
      .reduce((left, right) => ({ kind: 'and', left, right }));
    expression = names.join('&&');
  } else {
    const byKey = new Map<string, string>();
    for (const d of dependencies) byKey.set((d.name ?? '').replaceAll('-', '_'), d.name ?? '');
    root = parse(conditions, (name) => {
      const real = byKey.get(name.replaceAll('-', '_'));
      if (real === undefined)
        throw new ExpressionError(`unknown dependency '${name}' in conditions '${conditions}'`);
      return real;
    });
    expression = translateText(conditions, byKey);
  }
  const deps: string[] = [];
  collect(root, deps);
  return {
    expression,
    dependencies: deps,
    andMode: expression.includes('&'),
    evaluate: (met) => evaluateNode(root, met),
  };
}

/** Upstream's textual translation: names replaced by real names, whitespace dropped, parentheses kept. */
function translateText(conditions: string, byKey: ReadonlyMap<string, string>): string {
  return conditions
    .replace(/\s+/g, '')
    .replace(/[A-Za-z_][A-Za-z0-9_-]*/g, (name) => byKey.get(name.replaceAll('-', '_')) ?? name);
}

// ---- partial-match state ----------------------------------------------------------------------

/** A met dependency waiting for the rest of the condition. */
export interface StoredEvent {
  /** The (transformed) event that met the dependency. */
  readonly event: Event;
  /** When it was stored (RFC 3339), compared with conditionsReset ticks. */
  readonly timestamp: string;
}

/** The partial matches of every trigger of a sensor: trigger name → dependency name → event. */
export interface ConditionState {
  readonly triggers: Readonly<Record<string, Readonly<Record<string, StoredEvent>>>>;
}

/** A state with nothing stored. */
export const emptyConditionState: ConditionState = { triggers: {} };

/** One firing decided by {@link advanceTrigger}. */
export interface Firing {
  readonly trigger: string;
  /** The events passed to the trigger, keyed by dependency name. */
  readonly events: Readonly<Record<string, Event>>;
}

/**
 * One met dependency for one trigger (`sensors.md` §7.1). OR-only mode: fires with just this
 * event, nothing stored. AND mode: stored events plus this one are evaluated; true ⇒ fire with all
 * of them and clear the trigger's state; false ⇒ store this one (latest wins).
 */
export function advanceTrigger(
  state: ConditionState,
  trigger: string,
  conditions: Conditions,
  dependency: string,
  event: Event,
  now: Date,
): { state: ConditionState; firing: Firing | undefined } {
  if (!conditions.andMode) return { state, firing: { trigger, events: { [dependency]: event } } };
  const stored = state.triggers[trigger] ?? {};
  const met = new Set(Object.keys(stored));
  met.add(dependency);
  if (conditions.evaluate(met)) {
    const events: Record<string, Event> = {};
    for (const [dep, s] of Object.entries(stored)) events[dep] = s.event;
    events[dependency] = event;
    return { state: clearTrigger(state, trigger), firing: { trigger, events } };
  }
  const next = { ...stored, [dependency]: { event, timestamp: now.toISOString() } };
  return { state: { triggers: { ...state.triggers, [trigger]: next } }, firing: undefined };
}

/** Drops every stored partial match of a trigger (after firing, or on a conditionsReset tick). */
export function clearTrigger(state: ConditionState, trigger: string): ConditionState {
  if (state.triggers[trigger] === undefined) return state;
  const triggers = { ...state.triggers };
  delete triggers[trigger];
  return { triggers };
}

/**
 * Drops a trigger's partial matches stored before `before` (`sensors.md` §7.3 rule 3: a reset
 * tick that was missed while the sensor was down still applies).
 */
export function pruneTriggerBefore(state: ConditionState, trigger: string, before: Date): ConditionState {
  const stored = state.triggers[trigger];
  if (stored === undefined) return state;
  const kept: Record<string, StoredEvent> = {};
  for (const [dep, s] of Object.entries(stored))
    if (Date.parse(s.timestamp) >= before.getTime()) kept[dep] = s;
  if (Object.keys(kept).length === Object.keys(stored).length) return state;
  if (Object.keys(kept).length === 0) return clearTrigger(state, trigger);
  return { triggers: { ...state.triggers, [trigger]: kept } };
}

// ---- spec changes -------------------------------------------------------------------------------

/** What the state was built against, saved next to it (upstream's `Triggers`, `Deps`, `<trigger>/Expression` keys). */
export interface ConditionSpecSnapshot {
  /** Trigger name → its raw `template.conditions` (`""` when absent). */
  readonly triggers: Readonly<Record<string, string>>;
  /** Dependency name → a stable hash of its definition. */
  readonly dependencies: Readonly<Record<string, string>>;
}

function stableJSON(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJSON).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJSON(o[k])}`)
    .join(',')}}`;
}

/** FNV-1a 64-bit of a dependency definition's canonical JSON (only equality matters). */
export function hashDependency(dep: EventDependency): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(stableJSON(dep), 'utf8')) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** The snapshot of a spec's triggers and dependencies. */
export function snapshotConditionSpec(
  triggers: readonly { template?: Pick<TriggerTemplate, 'name' | 'conditions'> }[],
  dependencies: readonly EventDependency[],
): ConditionSpecSnapshot {
  const t: Record<string, string> = {};
  for (const x of triggers) t[x.template?.name ?? ''] = x.template?.conditions ?? '';
  const d: Record<string, string> = {};
  for (const dep of dependencies) d[dep.name ?? ''] = hashDependency(dep);
  return { triggers: t, dependencies: d };
}

/**
 * Purges partial matches a spec change invalidates (`sensors.md` §7.3 rule 4): a dependency that
 * was removed or whose definition changed loses its entries in every trigger; a trigger that was
 * removed or whose `conditions` text changed loses the entries of the dependencies named in its
 * previous text (a previous `""` names none, as upstream).
 */
export function reconcileConditionState(
  state: ConditionState,
  previous: ConditionSpecSnapshot | undefined,
  current: ConditionSpecSnapshot,
): ConditionState {
  if (previous === undefined) return state;
  const changedDeps = new Set(
    Object.keys(previous.dependencies).filter((d) => current.dependencies[d] !== previous.dependencies[d]),
  );
  const triggers: Record<string, Record<string, StoredEvent>> = {};
  for (const [trigger, stored] of Object.entries(state.triggers)) {
    const prevText = previous.triggers[trigger];
    const changed = prevText !== undefined && current.triggers[trigger] !== prevText;
    const named = new Set(
      changed ? (prevText.match(/[A-Za-z_][A-Za-z0-9_-]*/g) ?? []).map((n) => n.replaceAll('-', '_')) : [],
    );
    const kept: Record<string, StoredEvent> = {};
    for (const [dep, s] of Object.entries(stored)) {
      if (changedDeps.has(dep) || named.has(dep.replaceAll('-', '_'))) continue;
      kept[dep] = s;
    }
    if (Object.keys(kept).length > 0) triggers[trigger] = kept;
  }
  return { triggers };
}
