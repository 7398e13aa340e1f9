/** Builds validation issues located at a field of an event's configuration. */
import type { Issue } from '../../shared/errors.js';
import { childPath } from '../schema.js';

/** One issue at `path` (or at `path.field` when a field is given). */
export function issueAt(path: string, field: string | undefined, message: string): Issue {
  return { path: field === undefined ? path : childPath(path, field), message };
}
