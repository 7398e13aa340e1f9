/**
 * jq for `transform.jq`. Upstream uses gojq; Argus runs real jq 1.8.2 compiled to wasm (jq-wasm,
 * pinned to 3.0.0-jq-1.8.2: the `latest` tag crashes). Numbers are normalised to float64 on the way
 * in (as upstream's json.Unmarshal does) and the first output is re-serialised with sorted keys
 * (as Go's encoder writes gojq's maps).
 */
import { loadJq, type Jq } from 'jq-wasm';
import { ScriptError } from '../../shared/errors.js';

/** A loaded jq wasm module. */
export interface JqRuntime {
  readonly jq: Jq;
}

let loading: Promise<JqRuntime> | undefined;

/** Loads jq once per process. */
export function loadJqRuntime(): Promise<JqRuntime> {
  loading ??= loadJq().then((jq) => ({ jq }));
  return loading;
}

/**
 * Runs `query` on decoded event data and returns the first output, which must be an object.
 * @throws ScriptError: compile/runtime error before any output, no output, or a non-object output.
 */
export function runJqTransform(rt: JqRuntime, query: string, data: unknown): Record<string, unknown> {
  let stdout: string;
  let stderr: string;
  try {
    // JSON.stringify of the parsed data: numbers as float64, like upstream's json.Unmarshal
    const res = rt.jq.raw(JSON.stringify(data), query, ['-c']);
    stdout = res.stdout;
    stderr = res.stderr;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ScriptError(`jq: ${message.replace(/^jq: error: /, '')}`, { cause: err });
  }
  const nl = stdout.indexOf('\n');
  const first = (nl === -1 ? stdout : stdout.slice(0, nl)).trim();
  if (first === '') {
    if (stderr.trim() !== '') throw new ScriptError(stderr.trim().replace(/\n+/g, '; '));
    throw new ScriptError('no output available from the jq command execution');
  }
  const value = JSON.parse(first) as unknown;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ScriptError('jq transformation output must be a JSON object');
  }
  return value as Record<string, unknown>;
}
