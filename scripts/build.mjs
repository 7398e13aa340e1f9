// Bundles the CLI into dist/argus.js so `argus` starts without compiling TypeScript at run time.
// npm packages stay external (native lmdb, wasm in jq-wasm and wasmoon load from node_modules).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/argus.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
