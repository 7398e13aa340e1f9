// A TriggerContext for driver tests: the fields the sensor runtime fills in, with a real memo,
// a secrets resolver and the system clock unless a test gives its own.
import { systemClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logging.js';
import { createSecretResolver } from '../shared/secrets.js';
import type { TriggerContext } from './trigger-driver.js';

/** A context for sensor `s`, trigger `t`, namespace `ns`; `overrides` replace any field. */
export function triggerContext(
  overrides: Partial<TriggerContext> & { secretsDir?: string } = {},
): TriggerContext {
  const { secretsDir, ...fields } = overrides;
  const memo = new Map<string, unknown>();
  return {
    sensorName: 's',
    triggerName: 't',
    namespace: 'ns',
    log: silentLogger(),
    secrets: createSecretResolver(secretsDir === undefined ? {} : { secretsDir }),
    clock: systemClock,
    signal: new AbortController().signal,
    memo: <T>(k: string, make: () => T): T => {
      if (!memo.has(k)) memo.set(k, make());
      return memo.get(k) as T;
    },
    ...fields,
  };
}
