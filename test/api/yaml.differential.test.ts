// Differential test: Argus's YAML reading against go-yaml v2 (what sigs.k8s.io/yaml, and so
// upstream's tooling, uses), through the Go oracle (test/oracle/go/yaml.go).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestText } from '../../src/api/load.js';
import { Oracle } from '../oracle/oracle.js';

const snippets: string[] = [
  // booleans, as values and as keys
  'a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: N\ng: true\nh: False\ni: TRUE\n',
  'on: 1\noff: 2\ny: 3\nn: 4\nyes: 5\n',
  // integers and floats
  'a: 0777\nb: 0x1F\nc: 0b101\nd: 1_000\ne: +12\nf: -0\ng: 017\nh: 08\n',
  'a: 1e3\nb: .5\nc: 1.\nd: 3.25\ne: -1.5e-3\nf: 1E3\n',
  // things that stay strings
  'a: 10:00:00\nb: 2019-04-06T12:52:11Z\nc: 2019-04-06\nd: "yes"\ne: \'0777\'\nf: 1:20\ng: 0o17\nh: 1.2.3\n',
  // nulls
  'a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: [1, ~, null]\n',
  // numeric and null keys
  '1: a\n2.5: b\n-3: c\n',
  // merge keys and anchors
  'base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\nlist: [*b]\n',
  // multi-document, empty documents
  '---\na: 1\n---\n---\nb: [x, y]\n...\n---\nc: {d: e}\n',
  // a duplicated key: the last one wins
  'a: 1\nb: 2\na: 3\n',
  // block scalars
  'a: |\n  line1\n  line2\nb: >\n  folded\n  text\nc: |-\n  keep\n',
];

let oracle: Oracle | undefined;
before(() => {
  oracle = Oracle.start();
});
after(async () => {
  await oracle?.close();
});

for (const [i, text] of snippets.entries()) {
  test(`YAML snippet ${i} reads as go-yaml v2 + sigs.k8s.io/yaml read it`, async () => {
    const go = await oracle!.query<{ documents: unknown[] }>('yaml.v2', { text });
    assert.equal(go.err, undefined, go.err);
    const ours = parseManifestText(text, 'snippet.yaml');
    assert.deepEqual(ours.errors, []);
    assert.deepEqual(
      ours.documents.map((d) => d.value),
      go.ok!.documents,
      text,
    );
  });
}

test('a null map key is rejected by both', async () => {
  const text = 'a: 1\n~: 2\n';
  const go = await oracle!.query('yaml.v2', { text });
  assert.match(go.err ?? '', /unsupported map key of type: <nil>/);
  const ours = parseManifestText(text, 'k.yaml');
  assert.deepEqual(
    ours.errors.map((e) => e.message),
    ['line 2: yaml: unsupported map key of type: <nil>'],
  );
});
