/**
 * gjson `AppendJSONString`: quotes a string as JSON the way gjson does for multipath keys
 * and `@tostr`. Its rules are encoding/json's (kernels/go/json.ts), with `\b` and `\f` written
 * short only from gjson 1.17 on.
 */
import { quoteJSONString } from '../go/json.js';
import { rules } from './rules.js';

/** Returns `s` as a quoted JSON string, escaped as gjson escapes it. */
export function appendJSONString(s: string): string {
  return quoteJSONString(s, { shortBackspaceFormFeed: !rules.v114 });
}
