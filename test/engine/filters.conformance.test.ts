import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventDependencyFilter } from '../../src/api/sensor/index.js';
import { compileFilters } from '../../src/engine/filters/index.js';
import { loadLuaRuntime } from '../../src/engine/transform/lua.js';
import { caseEvent, loadCases } from './conformance.js';

const files = [
  'filters-data.json',
  'filters-expr.json',
  'filters-context.json',
  'filters-time.json',
  'filters-script.json',
  'filters-logic.json',
];

for (const file of files) {
  const cases = loadCases(file);
  if (cases === undefined) {
    void test.skip(`${file} conformance (ARGUS_CONFORMANCE_DIR not found)`);
    continue;
  }
  for (const c of cases) {
    void test(`${file}: ${c.name} (${c.from})`, async () => {
      const filters = c.input.filters as EventDependencyFilter;
      const compiled = compileFilters(
        filters,
        c.input.filtersLogicalOperator as string | undefined,
        await loadLuaRuntime(),
      );
      const v = compiled.evaluate(caseEvent(c.input.event));
      const why = `${c.from}\nreasons:\n  ${v.reasons.join('\n  ')}\nerror: ${v.error ?? '-'}`;
      assert.equal(v.pass, c.expect.pass, `pass\n${why}`);
      if (c.expect.error !== undefined) assert.equal(v.error !== undefined, c.expect.error, `error\n${why}`);
      if (c.expect.internalPass !== undefined)
        assert.equal(v.internalPass, c.expect.internalPass, `internalPass\n${why}`);
      if (typeof c.expect.errorMessage === 'string') assert.equal(v.error, c.expect.errorMessage, why);
      const contains = c.expect.errorContains;
      for (const s of typeof contains === 'string'
        ? [contains]
        : Array.isArray(contains)
          ? (contains as string[])
          : [])
        assert.ok(v.error?.includes(s), `error should contain ${s}\n${why}`);
    });
  }
}
