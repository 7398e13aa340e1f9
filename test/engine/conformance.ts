// Loads ../shared/conformance case files for the engine's conformance tests.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { makeEvent, type Event } from '../../src/engine/event.js';

export const conformanceDir =
  process.env.ARGUS_CONFORMANCE_DIR ??
  resolve(import.meta.dirname, '..', '..', '..', 'shared', 'conformance');

export interface Case {
  name: string;
  from: string;
  input: Record<string, unknown>;
  expect: Record<string, unknown>;
  note?: string;
}

/** The cases of one file, or undefined (with a loud message) when the folder is absent. */
export function loadCases(file: string): Case[] | undefined {
  const path = resolve(conformanceDir, file);
  if (!existsSync(path)) {
    console.error(
      `\n!!! conformance file ${path} not found: set ARGUS_CONFORMANCE_DIR; skipping its tests\n`,
    );
    return undefined;
  }
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: Case[] }).cases;
}

/** A conformance event `{context, data}` as an engine event. */
export function caseEvent(raw: unknown): Event {
  const e = raw as { context?: Record<string, string>; data?: string | null };
  return makeEvent(e.context ?? {}, e.data ?? null);
}
