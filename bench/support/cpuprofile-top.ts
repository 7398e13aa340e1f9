// `node --import tsx bench/support/cpuprofile-top.ts <file.cpuprofile> [n]`: the functions with
// the most self time in a V8 CPU profile (from `node --cpu-prof`), to find where time goes.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, count] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: cpuprofile-top.ts <file.cpuprofile> [n]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  if (node === undefined) return;
  const f = node.callFrame;
  const where =
    f.url === ''
      ? ''
      : ` ${f.url.replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, '')}:${f.lineNumber + 1}`;
  const key = `${f.functionName === '' ? '(anonymous)' : f.functionName}${where}`;
  self.set(key, (self.get(key) ?? 0) + dt);
});
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(count ?? 30));
console.log(`total ${(total / 1000).toFixed(0)} ms sampled`);
for (const [key, us] of rows)
  console.log(
    `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`,
  );
