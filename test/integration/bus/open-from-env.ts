// Opens the bus the parent test describes in the environment (BUS_DRIVER, BUS_DATA_DIR, BUS_URL, BUS_STREAM).
import type { Bus } from '../../../src/eventbus/bus.js';
import { openEmbeddedBus } from '../../../src/eventbus/embedded/embedded-bus.js';
import { openJetStreamBus } from '../../../src/eventbus/jetstream/jetstream-bus.js';

export async function openBusFromEnv(): Promise<Bus> {
  const driver = process.env['BUS_DRIVER'];
  if (driver === 'embedded') return openEmbeddedBus({ dataDir: process.env['BUS_DATA_DIR'] ?? '' });
  if (driver === 'jetstream')
    return openJetStreamBus({
      url: process.env['BUS_URL'] ?? '',
      streamName: process.env['BUS_STREAM'] ?? 'default',
      limits: { replicas: Number(process.env['BUS_REPLICAS'] ?? '1') },
    });
  throw new Error(`BUS_DRIVER must be embedded or jetstream, not ${String(driver)}`);
}
