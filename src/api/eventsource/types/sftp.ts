/** `sftp` event source (upstream `SFTPEventSource`, `sources/sftp/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec, WatchPathConfigCodec, validateWatchPathConfig } from '../../common.js';
import { childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `SFTPEventSource`. */
export const SFTPEventSourceCodec = object({
  /** `CREATE` or `REMOVE`. */
  eventType: string(),
  watchPathConfig: WatchPathConfigCodec,
  username: SecretKeySelectorCodec,
  password: SecretKeySelectorCodec,
  sshKeySecret: SecretKeySelectorCodec,
  address: SecretKeySelectorCodec,
  metadata: record(string()),
  filter: EventSourceFilterCodec,
  /** Go duration between directory listings. @default "10s" */
  pollIntervalDuration: string(),
});
export type SFTPEventSource = Infer<typeof SFTPEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateSftp(es: SFTPEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.eventType ?? '') === '') issues.push(issueAt(path, 'eventType', 'type must be specified'));
  issues.push(...validateWatchPathConfig(es.watchPathConfig, childPath(path, 'watchPathConfig')));
  return issues;
}

/**
 * Defaults: `pollIntervalDuration` 10s when empty. Upstream inverts its parse check (a valid
 * value is ignored, an invalid one gives a busy loop); Argus honours a valid value.
 */
export function defaultSftp(es: SFTPEventSource): SFTPEventSource {
  return (es.pollIntervalDuration ?? '') === '' ? { ...es, pollIntervalDuration: '10s' } : es;
}
