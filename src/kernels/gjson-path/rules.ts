/**
 * Which gjson release the reader follows. Upstream Argo Events builds with gjson 1.19.0
 * (1.17.1 in older releases; the two read paths the same way); the Go oracle available here
 * (Debian) is 1.14.4. They differ in four places only: `~true`/`~false`/`~null`/`~*` in
 * queries, `\b`/`\f` in `@tostr` and multipath keys, how a modifier's plain argument ends,
 * and the `@dig` modifier. 1.19.0 is the default; the differential test switches to 1.14.4
 * to compare everything else with real gjson.
 */
export type GjsonRules = '1.19.0' | '1.14.4';

/** @internal The active rules; read on every use. */
export const rules = { v114: false };

/** Selects the gjson release to follow. @default '1.19.0' */
export function useGjsonRules(version: GjsonRules): void {
  rules.v114 = version === '1.14.4';
}
