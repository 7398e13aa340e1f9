/**
 * One entry point for every caller (`argus validate`, `argus run`, explain, the controller,
 * the server API): decode a manifest document as upstream does, validate it with upstream's
 * rules, apply defaults and freeze it.
 */
import { ValidationError, type Issue } from '../shared/errors.js';
import { applyDefaults, DEFAULT_EVENT_BUS, type ResourceKind, type ResourceOfKind } from './defaults.js';
import { EventBusCodec, type EventBusSpec } from './eventbus/types.js';
import { validateEventBus } from './eventbus/validate.js';
import { EventSourceCodec, validateEventSource } from './eventsource/index.js';
import { decodeWith, type Codec } from './schema.js';
import { SensorCodec } from './sensor/types.js';
import { validateSensor } from './sensor/validate.js';

/** The API group/version of the three kinds. */
export const API_VERSION = 'argoproj.io/v1alpha1';
/** The kinds Argus reads. */
export const RESOURCE_KINDS: readonly ResourceKind[] = ['EventSource', 'Sensor', 'EventBus'];

/** An issue of a loaded resource; `line` (1-based) is known when it was read from YAML. */
export interface LocatedIssue extends Issue {
  readonly line?: number;
}

/** A validated (and, when valid or not, defaulted and frozen) resource with its problems. */
export interface ResourceReport<K extends ResourceKind = ResourceKind> {
  /** The file it came from, as given by the user. */
  readonly file?: string | undefined;
  readonly kind: K;
  /** `metadata.name` (or `generateName`), empty when neither is set. */
  readonly name: string;
  /** Decoded, defaulted and deep-frozen. Fields that failed to decode are absent. */
  readonly resource: ResourceOfKind[K];
  /** Problems that make the resource invalid, each with file, `Kind/name` and path. */
  readonly errors: readonly LocatedIssue[];
  /** Problems that do not (unknown fields, suspicious but accepted settings). */
  readonly warnings: readonly LocatedIssue[];
}

/** A report of any kind, discriminated by `kind`. */
export type AnyResourceReport = { [K in ResourceKind]: ResourceReport<K> }[ResourceKind];

export interface ValidateResourceOptions {
  /** Recorded in the report and in each issue. */
  readonly file?: string | undefined;
  /**
   * The EventBuses a Sensor may run on, by name. A Sensor is validated against the one named by
   * its `eventBusName` (default `default`); when that one is unknown, against Argus's own bus
   * (which, like JetStream and Kafka, lets one event back several dependencies).
   */
  readonly eventBuses?: ReadonlyMap<string, EventBusSpec | undefined> | undefined;
}

/** What a document is: one of our kinds, or something to skip (with the reason). */
export type DocumentClass =
  { readonly kind: ResourceKind; readonly apiVersionMissing: boolean } | { readonly skip: string };

function fieldOf(doc: Record<string, unknown>, name: string): unknown {
  // Go matches JSON keys case-insensitively when no exact key exists
  if (name in doc) return doc[name];
  const key = Object.keys(doc).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : doc[key];
}

/** Decides whether a parsed document is an EventSource, Sensor or EventBus. */
export function classifyDocument(doc: unknown): DocumentClass {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { skip: 'not a Kubernetes object (expected a mapping with apiVersion and kind)' };
  }
  const record = doc as Record<string, unknown>;
  const kind = fieldOf(record, 'kind');
  const apiVersion = fieldOf(record, 'apiVersion');
  const kindText = typeof kind === 'string' ? kind : '';
  const apiText = typeof apiVersion === 'string' ? apiVersion : '';
  if (!(RESOURCE_KINDS as readonly string[]).includes(kindText)) {
    const what =
      kindText === '' ? 'a document without kind' : `${apiText === '' ? '' : `${apiText} `}${kindText}`;
    return { skip: `${what} is not an Argo Events resource` };
  }
  if (apiText !== '' && apiText !== API_VERSION) {
    return { skip: `${apiText} ${kindText} is not ${API_VERSION}` };
  }
  return { kind: kindText as ResourceKind, apiVersionMissing: apiText === '' };
}

const codecs: { [K in ResourceKind]: Codec<ResourceOfKind[K]> } = {
  EventSource: EventSourceCodec,
  Sensor: SensorCodec,
  EventBus: EventBusCodec,
};

function validateDecoded<K extends ResourceKind>(
  kind: K,
  resource: ResourceOfKind[K],
  options: ValidateResourceOptions,
): { errors: Issue[]; warnings: Issue[] } {
  switch (kind) {
    case 'EventSource':
      return { errors: validateEventSource(resource as ResourceOfKind['EventSource']), warnings: [] };
    case 'EventBus':
      return { errors: validateEventBus(resource as ResourceOfKind['EventBus']), warnings: [] };
    default: {
      const sensor = resource as ResourceOfKind['Sensor'];
      const busName = sensor.spec?.eventBusName || DEFAULT_EVENT_BUS;
      return validateSensor(sensor, { eventBus: options.eventBuses?.get(busName) });
    }
  }
}

/**
 * Decodes, validates, defaults and freezes one manifest document of a known kind (see
 * `classifyDocument`). Throws a `ValidationError` for a document of another kind.
 */
export function validateResource(doc: unknown, options: ValidateResourceOptions = {}): AnyResourceReport {
  const cls = classifyDocument(doc);
  if ('skip' in cls) {
    const issue: Issue = { path: '', message: cls.skip };
    if (options.file !== undefined) issue.file = options.file;
    throw new ValidationError([issue]);
  }
  return validateKnownResource(cls.kind, doc, cls.apiVersionMissing, options) as AnyResourceReport;
}

function validateKnownResource<K extends ResourceKind>(
  kind: K,
  doc: unknown,
  apiVersionMissing: boolean,
  options: ValidateResourceOptions,
): ResourceReport<K> {
  const decoded = decodeWith(codecs[kind], doc);
  const resource = decoded.value ?? ({} as ResourceOfKind[K]);
  const errors: Issue[] = [...decoded.errors];
  const warnings: Issue[] = [...decoded.warnings];
  if (apiVersionMissing) errors.push({ path: 'apiVersion', message: `required, ${API_VERSION}` });
  const name = resource.metadata?.name ?? '';
  if (name === '' && (resource.metadata?.generateName ?? '') === '') {
    errors.push({ path: 'metadata.name', message: 'required' });
  }
  const checked = validateDecoded(kind, resource, options);
  errors.push(...checked.errors);
  warnings.push(...checked.warnings);
  const label = `${kind}/${name || resource.metadata?.generateName || ''}`;
  const locate = (issue: Issue): Issue => ({
    ...(options.file === undefined ? {} : { file: options.file }),
    resource: label,
    path: issue.path,
    message: issue.message,
  });
  return {
    file: options.file,
    kind,
    name: name || (resource.metadata?.generateName ?? ''),
    resource: applyDefaults(kind, resource),
    errors: errors.map(locate),
    warnings: warnings.map(locate),
  };
}
