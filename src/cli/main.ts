import { Command, CommanderError } from 'commander';
import { explainCommand } from './commands/explain.js';
import { runCommand } from './commands/run.js';
import { sensorCommand } from './commands/sensor.js';
import { eventSourceCommand } from './commands/eventsource.js';
import { validateCommand } from './commands/validate.js';
import { processIO, type CliIO, type CommandContext, type CommandFactory } from './context.js';

/** The sub-commands, one module each under src/cli/commands/. */
const commands: CommandFactory[] = [
  validateCommand,
  explainCommand,
  runCommand,
  eventSourceCommand,
  sensorCommand,
];

const VERSION = '0.1.0';

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(
  argv: string[],
  io: CliIO = processIO,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  let exitCode = 0;
  const ctx: CommandContext = {
    io,
    env,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = new Command('argus')
    .description('Argo Events manifests, run anywhere: validate, explain and run EventSources and Sensors.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const factory of commands) {
    program.addCommand(
      factory(ctx).exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }),
    );
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err: unknown) {
    if (err instanceof CommanderError) {
      // help and version exit 0; usage errors exit 2
      return err.exitCode === 0 ? 0 : 2;
    }
    io.stderr(`argus: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  return exitCode;
}
