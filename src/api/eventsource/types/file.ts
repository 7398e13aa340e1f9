/** `file` event source (upstream `FileEventSource`, `sources/file/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { WatchPathConfigCodec, validateWatchPathConfig } from '../../common.js';
import { boolean, childPath, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `FileEventSource`. */
export const FileEventSourceCodec = object({
  /** Operation to react to: `CREATE`, `WRITE`, `REMOVE`, `RENAME`, `CHMOD` (polling: also `MOVE`). */
  eventType: string(),
  watchPathConfig: WatchPathConfigCodec,
  /** Poll the directory instead of using inotify. @default false */
  polling: boolean(),
  metadata: record(string()),
  filter: EventSourceFilterCodec,
});
export type FileEventSource = Infer<typeof FileEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateFile(es: FileEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if ((es.eventType ?? '') === '') issues.push(issueAt(path, 'eventType', 'type must be specified'));
  issues.push(...validateWatchPathConfig(es.watchPathConfig, childPath(path, 'watchPathConfig')));
  return issues;
}
