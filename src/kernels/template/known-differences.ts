/**
 * Deliberate differences from Go's text/template + sprig, each with its reason (also listed in
 * docs/kernels/template.md). The differential test accepts a mismatch only when one of these
 * rules names it.
 */
import { isPrint } from '../go/strconv.js';

interface Outcome {
  out?: string;
  err?: string;
}

interface Rule {
  readonly name: string;
  matches(template: string, ours: Outcome, go: Outcome): boolean;
}

const digitsMasked = (s: string | undefined): string | undefined =>
  s
    ?.replace(/[0-9]/g, '#')
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*/g, 'W')
    .replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*/g, 'M')
    .replace(/\b[AP]M\b/g, 'X');

/** Go's \\uXXXX / \\UXXXXXXXX escapes decoded, spaces removed. */
const unescapedNoSpace = (s: string | undefined): string | undefined =>
  s
    ?.replace(/\\U([0-9a-f]{8})|\\u([0-9a-f]{4})/g, (_m, a: string | undefined, b: string | undefined) =>
      String.fromCodePoint(parseInt(a ?? b ?? '0', 16)),
    )
    .replace(/ /g, '')
    // Width padding differs when the quoted forms differ in length.
    .replace(/0+(?=')/g, '');

/** Every \\u/\\U escape in Go's output is a non-Latin code point that this JS engine deems printable. */
function newerCodePointsOnly(goOut: string): boolean {
  const escapes = [...goOut.matchAll(/\\U([0-9a-f]{8})|\\u([0-9a-f]{4})/g)];
  if (escapes.length === 0) return false;
  return escapes.every((m) => {
    const cp = parseInt(m[1] ?? m[2] ?? '0', 16);
    return cp >= 0x800 && isPrint(cp);
  });
}

/** `%#U` adds ` 'c'` only for printable runes: drop it where Go's older tables may say unprintable. */
const withoutNewerRuneQuotes = (s: string | undefined): string | undefined =>
  s?.replace(/(U\+[0-9A-F]{4,}) '(.)'/gu, (m, u: string, c: string) =>
    (c.codePointAt(0) ?? 0) >= 0x800 ? u : m,
  );

const rules: Rule[] = [
  {
    // Printability (%q, quote, %#U, js) follows the JS engine's Unicode version (15.1 in Node 20);
    // Go 1.19 uses Unicode 13, so code points assigned since then print escaped in Go.
    name: 'Unicode version of IsPrint',
    matches: (_t, ours, go) =>
      ours.err === undefined &&
      go.err === undefined &&
      (newerCodePointsOnly(go.out ?? '') || /U\+[0-9A-F]{4,} '/.test(ours.out ?? '')) &&
      unescapedNoSpace(withoutNewerRuneQuotes(ours.out)) === unescapedNoSpace(go.out),
  },
  {
    // Go slices carry a hidden capacity (encoding/json grows decoded arrays to 1, 2, 4, 8, ...),
    // and sprig's `slice` may reach past the length into it; Argus arrays have no capacity.
    name: 'slice past the length, within Go capacity',
    matches: (_t, ours, go) =>
      /error calling (must)?[sS]lice: reflect\.Value\.Slice: slice index out of bounds/.test(
        ours.err ?? '',
      ) && !/slice index out of bounds/.test(go.err ?? ''),
  },
  {
    // sprig's date functions given a value that is not a time.Time/int call time.Now() inside Go,
    // which the oracle cannot fix; Argus uses the injected clock. Same shape, other digits.
    name: 'date functions read the wall clock in Go',
    matches: (t, ours, go) =>
      /\b(date|htmlDate|dateInZone|htmlDateInZone|date_in_zone|ago|durationRound)\b/.test(t) &&
      ours.err === undefined &&
      go.err === undefined &&
      digitsMasked(ours.out) === digitsMasked(go.out),
  },
];

/** The name of the rule that explains a difference, or undefined. */
export function explainDifference(template: string, ours: Outcome, go: Outcome): string | undefined {
  for (const r of rules) if (r.matches(template, ours, go)) return r.name;
  return undefined;
}
