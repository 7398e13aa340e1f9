/**
 * Deliberate differences from Go's text/template + sprig, each with its reason (also listed in
 * docs/kernels/template.md). The differential test accepts a mismatch only when one of these
 * rules names it.
 */

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

const rules: Rule[] = [
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
