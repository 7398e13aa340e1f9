// Every upstream example manifest is judged as upstream judges it, and Argus's own examples
// are valid without warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative, resolve } from 'node:path';
import { loadResources } from '../../src/api/load.js';
import { conformanceDir, hasConformance } from './conformance-dir.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

if (hasConformance('upstream-examples')) {
  test('upstream examples: all 167 documents valid except the two stale http tutorials', async () => {
    const root = resolve(conformanceDir, 'upstream-examples');
    const result = await loadResources([root]);
    assert.deepEqual(result.failures, []);
    assert.equal(result.resources.length, 167);
    const invalid = result.resources
      .filter((r) => r.errors.length > 0)
      .map((r) => [relative(root, r.file ?? ''), r.errors.map((e) => e.message)]);
    assert.deepEqual(invalid, [
      ['examples/tutorials/09-http-trigger/sensor-01.yaml', ['server URL is not specified']],
      ['examples/tutorials/09-http-trigger/sensor-02.yaml', ['server URL is not specified']],
    ]);
    // RBAC, ConfigMap, Pod, Service and the WorkflowTemplate are skipped, not rejected
    assert.deepEqual(
      result.skipped.map((s) => `${relative(root, s.file)}#${s.document}`),
      [
        'examples/rbac/sensor-rbac.yaml#1',
        'examples/rbac/sensor-rbac.yaml#2',
        'examples/rbac/sensor-rbac.yaml#3',
        'examples/rbac/workflow-rbac.yaml#1',
        'examples/rbac/workflow-rbac.yaml#2',
        'examples/sensors/sensor-to-existing-workflow-template.yaml#2',
        'examples/tutorials/03-trigger-sources/trigger-store.yaml#1',
        'examples/tutorials/09-http-trigger/http-server-svc.yaml#1',
        'examples/tutorials/09-http-trigger/http-server.yaml#1',
      ],
    );
  });
} else {
  void test.skip('upstream examples (conformance folder not found)');
}

test("Argus's examples are valid and raise no warnings", async () => {
  const result = await loadResources([resolve(repoRoot, 'examples')]);
  assert.deepEqual(result.failures, []);
  assert.ok(result.resources.length >= 2);
  for (const r of result.resources) {
    assert.deepEqual([...r.errors, ...r.warnings], [], `${r.file ?? ''}: ${r.kind}/${r.name}`);
  }
  const kinds = result.resources.map((r) => `${r.kind}/${r.name}`);
  assert.ok(kinds.includes('EventSource/webhook') && kinds.includes('Sensor/webhook'), kinds.join(', '));
});
