// Manifests the benchmarks run, written to a throw-away folder: the webhook EventSource, the
// end-to-end Sensor, the quickstart with its ports moved to free ones, and N-dependency sensors.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary folder under the OS temp dir. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `argus-bench-${prefix}-`));
}

/** The benchmark's webhook EventSource `bench` with event `ingest` on `port`, path /ingest. */
export function webhookEventSource(port: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: bench
spec:
  webhook:
    ingest:
      port: "${port}"
      endpoint: /ingest
      method: POST
`;
}

/**
 * The end-to-end Sensor: one dependency with a data filter (body.kind == "bench"), one HTTP
 * trigger whose payload is built from two parameters (the event's seq and send time), and
 * atLeastOnce (ack after the trigger succeeded).
 */
export function e2eSensor(sinkPort: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: bench
spec:
  dependencies:
    - name: in
      eventSourceName: bench
      eventName: ingest
      filters:
        data:
          - path: body.kind
            type: string
            value:
              - bench
  triggers:
    - template:
        name: sink
        http:
          url: http://127.0.0.1:${sinkPort}/sink
          method: POST
          payload:
            - src:
                dependencyName: in
                dataKey: body.seq
              dest: seq
            - src:
                dependencyName: in
                dataKey: body.sent
              dest: sent
      atLeastOnce: true
`;
}

/** Writes `files` (name → text) into a new temp folder and returns it. */
export function writeManifests(prefix: string, files: Record<string, string>): string {
  const dir = tempDir(prefix);
  mkdirSync(join(dir, 'manifests'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'manifests', name), text);
  return dir;
}

/**
 * examples/quickstart with its webhook port and its HTTP trigger's URL moved to `webhookPort`
 * and `sinkPort`, so the benchmark neither collides with nor depends on port 12000.
 */
export function quickstartOnPorts(
  repo: string,
  webhookPort: number,
  sinkPort: number,
): Record<string, string> {
  const dir = join(repo, 'examples', 'quickstart');
  const es = readFileSync(join(dir, 'event-source.yaml'), 'utf8');
  const sensor = readFileSync(join(dir, 'sensor.yaml'), 'utf8');
  // The quickstart's HTTP trigger posts back to its own webhook (/forwarded); the benchmark points it
  // at the sink instead, so the sink counts what the trigger sent.
  const movedEs = es.replace(/port: ["']12000["']/g, `port: "${webhookPort}"`);
  const movedSensor = sensor.replace(
    /http:\/\/127\.0\.0\.1:12000\/forwarded/,
    `http://127.0.0.1:${sinkPort}/forwarded`,
  );
  if (movedEs === es || movedSensor === sensor)
    throw new Error('examples/quickstart changed: port 12000 or URL 127.0.0.1:12000/forwarded not found');
  return { 'event-source.yaml': movedEs, 'sensor.yaml': movedSensor };
}

/**
 * One EventSource with `n` webhook events (ev0…ev{n-1} at /e0…, one port) and one Sensor whose single
 * trigger depends on all `n` of them, each dependency with a data filter: the upstream shape
 * whose memory grew with the dependency count (ae#1339, 23 dependencies, > 5 GiB).
 */
export function manyDependencies(n: number, port: number, sinkPort: number): Record<string, string> {
  const events = Array.from(
    { length: n },
    (_, i) => `    "ev${i}":\n      port: "${port}"\n      endpoint: /e${i}\n      method: POST\n`,
  ).join('');
  const deps = Array.from(
    { length: n },
    (_, i) =>
      `    - name: "d${i}"\n      eventSourceName: many\n      eventName: "ev${i}"\n      filters:\n        data:\n          - path: body.kind\n            type: string\n            value:\n              - bench\n`,
  ).join('');
  return {
    'event-source.yaml': `apiVersion: argoproj.io/v1alpha1\nkind: EventSource\nmetadata:\n  name: many\nspec:\n  webhook:\n${events}`,
    'sensor.yaml': `apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata:\n  name: many\nspec:\n  dependencies:\n${deps}  triggers:\n    - template:\n        name: sink\n        http:\n          url: http://127.0.0.1:${sinkPort}/sink\n          method: POST\n          payload:\n            - src:\n                dependencyName: d0\n                dataKey: body.seq\n              dest: seq\n`,
  };
}
