// Runs upstream's EventSource verdicts through our decode + validate: every `EventSource`
// case of validation.json, and every EventSource document among the upstream examples
// (all of which upstream accepts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { formatIssue } from '../../shared/errors.js';
import { decodeWith } from '../schema.js';
import { EventSourceCodec, validateEventSource } from './index.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const conformanceDir = process.env.ARGUS_CONFORMANCE_DIR ?? resolve(repoRoot, '..', 'shared', 'conformance');

interface ValidationCase {
  name: string;
  from: string;
  input: { kind: string; manifest?: unknown };
  expect: { valid: boolean; errorMessage?: string; errorContains?: string };
}

/** Decodes and validates one manifest; decode errors count as problems too. */
function check(manifest: unknown): string[] {
  const decoded = decodeWith(EventSourceCodec, manifest);
  const issues = [...decoded.errors];
  if (decoded.value !== undefined) issues.push(...validateEventSource(decoded.value));
  return issues.map((i) => i.message);
}

function* yamlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* yamlFiles(p);
    else if (/\.ya?ml$/.test(name)) yield p;
  }
}

const validationFile = join(conformanceDir, 'validation.json');
if (!existsSync(validationFile)) {
  console.error(
    `\n!!! ${validationFile} not found: set ARGUS_CONFORMANCE_DIR; skipping EventSource conformance\n`,
  );
  void test.skip('EventSource conformance (ARGUS_CONFORMANCE_DIR not found)');
} else {
  const cases = (
    JSON.parse(readFileSync(validationFile, 'utf8')) as { cases: ValidationCase[] }
  ).cases.filter((c) => c.input.kind === 'EventSource');

  void test('validation.json holds the 39 EventSource cases', () => {
    assert.equal(cases.length, 39);
  });

  for (const c of cases) {
    void test(`validation.json: ${c.name}`, () => {
      const messages = check(c.input.manifest);
      const context = `${c.from}\nerrors: ${JSON.stringify(messages)}`;
      if (c.expect.valid) {
        assert.deepEqual(messages, [], context);
        return;
      }
      assert.ok(messages.length > 0, `expected an error\n${context}`);
      if (c.expect.errorMessage !== undefined) {
        assert.ok(messages.includes(c.expect.errorMessage), `missing "${c.expect.errorMessage}"\n${context}`);
      }
      if (c.expect.errorContains !== undefined) {
        const part = c.expect.errorContains;
        assert.ok(
          messages.some((m) => m.includes(part)),
          `no error contains "${part}"\n${context}`,
        );
      }
    });
  }

  const examplesDir = join(conformanceDir, 'upstream-examples');
  const documents: { file: string; index: number; doc: Record<string, unknown> }[] = [];
  for (const file of yamlFiles(examplesDir)) {
    parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1' }).forEach((d, index) => {
      const doc: unknown = d.toJS();
      if (typeof doc !== 'object' || doc === null) return;
      const r = doc as Record<string, unknown>;
      if (r.apiVersion === 'argoproj.io/v1alpha1' && r.kind === 'EventSource') {
        documents.push({ file: relative(examplesDir, file), index, doc: r });
      }
    });
  }

  void test('the upstream examples hold EventSource documents', () => {
    assert.ok(documents.length >= 40, `only ${documents.length} found`);
  });

  for (const { file, index, doc } of documents) {
    void test(`upstream example is valid: ${file}#${index}`, () => {
      const decoded = decodeWith(EventSourceCodec, doc);
      const issues = [...decoded.errors, ...(decoded.value ? validateEventSource(decoded.value) : [])];
      assert.deepEqual(issues.map(formatIssue), []);
    });
  }
}
