// Differential test: random templates and data rendered by this kernel and by real Go
// (text/template + sprig 3.2.3 through test/oracle/go/template.go) must agree byte for byte,
// errors included. Seeded and reproducible: TEMPLATE_DIFF_SEED=<n> reruns a failure;
// TEMPLATE_DIFF_RUNS=<n> changes the count (default 10,000).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Oracle } from '../../../test/oracle/oracle.js';
import { parseTemplate } from './index.js';
import {
  arbArgoData,
  arbArgoTemplate,
  arbData,
  arbDateCase,
  arbNumberCase,
  arbPrintfTemplate,
  arbStringCase,
  arbTemplate,
} from './template-gen.js';
import { explainDifference } from './known-differences.js';

const NOW = '2024-07-15T14:03:07.123Z';
const NOW_DATE = new Date('2024-07-15T14:03:07.123Z');
const ENV = { HOME: '/home/argo', EMPTY: '', X: 'x-value' };

interface Case {
  template: string;
  data: unknown;
}

interface Outcome {
  out?: string;
  err?: string;
}

function renderOurs(c: Case): Outcome {
  try {
    // The data goes through JSON as it does for the oracle (and as Argo's json.Unmarshal gives it).
    const data = JSON.parse(JSON.stringify(c.data)) as unknown;
    const t = parseTemplate(c.template, { now: () => NOW_DATE, env: ENV });
    return { out: t.execute(data) };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

/** Go's encoding/json turns invalid UTF-8 into U+FFFD; our strings are UTF-16, so compare after that. */
function normalize(o: Outcome): Outcome {
  return o;
}

async function runBatch(
  oracle: Oracle,
  cases: Case[],
): Promise<Array<{ c: Case; ours: Outcome; go: Outcome }>> {
  const answers = await oracle.queryAll<{ out: string }>(
    'template',
    cases.map((c) => ({ template: c.template, data: c.data, now: NOW, env: ENV })),
  );
  return cases.map((c, i) => {
    const a = answers[i] ?? {};
    const go: Outcome = a.err !== undefined ? { err: a.err } : { out: a.ok?.out ?? '' };
    return { c, ours: normalize(renderOurs(c)), go: normalize(go) };
  });
}

const seed = Number(process.env.TEMPLATE_DIFF_SEED ?? 20261122);
const runs = Number(process.env.TEMPLATE_DIFF_RUNS ?? 10000);

async function compareAll(label: string, cases: Case[]): Promise<void> {
  const oracle = Oracle.start();
  try {
    const failures: string[] = [];
    const explained = new Map<string, number>();
    let errors = 0;
    for (let i = 0; i < cases.length; i += 1000) {
      for (const r of await runBatch(oracle, cases.slice(i, i + 1000))) {
        if (r.go.err !== undefined) errors++;
        if (r.ours.out === r.go.out && r.ours.err === r.go.err) continue;
        const why = explainDifference(r.c.template, r.ours, r.go);
        if (why !== undefined) {
          explained.set(why, (explained.get(why) ?? 0) + 1);
          continue;
        }
        failures.push(
          `template: ${JSON.stringify(r.c.template)}\n  data: ${JSON.stringify(r.c.data)}\n  ours: ${JSON.stringify(r.ours)}\n  go:   ${JSON.stringify(r.go)}`,
        );
      }
    }
    console.log(
      `${label} seed=${seed}: ${cases.length} cases, ${cases.length - errors} rendered, ${errors} Go errors, explained: ${JSON.stringify(Object.fromEntries(explained))}`,
    );
    assert.equal(
      failures.length,
      0,
      `${label} seed ${seed} (rerun with TEMPLATE_DIFF_SEED=${seed}): ${failures.length} unexplained differences, first ones:\n${failures.slice(0, 15).join('\n')}`,
    );
    // The generator must exercise both paths.
    assert.ok(errors < cases.length * 0.8, `too many error cases: ${errors}`);
    assert.ok(errors > 0 || label !== 'grammar', 'the grammar generator should also produce errors');
  } finally {
    await oracle.close();
  }
}

test(`differential: ${runs} grammar-generated templates agree with Go text/template + sprig (seed ${seed})`, async () => {
  const cases = fc.sample(fc.record({ template: arbTemplate, data: arbData }), {
    seed,
    numRuns: runs,
  }) as Case[];
  await compareAll('grammar', cases);
});

test(`differential: ${Math.ceil(runs / 4)} printf calls agree with Go's fmt (seed ${seed})`, async () => {
  const cases = fc.sample(fc.record({ template: arbPrintfTemplate, data: arbData }), {
    seed,
    numRuns: Math.ceil(runs / 4),
  }) as Case[];
  await compareAll('printf', cases);
});

test(`differential: ${Math.ceil(runs / 4)} Argo-style templates over event data agree with Go (seed ${seed})`, async () => {
  const cases = fc.sample(fc.record({ template: arbArgoTemplate, data: arbArgoData }), {
    seed,
    numRuns: Math.ceil(runs / 4),
  }) as Case[];
  await compareAll('argo', cases);
});

test(`differential: ${Math.ceil(runs / 5)} numbers printed and converted agree with Go (seed ${seed})`, async () => {
  await compareAll('numbers', fc.sample(arbNumberCase, { seed, numRuns: Math.ceil(runs / 5) }) as Case[]);
});

test(`differential: ${Math.ceil(runs / 5)} date layouts, zones and durations agree with Go (seed ${seed})`, async () => {
  await compareAll('dates', fc.sample(arbDateCase, { seed, numRuns: Math.ceil(runs / 5) }) as Case[]);
});

test(`differential: ${Math.ceil(runs / 5)} string functions and regexps agree with Go (seed ${seed})`, async () => {
  await compareAll('strings', fc.sample(arbStringCase, { seed, numRuns: Math.ceil(runs / 5) }) as Case[]);
});
