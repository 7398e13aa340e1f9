/** `resource` event source (upstream `ResourceEventSource`, `sources/resource/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SelectorCodec, type Selector } from '../../common.js';
import { array, boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { issueAt } from '../issue.js';
import { rfc3339Time } from '../rfc3339-time.js';

/** Upstream `ResourceFilter`. */
export const ResourceFilterCodec = object({
  /** Object name prefix. */
  prefix: string(),
  /** Label selectors, sent to the API server. */
  labels: array(SelectorCodec),
  /** Field selectors (gjson path `key`, regexp `value`), applied client-side. */
  fields: array(SelectorCodec),
  /** RFC 3339 time: only objects created before it pass. */
  createdBy: rfc3339Time(),
  /** Only events after the listener started. @default false */
  afterStart: boolean(),
});
export type ResourceFilter = Infer<typeof ResourceFilterCodec>;

/** Upstream `ResourceEventSource` (GroupVersionResource inline). */
export const ResourceEventSourceCodec = object({
  /** Namespace to watch; empty means all namespaces. */
  namespace: string(),
  filter: ResourceFilterCodec,
  group: string(),
  version: string(),
  resource: string(),
  /** `ADD`, `UPDATE`, `DELETE`. */
  eventTypes: array(string()),
  metadata: record(string()),
});
export type ResourceEventSource = Infer<typeof ResourceEventSourceCodec>;

function validateSelectors(selectors: Selector[], path: string): Issue[] {
  // An unknown operation is only detected when the listener starts.
  return selectors.flatMap((sel, i) =>
    (sel.key ?? '') === '' ? [issueAt(childPath(path, i), 'key', "key can't be empty for selector")] : [],
  );
}

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateResource(es: ResourceEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.version ?? '') === '') issues.push(issueAt(path, 'version', 'version must be specified'));
  if ((es.resource ?? '') === '') issues.push(issueAt(path, 'resource', 'resource must be specified'));
  if (es.eventTypes === undefined) issues.push(issueAt(path, 'eventTypes', 'event types must be specified'));
  const filterPath = childPath(path, 'filter');
  issues.push(...validateSelectors(es.filter?.labels ?? [], childPath(filterPath, 'labels')));
  issues.push(...validateSelectors(es.filter?.fields ?? [], childPath(filterPath, 'fields')));
  return issues;
}
