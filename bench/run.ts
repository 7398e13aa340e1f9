// `npm run bench [-- --quick] [-- --only name,name]`: runs every benchmark, prints a table and writes
// bench/results/latest.json. Benchmarks measure; tests never assert on speed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './bench.js';
import { busBenchmark } from './bus.bench.js';
import { ceilingBenchmark } from './ceiling.bench.js';
import { e2eEmbeddedBenchmark, e2eJetstreamBenchmark } from './e2e.bench.js';
import { engineBenchmark } from './engine.bench.js';
import { exprBenchmark } from './expr.bench.js';
import { harnessBenchmark } from './harness.bench.js';
import { ingestEmbeddedBenchmark, ingestJetstreamBenchmark } from './ingest.bench.js';
import { memoryBenchmark } from './memory.bench.js';
import { pathsBenchmark } from './paths.bench.js';
import { startupBenchmark } from './startup.bench.js';
import { templateBenchmark } from './template.bench.js';
import { printSummary } from './summary.js';
import { measureSteal } from './support/cpu-steal.js';

/**
 * Every benchmark, in the order they run. Add one line per new benchmark module. The in-process
 * CPU benchmark (engine) runs first, on a fresh heap, before the e2e sender and sink fill this
 * process with per-event bookkeeping.
 */
const benchmarks: Benchmark[] = [
  engineBenchmark,
  ceilingBenchmark,
  harnessBenchmark,
  ingestEmbeddedBenchmark,
  ingestJetstreamBenchmark,
  e2eEmbeddedBenchmark,
  e2eJetstreamBenchmark,
  memoryBenchmark,
  startupBenchmark,
  pathsBenchmark,
  busBenchmark,
  templateBenchmark,
  exprBenchmark,
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg !== undefined ? new Set(onlyArg.split(',')) : undefined;

// Benchmarks start `argus` through bin/argus.js, which runs the bundle only when it is newer than
// the sources: build it first so start-up and memory are those of what users run, not of tsx.
if (process.env['ARGUS_BENCH_BIN'] === undefined) {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs')], {
    stdio: 'inherit',
  });
}

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  quick,
  // the 1-minute load average at the start: above the core count, other work shares the CPUs
  load_average: Math.round((loadavg()[0] ?? 0) * 100) / 100,
};
const results: Record<string, unknown> = {};
/** CPU steal (%) during each benchmark and the whole run: the host's other tenants' share. */
const steal: Record<string, number | undefined> = {};

console.log(
  `argus bench — ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, load average ${machine.load_average}${quick ? ', --quick' : ''}\n`,
);
const started = performance.now();
const wholeRun = measureSteal();
for (const b of benchmarks) {
  if (only !== undefined && !only.has(b.name)) continue;
  console.log(`## ${b.name}: ${b.description}`);
  const t0 = performance.now();
  const stolen = measureSteal();
  let figures: Record<string, unknown> | number;
  try {
    figures = await b.run({ quick });
  } catch (err: unknown) {
    // a broken benchmark says so in the results instead of taking the others down with it
    figures = { failed: (err instanceof Error ? err.message : String(err)).slice(0, 600) };
  }
  results[b.name] = figures;
  if (typeof figures === 'number') console.log(`  ${'value'.padEnd(36)} ${figures.toLocaleString('en-US')}`);
  else printFigures(figures, '');
  steal[b.name] = stolen.stop();
  const stealText = steal[b.name] === undefined ? '' : `, CPU steal ${steal[b.name]} %`;
  console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s${stealText})\n`);
}
const stealTotal = wholeRun.stop();

printSummary(results);
if (stealTotal !== undefined && stealTotal >= 5)
  console.log(
    `\n  the host took ${stealTotal} % of this VM's CPU time during the run (steal): every figure is lower than on a quiet machine`,
  );
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);

const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'latest.json'),
  JSON.stringify({ machine: { ...machine, steal_pct: { run: stealTotal, ...steal } }, results }, null, 2) +
    '\n',
);
console.log(`written: bench/results/latest.json`);

function printFigures(figures: Record<string, unknown>, prefix: string): void {
  for (const [k, v] of Object.entries(figures)) {
    const key = prefix + k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v))
      printFigures(v as Record<string, unknown>, `${key}.`);
    else
      console.log(
        `  ${key.padEnd(36)} ${typeof v === 'number' ? v.toLocaleString('en-US') : JSON.stringify(v)}`,
      );
  }
}
