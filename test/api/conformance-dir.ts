// Locates ../shared/conformance for the API tests (override with ARGUS_CONFORMANCE_DIR).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const conformanceDir =
  process.env.ARGUS_CONFORMANCE_DIR ??
  resolve(import.meta.dirname, '..', '..', '..', 'shared', 'conformance');

/** Whether `relative` exists in the conformance folder; says so loudly when it does not. */
export function hasConformance(relative: string): boolean {
  const path = resolve(conformanceDir, relative);
  if (existsSync(path)) return true;
  console.error(`\n!!! conformance data ${path} not found: set ARGUS_CONFORMANCE_DIR; skipping its tests\n`);
  return false;
}

export interface Case {
  name: string;
  from: string;
  input: Record<string, unknown> & { kind: string };
  expect: Record<string, unknown>;
  note?: string;
}

export function readCases(file: string): Case[] {
  return (JSON.parse(readFileSync(resolve(conformanceDir, file), 'utf8')) as { cases: Case[] }).cases;
}
