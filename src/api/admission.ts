/**
 * What upstream's validating admission webhook answers (pkg/webhook/validator): CREATE runs the
 * kind's validation; UPDATE is allowed without checks when `metadata.generation` did not
 * change, otherwise it is validated like CREATE, plus the EventBus immutability rules.
 * Messages are upstream's (`invalid EventBus: …`, `failed to get EventBus …`).
 */
import { formatIssue } from '../shared/errors.js';
import { EventBusCodec, type EventBus, type EventBusSpec } from './eventbus/types.js';
import { classifyDocument, validateResource } from './resource.js';
import { decodeWith } from './schema.js';
import { DEFAULT_EVENT_BUS } from './defaults.js';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** The webhook's answer. */
export interface AdmissionResponse {
  readonly allowed: boolean;
  /** Why it was denied (absent when allowed). */
  readonly message?: string;
}

const allowed: AdmissionResponse = { allowed: true };
const denied = (message: string): AdmissionResponse => ({ allowed: false, message });

function generationOf(obj: unknown): number | undefined {
  if (obj === null || typeof obj !== 'object') return undefined;
  const meta = (obj as Record<string, unknown>).metadata;
  if (meta === null || typeof meta !== 'object') return undefined;
  const g = (meta as Record<string, unknown>).generation;
  return typeof g === 'number' ? g : undefined;
}

/** Upstream compares AuthStrategy pointers: absent counts as `none`. */
function authChanged(oldAuth: string | undefined, newAuth: string | undefined): boolean {
  return (oldAuth ?? 'none') !== (newAuth ?? 'none');
}

function eventBusUpdateRules(oldBus: EventBus, newBus: EventBus): AdmissionResponse {
  const o = oldBus.spec ?? {};
  const n = newBus.spec ?? {};
  if (n.nats !== undefined) {
    if (o.nats === undefined) return denied('Can not change event bus implementation');
    if (n.nats.native !== undefined) {
      if (o.nats.native === undefined) {
        return denied('Can not change NATS event bus implementation from exotic to native');
      }
      if (authChanged(o.nats.native.auth, n.nats.native.auth)) {
        return denied('"spec.nats.native.auth" is immutable, can not be updated');
      }
    } else if (n.nats.exotic !== undefined) {
      if (o.nats.exotic === undefined) {
        return denied('Can not change NATS event bus implementation from native to exotic');
      }
      if (authChanged(o.nats.exotic.auth, n.nats.exotic.auth)) {
        return denied('"spec.nats.exotic.auth" is immutable, can not be updated');
      }
    }
  } else if (n.jetstream !== undefined) {
    if (o.jetstream === undefined) return denied('Can not change event bus implementation');
    const before = o.jetstream.streamConfig;
    const after = n.jetstream.streamConfig;
    if ((before === undefined) !== (after === undefined)) {
      return denied('"spec.jetstream.streamConfig" is immutable, can not be updated');
    }
    if (before !== undefined && after !== undefined && before !== after) {
      return denied(
        `"spec.jetstream.streamConfig" is immutable, can not be updated, old value='${before}', new value='${after}'`,
      );
    }
  } else if (n.jetstreamExotic !== undefined) {
    if (o.jetstreamExotic === undefined) return denied('Can not change event bus implementation');
  }
  // switching to kafka is not checked upstream
  return allowed;
}

/**
 * Answers an admission request for an EventSource, Sensor or EventBus. `existingEventBuses`
 * are the EventBus objects in the namespace (a Sensor's bus must exist). Other kinds and
 * operations other than CREATE/UPDATE are allowed, as upstream only registers those.
 */
export function admissionReview(
  operation: AdmissionOperation,
  oldObject: unknown,
  newObject: unknown,
  existingEventBuses: readonly unknown[] = [],
): AdmissionResponse {
  if (operation !== 'CREATE' && operation !== 'UPDATE') return allowed;
  const cls = classifyDocument(newObject);
  if ('skip' in cls) return allowed;
  if (operation === 'UPDATE' && generationOf(oldObject) === generationOf(newObject)) return allowed;
  const first = (issues: readonly { path: string; message: string }[]): string =>
    formatIssue({ path: issues[0]!.path, message: issues[0]!.message });

  if (cls.kind === 'Sensor') {
    const report = validateResource(newObject);
    const busName =
      (report.kind === 'Sensor' ? report.resource.spec?.eventBusName : undefined) || DEFAULT_EVENT_BUS;
    const buses = new Map<string, EventBusSpec | undefined>();
    for (const b of existingEventBuses) {
      const bus = decodeWith(EventBusCodec, b).value;
      const name = bus?.metadata?.name;
      if (name !== undefined) buses.set(name, bus?.spec);
    }
    if (!buses.has(busName)) {
      return denied(
        `failed to get EventBus eventBusName=${busName}; err=eventbus.argoproj.io "${busName}" not found`,
      );
    }
    const checked = validateResource(newObject, { eventBuses: buses });
    return checked.errors.length > 0 ? denied(`invalid Sensor: ${first(checked.errors)}`) : allowed;
  }
  const report = validateResource(newObject);
  if (report.errors.length > 0) return denied(`invalid ${cls.kind}: ${first(report.errors)}`);
  if (cls.kind === 'EventBus' && operation === 'UPDATE') {
    const oldBus = decodeWith(EventBusCodec, oldObject).value ?? {};
    const newBus = decodeWith(EventBusCodec, newObject).value ?? {};
    return eventBusUpdateRules(oldBus, newBus);
  }
  return allowed;
}
