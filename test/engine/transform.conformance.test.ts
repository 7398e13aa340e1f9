import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTransform } from '../../src/engine/transform/index.js';
import { loadJqRuntime } from '../../src/engine/transform/jq.js';
import { loadLuaRuntime } from '../../src/engine/transform/lua.js';
import type { EventDependencyTransformer } from '../../src/api/sensor/index.js';
import { caseEvent, loadCases } from './conformance.js';

const cases = loadCases('transform.json');

if (cases === undefined) {
  void test.skip('transform.json conformance (ARGUS_CONFORMANCE_DIR not found)');
} else {
  for (const c of cases) {
    test(`transform.json: ${c.name} (${c.from})`, async () => {
      const runtimes = { jq: await loadJqRuntime(), lua: await loadLuaRuntime() };
      const event = caseEvent(c.input.event);
      const transform = c.input.transform as EventDependencyTransformer;
      if (c.expect.error === true) {
        assert.throws(() => applyTransform(event, transform, runtimes));
        return;
      }
      const out = applyTransform(event, transform, runtimes);
      assert.equal(out.context.datacontenttype, 'application/json');
      const data = JSON.parse(out.data ?? 'null') as Record<string, unknown>;
      if (c.expect.dataText !== undefined) assert.equal(out.data, c.expect.dataText);
      if (c.expect.data !== undefined) assert.deepEqual(data, c.expect.data);
      if (c.expect.dataSubset !== undefined) {
        for (const [k, v] of Object.entries(c.expect.dataSubset as Record<string, unknown>))
          assert.deepEqual(data[k], v);
      }
    });
  }
}
