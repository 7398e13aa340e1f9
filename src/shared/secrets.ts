/**
 * Resolves `secretKeyRef` / `configMapKeyRef` selectors the way upstream's mounted volumes do
 * (spec/eventsources.md §2.3, spec/triggers.md §1.4): a file `<secrets-dir>/<name>/<key>` with
 * one trailing `\n` removed. Standalone users may instead set an environment variable
 * `ARGUS_SECRET_<NAME>_<KEY>` (config maps: `ARGUS_CONFIGMAP_<NAME>_<KEY>`), where NAME and KEY
 * are upper-cased and every character outside `A-Z0-9` becomes `_`. Files win over the
 * environment. Every value read is registered with the log scrubber.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './errors.js';
import type { SecretRegistry } from './logging.js';

/** Upstream's `SecretKeySelector` / `ConfigMapKeySelector`. */
export interface KeySelector {
  readonly name?: string | undefined;
  readonly key?: string | undefined;
  readonly optional?: boolean | undefined;
}

/** Reads secret and config map values for drivers. */
export interface SecretResolver {
  /** The secret value; throws ConfigError `secret "<name>/<key>" not found` when absent. */
  secret(selector: KeySelector): string;
  /** The config map value; same rules. */
  configMap(selector: KeySelector): string;
}

/** Options of {@link createSecretResolver}. */
export interface SecretResolverOptions {
  /** Folder laid out like a mounted Secret: `<dir>/<name>/<key>`. Upstream: `/argo-events/secrets`. */
  secretsDir?: string;
  /** Folder for config maps, `<dir>/<name>/<key>`. Upstream: `/argo-events/config`. */
  configDir?: string;
  /** The environment (read once in cli/ and passed down). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Every value read is added here so logs never show it. */
  registry?: SecretRegistry;
}

/** The environment variable name for a selector: `ARGUS_SECRET_MY_SECRET_TOKEN`. */
export function secretEnvName(kind: 'SECRET' | 'CONFIGMAP', selector: KeySelector): string {
  const up = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `ARGUS_${kind}_${up(selector.name ?? '')}_${up(selector.key ?? '')}`;
}

function readSelector(
  kind: 'SECRET' | 'CONFIGMAP',
  dir: string | undefined,
  selector: KeySelector,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  // Selector parts are path segments; refuse anything that could walk out of the folder.
  const name = selector.name ?? '';
  const key = selector.key ?? '';
  const safe = (s: string): boolean => s !== '' && s !== '.' && s !== '..' && !/[/\\\0]/.test(s);
  if (dir !== undefined && safe(name) && safe(key)) {
    try {
      const text = readFileSync(join(dir, name, key), 'utf8');
      return text.endsWith('\n') ? text.slice(0, -1) : text;
    } catch (err: unknown) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new ConfigError(`cannot read ${kind === 'SECRET' ? 'secret' : 'config map'} "${name}/${key}"`, {
          cause: err,
        });
      }
    }
  }
  return env[secretEnvName(kind, selector)];
}

/** Creates the resolver; reads happen on each call so rotated files are picked up. */
export function createSecretResolver(options: SecretResolverOptions = {}): SecretResolver {
  const env = options.env ?? {};
  const lookup = (kind: 'SECRET' | 'CONFIGMAP', dir: string | undefined, selector: KeySelector): string => {
    const value = readSelector(kind, dir, selector, env);
    if (value === undefined) {
      const what = kind === 'SECRET' ? 'secret' : 'config map';
      throw new ConfigError(
        `${what} "${selector.name ?? ''}/${selector.key ?? ''}" not found (looked in ${dir === undefined ? 'no directory' : `"${dir}"`} and $${secretEnvName(kind, selector)})`,
      );
    }
    options.registry?.add(value);
    return value;
  };
  return {
    secret: (selector) => lookup('SECRET', options.secretsDir, selector),
    configMap: (selector) => lookup('CONFIGMAP', options.configDir, selector),
  };
}
