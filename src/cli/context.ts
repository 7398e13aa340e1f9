import type { Command } from 'commander';

/** Where a command writes; tests pass their own to capture output. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** Handed to every command factory: output streams and the exit code to return. */
export interface CommandContext {
  readonly io: CliIO;
  /** Environment variables, read here once and passed down; no other module reads process.env. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Sets the process exit code (0 success, 1 failure of the job, 2 usage or unreadable input). */
  setExitCode(code: number): void;
}

/** A command module exports one of these; src/cli/main.ts lists them. */
export type CommandFactory = (ctx: CommandContext) => Command;
