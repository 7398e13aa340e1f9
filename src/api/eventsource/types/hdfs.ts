/** `hdfs` event source (upstream `HDFSEventSource`, `sources/hdfs/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import {
  ConfigMapKeySelectorCodec,
  SecretKeySelectorCodec,
  WatchPathConfigCodec,
  validateWatchPathConfig,
} from '../../common.js';
import { array, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { tryParseGoDuration } from '../../../kernels/duration.js';
import { issueAt } from '../issue.js';

/** Upstream `HDFSEventSource` (WatchPathConfig inline). */
export const HDFSEventSourceCodec = object({
  ...WatchPathConfigCodec.shape,
  /** Operations, `|`-combinable: `CREATE`, `WRITE`, `REMOVE`, `RENAME`, `CHMOD`. */
  type: string(),
  /** Go duration between polls. @default "1m" */
  checkInterval: string(),
  addresses: array(string()),
  hdfsUser: string(),
  krbCCacheSecret: SecretKeySelectorCodec,
  krbKeytabSecret: SecretKeySelectorCodec,
  krbUsername: string(),
  krbRealm: string(),
  krbConfigConfigMap: ConfigMapKeySelectorCodec,
  krbServicePrincipalName: string(),
  metadata: record(string()),
  filter: EventSourceFilterCodec,
});
export type HDFSEventSource = Infer<typeof HDFSEventSourceCodec>;

const FILE_OPS = new Set(['CREATE', 'REMOVE', 'WRITE', 'RENAME', 'CHMOD']);

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateHdfs(es: HDFSEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  const type = es.type ?? '';
  if (type === '') issues.push(issueAt(path, 'type', 'type is required'));
  else if (!type.split('|').some((op) => FILE_OPS.has(op)))
    issues.push(issueAt(path, 'type', 'type is invalid'));
  if ((es.checkInterval ?? '') !== '' && !tryParseGoDuration(es.checkInterval ?? '').ok) {
    issues.push(issueAt(path, 'checkInterval', 'failed to parse interval'));
  }
  issues.push(...validateWatchPathConfig(es, path));
  if ((es.addresses ?? []).length === 0) issues.push(issueAt(path, 'addresses', 'addresses is required'));
  const ccache = es.krbCCacheSecret !== undefined;
  const keytab = es.krbKeytabSecret !== undefined;
  if ((es.hdfsUser ?? '') === '' && !ccache && !keytab) {
    issues.push(issueAt(path, undefined, 'either hdfsUser, krbCCacheSecret or krbKeytabSecret is required'));
  }
  const principal = (es.krbServicePrincipalName ?? '') !== '';
  const krbConfig = es.krbConfigConfigMap !== undefined;
  if (keytab && (!principal || !krbConfig || (es.krbUsername ?? '') === '' || (es.krbRealm ?? '') === '')) {
    issues.push(
      issueAt(
        path,
        undefined,
        'krbServicePrincipalName, krbConfigConfigMap, krbUsername and krbRealm are required with krbKeytabSecret',
      ),
    );
  } else if (ccache && (!principal || !krbConfig)) {
    issues.push(
      issueAt(
        path,
        undefined,
        'krbServicePrincipalName and krbConfigConfigMap are required with krbCCacheSecret',
      ),
    );
  }
  return issues;
}

/** Defaults: `checkInterval` 1m. */
export function defaultHdfs(es: HDFSEventSource): HDFSEventSource {
  return (es.checkInterval ?? '') === '' ? { ...es, checkInterval: '1m' } : es;
}
