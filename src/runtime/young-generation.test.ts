import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { growthFactorFor, operatorYoungGenerationFlag } from './young-generation.js';

describe('operatorYoungGenerationFlag', () => {
  it('finds the semi-space options on node’s command line and in NODE_OPTIONS, in either spelling', () => {
    assert.equal(
      operatorYoungGenerationFlag(['--max-semi-space-size=16'], undefined),
      '--max-semi-space-size=16',
    );
    assert.equal(
      operatorYoungGenerationFlag([], '--enable-source-maps  --max_semi_space_size=8'),
      '--max_semi_space_size=8',
    );
    assert.equal(
      operatorYoungGenerationFlag([], '--semi-space-growth-factor=3'),
      '--semi-space-growth-factor=3',
    );
    assert.equal(operatorYoungGenerationFlag(['--max-semi-space-size'], ''), '--max-semi-space-size');
  });

  it('ignores other options, including ones that only share a prefix', () => {
    assert.equal(operatorYoungGenerationFlag(['--import', 'tsx'], '--max-old-space-size=512'), undefined);
    assert.equal(operatorYoungGenerationFlag([], '--max-semi-space-size-extra=1'), undefined);
    assert.equal(operatorYoungGenerationFlag([], undefined), undefined);
  });
});

describe('growthFactorFor', () => {
  it('stops growth at the cap and gives V8 its default below it', () => {
    const cap = 8 * 1024 * 1024;
    assert.equal(growthFactorFor(2 * 1024 * 1024, cap), 2);
    assert.equal(growthFactorFor(cap, cap), 1);
    assert.equal(growthFactorFor(2 * cap, cap), 1);
  });
});

/**
 * A child process keeps a ring of recently allocated objects (so every scavenge sees survivors and
 * V8 grows the young generation) for a fixed number of event-loop turns, then prints its young
 * generation's size in bytes.
 */
function youngGenerationAfterLoad(mode: 'capped' | 'uncapped' | 'operator'): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    const { capYoungGeneration } = await import(${JSON.stringify(join(import.meta.dirname, 'young-generation.ts'))});
    const cap = ${JSON.stringify(mode)} === 'uncapped' ? undefined
      : capYoungGeneration({ execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS, semiSpaceMiB: 2 });
    const ring = new Array(4000);
    let at = 0;
    for (let turn = 0; turn < 1500; turn++) {
      for (let i = 0; i < 2000; i++) ring[at++ % ring.length] = { text: 'event ' + turn + '/' + i, list: [turn, i], nested: { i } };
      await new Promise((resolve) => setImmediate(resolve));
    }
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    process.stdout.write(JSON.stringify({ young, semiSpaceMiB: cap?.semiSpaceMiB ?? null }));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: mode === 'operator' ? '--max-semi-space-size=8' : '' },
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { young: number; semiSpaceMiB: number | null };
  assert.equal(out.semiSpaceMiB, mode === 'capped' ? 2 : null);
  return out.young;
}

describe('capYoungGeneration', () => {
  const MiB = 1024 * 1024;

  it('keeps the young generation at the cap where V8 alone grows it past', () => {
    const uncapped = youngGenerationAfterLoad('uncapped');
    assert.ok(uncapped > 4 * MiB, `the load must grow an uncapped young generation past 4 MiB: ${uncapped}`);
    const capped = youngGenerationAfterLoad('capped');
    assert.ok(capped <= 4 * MiB, `capped at 2 × 2 MiB: ${capped}`);
  });

  it('leaves the size to the operator’s --max-semi-space-size', () => {
    const young = youngGenerationAfterLoad('operator');
    assert.ok(young > 4 * MiB && young <= 16 * MiB, `V8 grows it up to the operator’s 2 × 8 MiB: ${young}`);
  });
});
