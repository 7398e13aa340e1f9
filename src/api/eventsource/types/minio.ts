/** `minio` event source (upstream `S3Artifact`, `sources/minio/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { S3ArtifactCodec, type S3Artifact } from '../../common.js';
import { childPath } from '../../schema.js';
import { issueAt } from '../issue.js';

/** The minio source's configuration is upstream's `S3Artifact`. */
export const MinioEventSourceCodec = S3ArtifactCodec;
export type MinioEventSource = S3Artifact;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateMinio(es: MinioEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if (es.accessKey === undefined) issues.push(issueAt(path, 'accessKey', "access key can't be empty"));
  if (es.secretKey === undefined) issues.push(issueAt(path, 'secretKey', "secret key can't be empty"));
  if ((es.endpoint ?? '') === '') issues.push(issueAt(path, 'endpoint', "endpoint url can't be empty"));
  // Upstream checks the name only when `bucket` is given, then crashes at start without it;
  // we reject a missing bucket here (spec eventsources.md, minio).
  if ((es.bucket?.name ?? '') === '') {
    issues.push(issueAt(childPath(path, 'bucket'), 'name', "bucket name can't be empty"));
  }
  for (const [i, event] of (es.events ?? []).entries()) {
    // upstream only rejects an empty name: event names are not checked against the S3 list
    if (event === '')
      issues.push({ path: childPath(childPath(path, 'events'), i), message: `unknown event ${event}` });
  }
  return issues;
}
