// gjson path reads and sjson writes on a typical webhook event (about 1 KB of JSON).
import type { Benchmark } from './bench.js';
import { opsPerSecond } from './bench.js';
import { get } from '../src/kernels/gjson-path/index.js';
import { set, setRaw } from '../src/kernels/sjson-path/index.js';

const event = JSON.stringify({
  header: {
    'Content-Type': ['application/json'],
    'X-Github-Event': ['pull_request'],
    'X-Request-Id': ['a1b2c3'],
  },
  body: {
    action: 'opened',
    number: 42,
    pull_request: {
      title: 'Add the thing',
      user: { login: 'octocat', id: 583231 },
      labels: [
        { name: 'bug', color: 'f00' },
        { name: 'Webhook', color: '0f0' },
        { name: 'docs', color: '00f' },
      ],
      head: { ref: 'feature/thing', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e' },
      base: { ref: 'main' },
      draft: false,
      additions: 120.5,
    },
    repository: { full_name: 'argoproj/argo-events', private: false, topics: ['events', 'k8s', 'workflows'] },
  },
});

const template = JSON.stringify({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { generateName: 'pr-', labels: { app: 'ci' } },
  spec: {
    entrypoint: 'main',
    arguments: {
      parameters: [
        { name: 'pr', value: '' },
        { name: 'sha', value: '' },
      ],
    },
  },
});

export const pathsBenchmark: Benchmark = {
  name: 'paths',
  description:
    'gjson reads and sjson writes on a ~1 KB webhook event / ~250 B workflow (src/kernels/gjson-path, sjson-path); ops/s, one core',
  run({ quick }) {
    const ms = quick ? 300 : 1500;
    return Promise.resolve({
      read_simple_per_s: opsPerSecond(() => get(event, 'body.pull_request.user.login'), ms),
      read_header_index_per_s: opsPerSecond(() => get(event, 'header.X-Github-Event.0'), ms),
      read_count_per_s: opsPerSecond(() => get(event, 'body.pull_request.labels.#'), ms),
      read_map_field_per_s: opsPerSecond(() => get(event, 'body.pull_request.labels.#.name'), ms),
      read_query_per_s: opsPerSecond(
        () => get(event, 'body.pull_request.labels.#(name=="Webhook").color'),
        ms,
      ),
      read_multipath_per_s: opsPerSecond(
        () => get(event, '[body.action,body.pull_request.labels.#(name=="Webhook").name]'),
        ms,
      ),
      read_modifier_per_s: opsPerSecond(() => get(event, 'body.repository.topics|@reverse|0'), ms),
      read_string_form_per_s: opsPerSecond(() => get(event, 'body.pull_request.additions').string(), ms),
      set_existing_per_s: opsPerSecond(
        () => set(template, 'spec.arguments.parameters.0.value', 'octocat'),
        ms,
      ),
      set_new_nested_per_s: opsPerSecond(() => set(template, 'metadata.annotations.argus\\.io/pr', '42'), ms),
      set_append_per_s: opsPerSecond(
        () => setRaw(template, 'spec.arguments.parameters.-1', '{"name":"x","value":"1"}'),
        ms,
      ),
    });
  },
};
