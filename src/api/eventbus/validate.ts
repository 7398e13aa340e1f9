/**
 * EventBus validation: upstream `pkg/reconciler/eventbus/validate.go`, same messages. Upstream
 * stops at the first problem; this collects every one. Messages already name the field, so
 * paths point at the block they are about.
 */
import type { Issue } from '../../shared/errors.js';
import type { EventBus } from './types.js';

/** Validates a decoded EventBus; paths are relative to the resource (`spec.jetstream.version`). */
export function validateEventBus(bus: EventBus): Issue[] {
  const spec = bus.spec ?? {};
  const issues: Issue[] = [];
  if (
    spec.nats === undefined &&
    spec.jetstream === undefined &&
    spec.kafka === undefined &&
    spec.jetstreamExotic === undefined
  ) {
    return [
      {
        path: 'spec',
        message:
          'invalid spec: either "nats", "jetstream", "jetstreamExotic", or "kafka" needs to be specified',
      },
    ];
  }
  const nats = spec.nats;
  if (nats !== undefined) {
    if (nats.native !== undefined && nats.exotic !== undefined) {
      issues.push({
        path: 'spec.nats',
        message: '"spec.nats.native" and "spec.nats.exotic" can not be defined together',
      });
    }
    if (nats.native === undefined && nats.exotic === undefined) {
      issues.push({ path: 'spec.nats', message: 'either "native" or "exotic" must be defined' });
    }
    const exotic = nats.exotic;
    if (exotic !== undefined) {
      // clusterID is a pointer upstream: present-but-empty passes
      if (exotic.clusterID === undefined) {
        issues.push({
          path: 'spec.nats.exotic.clusterID',
          message: '"spec.nats.exotic.clusterID" is missing',
        });
      }
      if ((exotic.url ?? '') === '') {
        issues.push({ path: 'spec.nats.exotic.url', message: '"spec.nats.exotic.url" is missing' });
      }
    }
  }
  const js = spec.jetstream;
  if (js !== undefined) {
    if ((js.version ?? '') === '') {
      issues.push({
        path: 'spec.jetstream.version',
        message: 'invalid spec: a version for jetstream needs to be specified',
      });
    }
    if (js.replicas !== undefined && (js.replicas === 2 || js.replicas <= 0)) {
      issues.push({
        path: 'spec.jetstream.replicas',
        message: 'invalid spec: a jetstream eventbus requires 1 replica or >= 3 replicas',
      });
    }
  }
  if (spec.kafka !== undefined && (spec.kafka.url ?? '') === '') {
    issues.push({ path: 'spec.kafka.url', message: '"spec.kafka.url" is missing' });
  }
  if (spec.jetstreamExotic !== undefined && (spec.jetstreamExotic.url ?? '') === '') {
    issues.push({ path: 'spec.jetstreamExotic.url', message: '"spec.jetstreamExotic.url" is missing' });
  }
  return issues;
}
