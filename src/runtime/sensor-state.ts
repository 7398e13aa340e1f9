/**
 * The sensor's partial matches in the bus KV, in upstream's JetStream layout (spec/sensors.md
 * §7.2): bucket = sensor name; `<trigger>/<dep>` → `{"StreamSeq","ConsumerSeq","Timestamp","Event"}`;
 * `Triggers`, `Deps`, `<trigger>/Expression` describe the last applied spec so a changed spec can
 * purge what no longer applies (§7.3 rule 4).
 */
import type { Sensor } from '../api/sensor/index.js';
import {
  fnv1a32,
  upstreamConsumerName,
  type Bus,
  type KvBucket,
  type StoredMessage,
} from '../eventbus/bus.js';
import type { ConditionState, StoredEvent } from '../engine/conditions.js';
import { formatCloudEvent, parseCloudEvent, type Event } from '../engine/event.js';
import type { Logger } from '../shared/logging.js';

const decoder = new TextDecoder();

/** The KV value of one stored partial match. */
export function encodeStoredEvent(
  event: Event,
  message: StoredMessage | undefined,
  timestamp: string,
): string {
  return (
    `{"StreamSeq":${message?.seq ?? 0},"ConsumerSeq":${message?.seq ?? 0},` +
    `"Timestamp":${JSON.stringify(timestamp)},"Event":${formatCloudEvent(event)}}`
  );
}

/** Reads every `<trigger>/<dep>` entry into the engine's state; unreadable entries are dropped with a warning. */
export async function loadConditionState(
  kv: KvBucket,
  triggerNames: ReadonlySet<string>,
  log: Logger,
): Promise<ConditionState> {
  const triggers: Record<string, Record<string, StoredEvent>> = {};
  for (const key of await kv.keys()) {
    const slash = key.indexOf('/');
    if (slash < 0 || key.endsWith('/Expression')) continue;
    const trigger = key.slice(0, slash);
    const dep = key.slice(slash + 1);
    if (!triggerNames.has(trigger)) continue;
    const raw = await kv.get(key);
    if (raw === undefined) continue;
    try {
      const doc = JSON.parse(decoder.decode(raw)) as { Timestamp?: string; Event?: unknown };
      const event = parseCloudEvent(JSON.stringify(doc.Event));
      (triggers[trigger] ??= {})[dep] = { event, timestamp: doc.Timestamp ?? new Date(0).toISOString() };
    } catch (err: unknown) {
      log.warn({ err, key }, 'dropping an unreadable partial match');
      await kv.delete(key);
    }
  }
  return { triggers };
}

/** Dependency names in a conditions expression (`a && (b-c || d)`). */
function namesIn(expression: string): string[] {
  return expression.match(/[A-Za-z_][A-Za-z0-9_-]*/g) ?? [];
}

/**
 * Compares the stored spec with `sensor` and purges partial matches and durable consumers that
 * no longer apply (spec/sensors.md §7.3 rule 4), then saves the new spec description.
 */
export async function reconcileSpec(sensor: Sensor, kv: KvBucket, bus: Bus, log: Logger): Promise<void> {
  const name = sensor.metadata?.name ?? '';
  const spec = sensor.spec ?? {};
  const getText = async (k: string): Promise<string | undefined> => {
    const v = await kv.get(k);
    return v === undefined ? undefined : decoder.decode(v);
  };
  const parse = <T>(text: string | undefined, dflt: T): T => {
    try {
      return text === undefined ? dflt : (JSON.parse(text) as T);
    } catch {
      return dflt;
    }
  };
  const storedTriggers = parse<string[]>(await getText('Triggers'), []);
  const storedDeps = parse<Record<string, number>>(await getText('Deps'), {});
  const newDeps: Record<string, number> = {};
  for (const d of spec.dependencies ?? []) newDeps[d.name ?? ''] = fnv1a32(JSON.stringify(d));
  const newExpr = new Map(
    (spec.triggers ?? []).map((t) => [t.template?.name ?? '', t.template?.conditions ?? '']),
  );
  const purge = async (trigger: string, dep: string): Promise<void> => {
    await kv.delete(`${trigger}/${dep}`);
    await bus.deleteConsumer(upstreamConsumerName(name, trigger, dep));
  };
  const changed = Object.keys(storedDeps).filter((d) => newDeps[d] !== storedDeps[d]);
  for (const t of storedTriggers) {
    const expr = (await getText(`${t}/Expression`)) ?? '';
    if (!newExpr.has(t) || newExpr.get(t) !== expr) {
      for (const dep of namesIn(expr)) await purge(t, dep);
      if (!newExpr.has(t)) await kv.delete(`${t}/Expression`);
      log.info({ triggerName: t }, 'trigger changed or removed: its partial matches were purged');
    }
  }
  for (const t of newExpr.keys()) for (const dep of changed) await purge(t, dep);
  if (changed.length > 0)
    log.info({ dependencies: changed }, 'dependencies changed or removed: their partial matches were purged');
  await kv.put('Triggers', JSON.stringify([...newExpr.keys()]));
  await kv.put('Deps', JSON.stringify(newDeps));
  for (const [t, expr] of newExpr) await kv.put(`${t}/Expression`, expr);
}
