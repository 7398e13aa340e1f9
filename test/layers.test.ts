// Fails when a lower layer imports a higher one (DESIGN.md "Layers, inside out").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..', 'src');

/** Layer rank of each top-level folder of src/. shared/ is used by all and imports nothing above it. */
const rank: Record<string, number> = {
  shared: 0,
  kernels: 1,
  api: 2,
  engine: 3,
  eventbus: 4,
  eventsources: 5,
  triggers: 5,
  runtime: 6,
  cli: 7,
  server: 7,
  controller: 7,
};

/** Imports between front ends of the same layer that are allowed. */
const allowedSiblingImports = new Set(['cli->server', 'cli->controller']);

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

const folderOf = (file: string): string => relative(root, file).split(sep)[0] ?? '';

test('every folder under src/ has a layer', () => {
  for (const name of readdirSync(root)) {
    if (statSync(join(root, name)).isDirectory())
      assert.ok(name in rank, `src/${name} has no layer in test/layers.test.ts`);
  }
});

test('no module imports from a higher layer', () => {
  const violations: string[] = [];
  const importRe =
    /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const file of walk(root)) {
    if (file.endsWith('.test.ts')) continue; // tests may reach up to build fixtures
    const from = folderOf(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(importRe)) {
      const spec = m[1] ?? m[2];
      if (spec === undefined || !spec.startsWith('.')) continue;
      const target = folderOf(resolve(dirname(file), spec));
      const a = rank[from];
      const b = rank[target];
      if (a === undefined || b === undefined) continue;
      // Siblings of one layer stay apart (eventsources and triggers do not import each other),
      // except that the CLI starts the other front ends (the admin server, the controller).
      const sibling = a === b && from !== target && !allowedSiblingImports.has(`${from}->${target}`);
      if (b > a || sibling)
        violations.push(`${relative(root, file)} (layer ${a}) imports ${spec} (src/${target}, layer ${b})`);
    }
  }
  assert.deepEqual(violations, []);
});
