// Engine evaluations per second on upstream's filter example sensors: match + transform + filters
// for every dependency of an event, then parameters/payload of the first trigger when it passes.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadResources } from '../src/api/index.js';
import type { Sensor } from '../src/api/sensor/index.js';
import { makeEvent, type Event } from '../src/engine/event.js';
import { compileSensor, type CompiledSensor } from '../src/engine/sensor.js';
import { opsPerSecond, opsPerWallAndCpuSecond, type Benchmark } from './bench.js';

const conformance =
  process.env.ARGUS_CONFORMANCE_DIR ?? resolve(import.meta.dirname, '..', '..', 'shared', 'conformance');
const sensorsDir = join(conformance, 'upstream-examples', 'examples', 'sensors');

// one data document that exercises the paths those examples read
const data = JSON.stringify({
  a: 'b',
  b: { c: 3.14, d: 'hello, world' },
  c: 10,
  d: { e: false },
  'a-longer-name': 10,
  nested: { path: { 'can-get': { longer: false } } },
  bucket: 'argo-workflow-input',
  name: 'argus',
  header: { 'Content-Type': ['application/json'], 'X-Request-Id': ['r-1'] },
  body: { message: 'hello there', value: 51, a: 'b', d: { e: 'z' }, list: [1, 2, 3] },
});

interface Case {
  readonly file: string;
  readonly sensor: CompiledSensor;
  readonly event: Event;
  readonly trigger: string;
}

async function loadCases(): Promise<{ plain: Case[]; script: Case[] }> {
  const files = readdirSync(sensorsDir)
    .filter((f) => /filter/.test(f))
    .map((f) => join(sensorsDir, f));
  const loaded = await loadResources(files);
  const plain: Case[] = [];
  const script: Case[] = [];
  for (const r of loaded.resources) {
    if (r.kind !== 'Sensor') continue;
    const spec = (r.resource as Sensor).spec ?? {};
    const sensor = await compileSensor(spec);
    const dep = sensor.dependencies[0];
    const trigger = sensor.triggers[0]?.name;
    if (dep === undefined || trigger === undefined) continue;
    const event = makeEvent(
      {
        id: '1',
        source: dep.eventSourceName,
        subject: dep.eventName,
        type: 'webhook',
        specversion: '1.0',
        datacontenttype: 'application/json',
        time: '2024-07-15T12:00:00Z',
      },
      data,
    );
    const usesScript =
      spec.dependencies?.some((d) => (d.filters?.script ?? '') !== '' || d.transform !== undefined) ?? false;
    (usesScript ? script : plain).push({ file: r.file ?? '', sensor, event, trigger });
  }
  return { plain, script };
}

function evaluate(c: Case, withParams: boolean): void {
  // a fresh event object per evaluation: per-event caches must not make the figure look better
  const event: Event = { context: c.event.context, data: c.event.data };
  const verdicts = c.sensor.matchEvent(event);
  if (!withParams) return;
  const passed = verdicts.find((v) => v.passed);
  if (passed?.event !== undefined) {
    try {
      c.sensor.resolveTrigger(c.trigger, { [passed.name]: passed.event });
    } catch {
      // a parameter that does not resolve on our sample data still costs its evaluation
    }
  }
}

export const engineBenchmark: Benchmark = {
  name: 'engine',
  description:
    'sensor engine on upstream examples/sensors/filter-*.yaml: evaluations per second on one core (match + filters, and + trigger parameters/payload when the event passes), per wall-clock second and per CPU second of this process over the same window; Lua script filters separately',
  async run({ quick }) {
    const { plain, script } = await loadCases();
    const ms = quick ? 500 : 3000;
    let i = 0;
    const filtersOnly = opsPerWallAndCpuSecond(() => evaluate(plain[i++ % plain.length]!, false), ms);
    const withParams = opsPerWallAndCpuSecond(() => evaluate(plain[i++ % plain.length]!, true), ms);
    const scripts =
      script.length === 0 ? 0 : opsPerSecond(() => evaluate(script[i++ % script.length]!, true), ms);
    return {
      sensors: plain.length,
      filter_evals_per_s: filtersOnly.wall,
      filter_and_param_evals_per_s: withParams.wall,
      filter_evals_per_cpu_s: filtersOnly.cpu,
      filter_and_param_evals_per_cpu_s: withParams.cpu,
      script_sensors: script.length,
      script_filter_evals_per_s: scripts,
    };
  },
};
