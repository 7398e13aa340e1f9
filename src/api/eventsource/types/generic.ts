/** `generic` event source (upstream `GenericEventSource`, `sources/generic/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec } from '../../common.js';
import { boolean, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `GenericEventSource`: a gRPC server streaming events. */
export const GenericEventSourceCodec = object({
  /** gRPC target. */
  url: string(),
  /** Passed to the server as bytes. */
  config: string(),
  /** Plaintext connection. @default false */
  insecure: boolean(),
  jsonBody: boolean(),
  metadata: record(string()),
  /** Bearer token sent as gRPC metadata. */
  authSecret: SecretKeySelectorCodec,
  filter: EventSourceFilterCodec,
});
export type GenericEventSource = Infer<typeof GenericEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateGeneric(es: GenericEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.url ?? '') === '') issues.push(issueAt(path, 'url', "server url can't be empty"));
  if ((es.config ?? '') === '') issues.push(issueAt(path, 'config', "config can't be empty"));
  return issues;
}
