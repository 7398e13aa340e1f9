// `npm run bench [-- --quick] [-- --only name,name]`: runs every benchmark, prints a table and writes
// bench/results/latest.json. Benchmarks measure; tests never assert on speed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './bench.js';
import { engineBenchmark } from './engine.bench.js';
import { pathsBenchmark } from './paths.bench.js';

/** Every benchmark, in the order they run. Add one line per new benchmark module. */
const benchmarks: Benchmark[] = [engineBenchmark, pathsBenchmark];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg !== undefined ? new Set(onlyArg.split(',')) : undefined;

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  quick,
};
const results: Record<string, Record<string, unknown>> = {};

console.log(
  `argus bench — ${machine.cores} cores (${machine.cpu}), Node ${machine.node}${quick ? ', --quick' : ''}\n`,
);
for (const b of benchmarks) {
  if (only !== undefined && !only.has(b.name)) continue;
  console.log(`## ${b.name}: ${b.description}`);
  const figures = await b.run({ quick });
  results[b.name] = figures;
  for (const [k, v] of Object.entries(figures)) {
    console.log(`  ${k.padEnd(36)} ${typeof v === 'number' ? v.toLocaleString('en-US') : JSON.stringify(v)}`);
  }
  console.log('');
}

const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), JSON.stringify({ machine, results }, null, 2) + '\n');
console.log(`written: bench/results/latest.json`);
