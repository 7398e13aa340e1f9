/**
 * `argus validate <paths…>`: judges EventSource, Sensor and EventBus manifests as upstream's
 * controller and admission webhook do. Exit codes: 0 all valid, 1 any invalid (or any warning
 * with `--strict`), 2 usage error or unreadable path.
 */
import { Command } from 'commander';
import { loadResources, type LoadResult, type LocatedIssue } from '../../api/index.js';
import { formatIssue, LoadError } from '../../shared/errors.js';
import type { CommandContext } from '../context.js';

interface ValidateOptions {
  readonly json?: boolean;
  readonly strict?: boolean;
  readonly quiet?: boolean;
}

interface JsonProblem {
  path: string;
  message: string;
  /** 1-based line of the field (or its nearest present parent) in YAML files. */
  line?: number;
}

interface JsonResource {
  file: string | null;
  kind: string | null;
  name: string | null;
  valid: boolean;
  errors: JsonProblem[];
  warnings: JsonProblem[];
}

const toProblem = (issue: LocatedIssue): JsonProblem =>
  issue.line === undefined
    ? { path: issue.path, message: issue.message }
    : { path: issue.path, message: issue.message, line: issue.line };

/** The `--json` document: one entry per resource, plus one per file that could not be parsed. */
export function toJsonReport(result: LoadResult): {
  resources: JsonResource[];
  skipped: { file: string; document: number; reason: string }[];
} {
  const resources: JsonResource[] = result.resources.map((r) => ({
    file: r.file ?? null,
    kind: r.kind,
    name: r.name,
    valid: r.errors.length === 0,
    errors: r.errors.map(toProblem),
    warnings: r.warnings.map(toProblem),
  }));
  for (const failure of result.failures) {
    resources.push({
      file: failure.file ?? null,
      kind: null,
      name: null,
      valid: false,
      errors: [toProblem(failure)],
      warnings: [],
    });
  }
  const skipped = result.skipped.map((s) => ({ file: s.file, document: s.document, reason: s.reason }));
  return { resources, skipped };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The human report: one line per problem, then notes for skipped documents, then a summary. */
export function formatHumanReport(result: LoadResult, options: { quiet?: boolean } = {}): string {
  const lines: string[] = [];
  for (const failure of result.failures) lines.push(formatIssue(failure));
  for (const r of result.resources) {
    for (const e of r.errors) lines.push(formatIssue(e));
    for (const w of r.warnings) lines.push(`warning: ${formatIssue(w)}`);
  }
  if (options.quiet !== true) {
    for (const s of result.skipped) {
      lines.push(`note: ${s.file}: document ${s.document} (line ${s.line}): ${s.reason}; skipped`);
    }
  }
  const invalid = result.resources.filter((r) => r.errors.length > 0).length;
  const warnings = result.resources.reduce((n, r) => n + r.warnings.length, 0);
  const parts = [
    `${plural(result.resources.length, 'resource')}: ${result.resources.length - invalid} valid, ${invalid} invalid`,
    plural(warnings, 'warning'),
  ];
  if (result.failures.length > 0) parts.push(`${plural(result.failures.length, 'file')} not parsed`);
  if (result.skipped.length > 0) parts.push(`${plural(result.skipped.length, 'other document')} skipped`);
  lines.push(parts.join('; '));
  return lines.join('\n') + '\n';
}

/** The exit code for a result: 1 when anything is invalid (or warned about, with `strict`). */
export function exitCodeOf(result: LoadResult, strict: boolean): number {
  if (result.failures.length > 0) return 1;
  if (result.resources.some((r) => r.errors.length > 0)) return 1;
  if (strict && result.resources.some((r) => r.warnings.length > 0)) return 1;
  return 0;
}

export function validateCommand(ctx: CommandContext): Command {
  return new Command('validate')
    .description(
      'Check EventSource, Sensor and EventBus manifests (files or folders, YAML or JSON) with upstream Argo Events rules.',
    )
    .argument('<paths...>', 'manifest files or folders (folders are read recursively: .yaml, .yml, .json)')
    .option('--json', 'print a JSON report instead of text')
    .option('--strict', 'treat warnings (unknown fields, …) as failures')
    .option('-q, --quiet', 'do not print notes about skipped documents')
    .action(async (paths: string[], options: ValidateOptions) => {
      let result: LoadResult;
      try {
        result = await loadResources(paths);
      } catch (err: unknown) {
        if (err instanceof LoadError) {
          ctx.io.stderr(`argus validate: ${err.message}\n`);
          ctx.setExitCode(2);
          return;
        }
        throw err;
      }
      if (options.json === true) {
        ctx.io.stdout(JSON.stringify(toJsonReport(result), null, 2) + '\n');
      } else {
        ctx.io.stdout(formatHumanReport(result, { quiet: options.quiet === true }));
      }
      ctx.setExitCode(exitCodeOf(result, options.strict === true));
    });
}
