// Go text/template + sprig renders (src/kernels/template) for typical Argo dataTemplates.
import type { Benchmark } from './bench.js';
import { opsPerSecond } from './bench.js';
import { parseTemplate } from '../src/kernels/template/index.js';

const data = {
  Input: {
    header: { 'X-Request-Id': ['a1b2c3'] },
    body: { name: 'foo bar', n: 41, id: 12345678, labels: ['bug', 'docs', 'webhook'], obj: { a: 1, b: 'x' } },
  },
};

const typical = '{{ .Input.body.name | upper }}-{{ .Input.body.n | add 1 }}';
const richer =
  '{{- range $i, $l := .Input.body.labels }}{{ if $i }},{{ end }}{{ $l | title | quote }}{{ end }} ' +
  '{{ printf "%08.2f" .Input.body.n }} {{ .Input.body.obj | toJson | b64enc }} {{ index .Input.header "X-Request-Id" 0 | default "none" }}';

export const templateBenchmark: Benchmark = {
  name: 'template',
  description:
    'Go text/template + sprig (src/kernels/template): renders/s of a parsed template on decoded event data, and parse+render/s; one core',
  run({ quick }) {
    const ms = quick ? 300 : 1500;
    const t1 = parseTemplate(typical);
    const t2 = parseTemplate(richer);
    return Promise.resolve({
      typical_template: typical,
      typical_renders_per_s: opsPerSecond(() => t1.execute(data), ms),
      richer_renders_per_s: opsPerSecond(() => t2.execute(data), ms),
      typical_parse_and_render_per_s: opsPerSecond(() => parseTemplate(typical).execute(data), ms),
    });
  },
};
