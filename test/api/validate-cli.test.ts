// `argus validate`: output, --json, --strict and exit codes, through the command module as
// src/cli/main.ts wires it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { validateCommand } from '../../src/cli/commands/validate.js';

/** Runs `argus validate <args>` the way main() does and returns exit code and output. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = 0;
  const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) };
  const ctx = { io, env: {}, setExitCode: (c: number) => void (code = c) };
  const program = new Command('argus')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program.addCommand(
    validateCommand(ctx).exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }),
  );
  try {
    await program.parseAsync(['validate', ...args], { from: 'user' });
  } catch (e: unknown) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.exitCode === 0 ? 0 : 2;
  }
  return { code, out, err };
}

const good = `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: webhook}
spec:
  webhook:
    example: {port: "12000", endpoint: /example, method: POST}
`;
const warned = `apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata: {name: default}
spec:
  jetstream: {version: latest, replica: 3}
`;
const bad = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: ci}
spec:
  dependencies: [{name: d, eventSourceName: webhook, eventName: example}]
  triggers:
    - template: {name: call, http: {}}
`;

async function withFiles(files: Record<string, string>, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'argus-validate-'));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('valid manifests exit 0 with a summary', async () => {
  await withFiles({ 'es.yaml': good }, async (dir) => {
    const r = await run([dir]);
    assert.equal(r.code, 0);
    assert.equal(r.out, '1 resource: 1 valid, 0 invalid; 0 warnings\n');
  });
});

test('an invalid manifest exits 1 with one line per problem', async () => {
  await withFiles({ 'ci.yaml': bad, 'es.yaml': good }, async (dir) => {
    const r = await run([dir]);
    assert.equal(r.code, 1);
    const file = join(dir, 'ci.yaml');
    assert.equal(
      r.out,
      `${file}: Sensor/ci: spec.triggers[0].template.http.url: server URL is not specified\n` +
        '2 resources: 1 valid, 1 invalid; 0 warnings\n',
    );
  });
});

test('warnings pass unless --strict', async () => {
  await withFiles({ 'bus.yaml': warned }, async (dir) => {
    const loose = await run([dir]);
    assert.equal(loose.code, 0);
    assert.match(
      loose.out,
      /^warning: .*EventBus\/default: spec\.jetstream\.replica: unknown field, ignored$/m,
    );
    assert.equal((await run(['--strict', dir])).code, 1);
  });
});

test('--json reports every resource with errors and warnings', async () => {
  await withFiles({ 'a.yaml': `${bad}---\n${warned}`, 'b.txt': 'ignored' }, async (dir) => {
    const r = await run(['--json', dir]);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.out) as { resources: unknown[] };
    const file = join(dir, 'a.yaml');
    assert.deepEqual(report.resources, [
      {
        file,
        kind: 'Sensor',
        name: 'ci',
        valid: false,
        errors: [
          { path: 'spec.triggers[0].template.http.url', message: 'server URL is not specified', line: 7 },
        ],
        warnings: [],
      },
      {
        file,
        kind: 'EventBus',
        name: 'default',
        valid: true,
        errors: [],
        warnings: [{ path: 'spec.jetstream.replica', message: 'unknown field, ignored', line: 13 }],
      },
    ]);
  });
});

test('other kinds are noted and skipped; a syntax error fails with its line', async () => {
  await withFiles(
    { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', 'z.yaml': 'a: [1\n' },
    async (dir) => {
      const r = await run([dir]);
      assert.equal(r.code, 1);
      assert.match(
        r.out,
        /^note: .*cm\.yaml: document 1 \(line 1\): v1 ConfigMap is not an Argo Events resource; skipped$/m,
      );
      assert.match(r.out, /z\.yaml: line \d+, column \d+: yaml: /);
    },
  );
});

test('an unreadable path exits 2; no path at all is a usage error (2)', async () => {
  const missing = await run(['/no/such/dir']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no\/such\/dir/);
  assert.equal((await run([])).code, 2);
});
