// The closing table of `npm run bench`: the headline figures, the ratios issue 7 asks for and
// each target with its verdict. A figure that was not measured prints as "not measured", never 0.

type Results = Record<string, unknown>;

/** The number at `path` (dotted) in `results`, or undefined when it was not measured. */
export function figure(results: Results, path: string): number | undefined {
  let v: unknown = results;
  for (const part of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The first measured figure among `paths`. */
function first(results: Results, ...paths: string[]): number | undefined {
  for (const p of paths) {
    const v = figure(results, p);
    if (v !== undefined) return v;
  }
  return undefined;
}

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : Math.round((a / b) * 100) / 100;
}

/** RSS is measured in MiB (/proc reports KiB); the targets are in MB (10^6 bytes). */
function mibOfMegabytes(mb: number): number {
  return (mb * 1e6) / 2 ** 20;
}

function show(v: number | undefined, unit = ''): string {
  return v === undefined ? 'not measured' : `${v.toLocaleString('en-US')}${unit}`;
}

/** Why a benchmark has no figure (its `skipped`/`failed` text), for the summary. */
function why(results: Results, name: string): string {
  const r = results[name];
  if (r === undefined) return ' (not run)';
  if (typeof r === 'object' && r !== null) {
    const o = r as Record<string, unknown>;
    const text = o['skipped'] ?? o['failed'];
    if (typeof text === 'string') return ` (${name}: ${text.split('\n')[0]?.slice(0, 100) ?? ''})`;
  }
  return '';
}

interface Target {
  readonly label: string;
  readonly value: number | undefined;
  readonly goal: string;
  readonly met: ((v: number) => boolean) | undefined;
  readonly bench: string;
  readonly unit?: string;
  /** Said when the benchmark ran but this figure is absent. */
  readonly absent?: string;
}

/** Computes the ratios and target verdicts of `results` (also used by the JSON writer). */
export function evaluateTargets(results: Results): {
  ratios: Record<string, number | undefined>;
  targets: Target[];
} {
  const ceiling = figure(results, 'ceiling.rps');
  const ingestEmbedded = figure(results, 'ingest_embedded.rps');
  const ingestJetstream = figure(results, 'ingest_jetstream.rps');
  const rawJetstream = figure(results, 'ingest_jetstream.raw_client_rps');
  const e2eJetstream = figure(results, 'e2e_jetstream.eps');
  const d10 = figure(results, 'rss_mb.deps_10');
  const d100 = figure(results, 'rss_mb.deps_100');
  const d1000 = figure(results, 'rss_mb.deps_1000');
  // linear growth: MiB per dependency between 100 and 1,000 vs between 10 and 100 (1.0 = linear)
  const slopeLow = d10 !== undefined && d100 !== undefined ? (d100 - d10) / 90 : undefined;
  const slopeHigh = d100 !== undefined && d1000 !== undefined ? (d1000 - d100) / 900 : undefined;
  const ratios = {
    // paired rounds when the benchmark ran them, else against the separate ceiling benchmark
    'ingest_embedded / ceiling':
      figure(results, 'ingest_embedded.ratio_to_ceiling') ?? ratio(ingestEmbedded, ceiling),
    'ingest_jetstream / ceiling':
      figure(results, 'ingest_jetstream.ratio_to_ceiling') ?? ratio(ingestJetstream, ceiling),
    'ingest_jetstream / raw JetStream client': ratio(ingestJetstream, rawJetstream),
    'rss per dependency 100→1000 vs 10→100': ratio(slopeHigh, slopeLow),
  };
  const quickstartRss = [figure(results, 'rss_mb.idle'), figure(results, 'rss_mb.load')].filter(
    (v) => v !== undefined,
  );
  const targets: Target[] = [
    {
      label: 'ingest_embedded / ceiling',
      value: ratios['ingest_embedded / ceiling'],
      goal: '≥ 0.5',
      met: (v) => v >= 0.5,
      bench: 'ingest_embedded',
    },
    {
      label: 'e2e embedded events/s',
      value: figure(results, 'e2e_embedded.eps'),
      goal: '≥ 5,000',
      met: (v) => v >= 5000,
      bench: 'e2e_embedded',
    },
    {
      label: 'e2e JetStream events/s',
      value: e2eJetstream,
      goal: '≥ 3,000',
      met: (v) => v >= 3000,
      bench: 'e2e_jetstream',
    },
    {
      label: 'e2e embedded p99 at 1,000/s',
      value: figure(results, 'e2e_embedded.at_1000.p99_ms'),
      goal: '≤ 20 ms',
      met: (v) => v <= 20,
      bench: 'e2e_embedded',
      unit: ' ms',
    },
    {
      label: 'e2e JetStream p99 at 1,000/s',
      value: figure(results, 'e2e_jetstream.at_1000.p99_ms'),
      goal: '≤ 20 ms',
      met: (v) => v <= 20,
      bench: 'e2e_jetstream',
      unit: ' ms',
    },
    {
      label: 'engine evaluations/s (wall clock)',
      value: first(results, 'engine.evals_per_s', 'engine.filter_and_param_evals_per_s'),
      goal: '≥ 100,000',
      met: (v) => v >= 100_000,
      bench: 'engine',
    },
    {
      // on a shared machine the benchmark gets a fraction of a core; per CPU-second is the code's own speed
      label: 'engine evaluations per CPU-second',
      value: figure(results, 'engine.filter_and_param_evals_per_cpu_s'),
      goal: '≥ 100,000',
      met: (v) => v >= 100_000,
      bench: 'engine',
    },
    {
      label: 'quickstart RSS (max of idle, load)',
      value: quickstartRss.length === 0 ? undefined : Math.max(...quickstartRss),
      goal: '≤ 100 MB (95.4 MiB)',
      met: (v) => v <= mibOfMegabytes(100),
      bench: 'rss_mb',
      unit: ' MiB',
    },
    {
      label: 'RSS, sensor with 100 dependencies',
      value: d100,
      goal: '≤ 150 MB (143.1 MiB)',
      met: (v) => v <= mibOfMegabytes(150),
      bench: 'rss_mb',
      unit: ' MiB',
    },
    {
      label: 'RSS growth 100→1000 / 10→100 per dependency',
      value: ratios['rss per dependency 100→1000 vs 10→100'],
      goal: 'linear (≤ 1.5)',
      met: (v) => v <= 1.5,
      bench: 'rss_mb',
      absent: ' (needs deps_10/100/1000: full run only)',
    },
    {
      label: 'start-up to ready',
      value: figure(results, 'startup_ms'),
      goal: '≤ 1,000 ms',
      met: (v) => v <= 1000,
      bench: 'startup_ms',
      unit: ' ms',
    },
  ];
  return { ratios, targets };
}

/** Prints ratios and targets. */
export function printSummary(results: Results): void {
  const { ratios, targets } = evaluateTargets(results);
  console.log('## summary');
  for (const [label, v] of Object.entries(ratios)) console.log(`  ${label.padEnd(44)} ${show(v)}`);
  console.log('');
  console.log(`  ${'target'.padEnd(44)} ${'measured'.padEnd(16)} ${'goal'.padEnd(16)} verdict`);
  for (const t of targets) {
    const verdict =
      t.value === undefined
        ? `NOT MEASURED${why(results, t.bench) || (t.absent ?? '')}`
        : t.met?.(t.value) === true
          ? 'met'
          : 'MISSED';
    console.log(
      `  ${t.label.padEnd(44)} ${show(t.value, t.unit).padEnd(16)} ${t.goal.padEnd(16)} ${verdict}`,
    );
  }
  console.log('\n  shared machine: other work ran at the same time; figures are noisy (see load_average).');
}
