import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorCodes } from '../src/shared/errors.js';

test('docs/errors.md lists exactly the exported error codes', () => {
  const doc = readFileSync(resolve(import.meta.dirname, '..', 'docs', 'errors.md'), 'utf8');
  const documented = [...doc.matchAll(/^\| `(ARGUS_[A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
  const exported = Object.values(ErrorCodes).sort();
  assert.deepEqual(documented, exported);
});
