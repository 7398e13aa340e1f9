/**
 * `argus explain -f <sensor.yaml> --event <file> [--event <file> …] [--json]`: an offline dry run of
 * a Sensor over sample CloudEvents (structured JSON), fed in order. No bus, no trigger executed.
 * Exit codes: 0 the run completed (whatever fired), 2 unreadable or invalid input.
 */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { loadResources, type LoadResult } from '../../api/index.js';
import type { Sensor } from '../../api/sensor/index.js';
import { compileSensor } from '../../engine/sensor.js';
import { explainSensor, formatExplanation } from '../../engine/explain.js';
import { parseCloudEvent, type Event } from '../../engine/event.js';
import { errorMessage, formatIssue } from '../../shared/errors.js';
import type { CommandContext } from '../context.js';

interface ExplainOptions {
  readonly file: string;
  readonly event?: string[];
  readonly json?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export function explainCommand(ctx: CommandContext): Command {
  return new Command('explain')
    .description(
      'Dry-run a Sensor over sample CloudEvents: which dependencies each event meets and why, which triggers fire and what they would send. No bus, no trigger executed.',
    )
    .requiredOption(
      '-f, --file <sensor>',
      'the Sensor manifest (YAML or JSON; the first Sensor in the file is used)',
    )
    .option('-e, --event <file>', 'a CloudEvent in structured JSON (repeatable; fed in order)', collect)
    .option('--json', 'print the explanation as JSON')
    .action(async (options: ExplainOptions) => {
      const fail = (message: string): void => {
        ctx.io.stderr(`argus explain: ${message}\n`);
        ctx.setExitCode(2);
      };
      let loaded: LoadResult;
      try {
        loaded = await loadResources([options.file]);
      } catch (err) {
        return fail(errorMessage(err));
      }
      if (loaded.failures.length > 0) return fail(loaded.failures.map(formatIssue).join('\n'));
      const report = loaded.resources.find((r) => r.kind === 'Sensor');
      if (report === undefined) return fail(`${options.file}: no Sensor found`);
      if (report.errors.length > 0) {
        return fail(`the Sensor is invalid:\n${report.errors.map(formatIssue).join('\n')}`);
      }
      const events: Event[] = [];
      for (const file of options.event ?? []) {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (err) {
          return fail(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}`);
        }
        try {
          events.push(parseCloudEvent(text));
        } catch (err) {
          return fail(`${file}: ${errorMessage(err)}`);
        }
      }
      const sensor = report.resource as Sensor;
      const compiled = await compileSensor(sensor.spec ?? {});
      const explanation = explainSensor(compiled, events);
      if (options.json === true) ctx.io.stdout(JSON.stringify(explanation, null, 2) + '\n');
      else ctx.io.stdout(formatExplanation(explanation, events));
      ctx.setExitCode(0);
    });
}
