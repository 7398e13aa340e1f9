/**
 * Sensor validation: every rule of upstream `pkg/reconciler/sensor/validate.go`, with its
 * messages. Upstream stops at the first problem; this collects them all, each at the path of
 * the field it is about (the path replaces upstream's `template <name> is invalid, …` and
 * `payload index: <i>. err: …` wrappers).
 */
import type { Issue } from '../../shared/errors.js';
import { checkBackoff } from '../backoff.js';
import { validateTLSConfig } from '../common.js';
import type { EventBusSpec } from '../eventbus/types.js';
import { checkCronSpec } from '../../kernels/cron/index.js';
import { childPath } from '../schema.js';
import { isLoadableTimeZone, unknownTimeZoneMessage } from '../time-zone.js';
import { readAtLeastOnceConcurrency } from './annotations.js';
import { validateTriggerParameters } from './parameters.js';
import { triggerValidators } from './triggers/index.js';
import type { TriggerValidator } from './triggers/trigger-validator.js';
import {
  triggerTypes,
  type DataFilter,
  type EventDependency,
  type EventDependencyFilter,
  type ExprFilter,
  type Sensor,
  type TimeFilter,
  type Trigger,
  type TriggerType,
} from './types.js';

/** What a Sensor is validated against. */
export interface SensorValidationContext {
  /**
   * The spec of the EventBus the sensor runs on. Only a NATS Streaming bus (`nats`) changes the
   * rules (one event may back only one dependency). Absent: Argus's own bus (no such rule).
   */
  readonly eventBus?: EventBusSpec | undefined;
}

/** Problems found in a Sensor: errors make it invalid, warnings do not. */
export interface SensorIssues {
  readonly errors: Issue[];
  readonly warnings: Issue[];
}

const logicalOperators = new Set(['', 'and', 'or']);
const comparators = new Set(['', '>=', '>', '=', '!=', '<', '<=']);

/** Validates a decoded Sensor; paths are relative to the resource (`spec.triggers[0]…`). */
export function validateSensor(sensor: Sensor, context: SensorValidationContext = {}): SensorIssues {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const spec = sensor.spec ?? {};
  validateDependencies(spec.dependencies, context, errors, warnings);
  validateTriggers(spec.triggers, errors, warnings);
  const concurrency = readAtLeastOnceConcurrency(sensor);
  if ('issue' in concurrency) errors.push(concurrency.issue);
  return { errors, warnings };
}

function validateDependencies(
  deps: readonly EventDependency[] | undefined,
  context: SensorValidationContext,
  errors: Issue[],
  warnings: Issue[],
): void {
  const path = 'spec.dependencies';
  if (deps === undefined || deps.length === 0) {
    errors.push({ path, message: 'no event dependencies found' });
    return;
  }
  const onNatsStreaming = context.eventBus?.nats !== undefined;
  const events = new Set<string>();
  const names = new Map<string, number>();
  deps.forEach((dep, i) => {
    const at = childPath(path, i);
    const name = dep.name ?? '';
    const eventSourceName = dep.eventSourceName ?? '';
    const eventName = dep.eventName ?? '';
    if (name === '')
      errors.push({ path: childPath(at, 'name'), message: 'event dependency must define a name' });
    if (eventSourceName === '') {
      errors.push({
        path: childPath(at, 'eventSourceName'),
        message: 'event dependency must define the EventSourceName',
      });
    }
    if (eventName === '') {
      errors.push({
        path: childPath(at, 'eventName'),
        message: 'event dependency must define the EventName',
      });
    }
    if (onNatsStreaming && eventSourceName !== '' && eventName !== '') {
      const key = `${eventSourceName}\u0000${eventName}`;
      if (events.has(key)) {
        errors.push({
          path: at,
          message: `event '${eventName}' from EventSource '${eventSourceName}' is referenced for more than one dependency in this Sensor object`,
        });
      }
      events.add(key);
    }
    if (name !== '') {
      const first = names.get(name);
      // upstream accepts this; later lookups by name see only the last definition (sensors.md §3)
      if (first !== undefined) {
        warnings.push({
          path: childPath(at, 'name'),
          message: `dependency name "${name}" is also used by spec.dependencies[${first}]; lookups by name use the last one`,
        });
      } else {
        names.set(name, i);
      }
    }
    if (dep.filters !== undefined) errors.push(...validateEventFilter(dep.filters, childPath(at, 'filters')));
    errors.push(
      ...validateLogicalOperator(dep.filtersLogicalOperator, childPath(at, 'filtersLogicalOperator')),
    );
  });
}

function validateLogicalOperator(op: string | undefined, path: string): Issue[] {
  const value = op ?? '';
  return logicalOperators.has(value) ? [] : [{ path, message: `logical operator ${value} not supported` }];
}

function validateEventFilter(filter: EventDependencyFilter, path: string): Issue[] {
  const issues: Issue[] = [];
  issues.push(...validateLogicalOperator(filter.exprLogicalOperator, childPath(path, 'exprLogicalOperator')));
  issues.push(...validateLogicalOperator(filter.dataLogicalOperator, childPath(path, 'dataLogicalOperator')));
  (filter.exprs ?? []).forEach((expr, i) => {
    issues.push(...validateExprFilter(expr, childPath(childPath(path, 'exprs'), i)));
  });
  (filter.data ?? []).forEach((data, i) => {
    issues.push(...validateDataFilter(data, childPath(childPath(path, 'data'), i)));
  });
  const ctx = filter.context;
  if (ctx !== undefined) {
    const empty = [ctx.type, ctx.subject, ctx.source, ctx.datacontenttype].every((v) => (v ?? '') === '');
    if (empty) {
      issues.push({
        path: childPath(path, 'context'),
        message: 'no fields specified in ctx filter (aka all events will be discarded)',
      });
    }
  }
  if (filter.time !== undefined) issues.push(...validateTimeFilter(filter.time, childPath(path, 'time')));
  return issues;
}

function validateExprFilter(filter: ExprFilter, path: string): Issue[] {
  if ((filter.expr ?? '') === '' || (filter.fields ?? []).length === 0) {
    return [{ path, message: 'one of expr filters is not valid (expr and fields must be not empty)' }];
  }
  const bad = (filter.fields ?? []).findIndex((f) => (f.path ?? '') === '' || (f.name ?? '') === '');
  if (bad >= 0) {
    return [
      {
        path: childPath(childPath(path, 'fields'), bad),
        message: 'one of expr filters is not valid (path and name in a field must be not empty)',
      },
    ];
  }
  return [];
}

function validateDataFilter(filter: DataFilter, path: string): Issue[] {
  const comparator = filter.comparator ?? '';
  if (!comparators.has(comparator)) {
    return [{ path: childPath(path, 'comparator'), message: `comparator ${comparator} not supported` }];
  }
  const values = filter.value ?? [];
  if ((filter.path ?? '') === '' || (filter.type ?? '') === '' || values.length === 0) {
    return [{ path, message: 'one of data filters is not valid (type, path and value must be not empty)' }];
  }
  const empty = values.findIndex((v) => v === '');
  if (empty >= 0) {
    return [
      {
        path: childPath(childPath(path, 'value'), empty),
        message: 'one of data filters is not valid (value must be not empty)',
      },
    ];
  }
  return [];
}

/**
 * Go's `time.Parse("15:04:05", …)` on a time of day: hour of 1–2 digits, minutes and seconds of
 * exactly 2, an optional fraction, nothing after (leading spaces are skipped). Returns seconds since midnight or Go's reason.
 */
export function parseTimeOfDay(text: string): { seconds: number } | { error: string } {
  // the layout's space before the hour matches any run of spaces, as in Go
  const m = /^ *(\d{1,2}):(\d\d):(\d\d)([.,]\d+)?$/.exec(text);
  if (m === null) return { error: `parsing time ${JSON.stringify(text)} as "15:04:05": cannot parse` };
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h >= 24) return { error: `parsing time ${JSON.stringify(text)}: hour out of range` };
  if (min >= 60) return { error: `parsing time ${JSON.stringify(text)}: minute out of range` };
  if (s >= 60) return { error: `parsing time ${JSON.stringify(text)}: second out of range` };
  const fraction = m[4] === undefined ? 0 : Number(`0.${m[4].slice(1)}`);
  return { seconds: h * 3600 + min * 60 + s + fraction };
}

function validateTimeFilter(filter: TimeFilter, path: string): Issue[] {
  const zone = filter.timezone ?? '';
  if (zone !== '' && !isLoadableTimeZone(zone)) {
    return [
      {
        path: childPath(path, 'timezone'),
        message: `invalid timezone '${zone}': ${unknownTimeZoneMessage(zone)}`,
      },
    ];
  }
  const start = parseTimeOfDay(filter.start ?? '');
  if ('error' in start) return [{ path: childPath(path, 'start'), message: start.error }];
  const stop = parseTimeOfDay(filter.stop ?? '');
  if ('error' in stop) return [{ path: childPath(path, 'stop'), message: stop.error }];
  if (start.seconds === stop.seconds) {
    // upstream's message lacks the closing quote; kept as is
    return [
      {
        path,
        message: `invalid event time filter: stop '${filter.stop ?? ''}' is equal to start '${filter.start ?? ''}`,
      },
    ];
  }
  return [];
}

function validateTriggers(
  triggers: readonly Trigger[] | undefined,
  errors: Issue[],
  warnings: Issue[],
): void {
  const path = 'spec.triggers';
  if (triggers === undefined || triggers.length === 0) {
    errors.push({ path, message: 'no triggers found' });
    return;
  }
  const names = new Set<string>();
  triggers.forEach((trigger, i) => {
    const at = childPath(path, i);
    validateTrigger(trigger, at, errors, warnings);
    const name = trigger.template?.name ?? '';
    if (name === '') return;
    if (names.has(name)) {
      errors.push({
        path: childPath(childPath(at, 'template'), 'name'),
        message: `duplicate trigger name: ${name}`,
      });
    }
    names.add(name);
  });
}

function validateTrigger(trigger: Trigger, path: string, errors: Issue[], warnings: Issue[]): void {
  validateTriggerTemplate(trigger, path, errors, warnings);
  warnings.push(...checkBackoff(trigger.retryStrategy, childPath(path, 'retryStrategy')));
  warnings.push(
    ...checkBackoff(
      trigger.policy?.k8s?.backoff,
      childPath(childPath(childPath(path, 'policy'), 'k8s'), 'backoff'),
    ),
  );
  const pulsar = trigger.template?.pulsar;
  if (pulsar !== undefined) {
    warnings.push(
      ...checkBackoff(
        pulsar.connectionBackoff,
        `${childPath(childPath(path, 'template'), 'pulsar')}.connectionBackoff`,
      ),
    );
  }
  validateTriggerPolicy(trigger, path, errors);
  errors.push(...validateTriggerParameters(trigger.parameters, childPath(path, 'parameters')));
  if (trigger.dlqTrigger !== undefined) {
    const dlqPath = childPath(path, 'dlqTrigger');
    if (trigger.atLeastOnce !== true) {
      errors.push({
        path: childPath(path, 'atLeastOnce'),
        message: 'to use dlqTrigger, trigger.atLeastOnce must be set to true',
      });
    }
    if (trigger.dlqTrigger.atLeastOnce !== true) {
      errors.push({
        path: childPath(dlqPath, 'atLeastOnce'),
        message: 'atLeastOnce must be set to true within the dlqTrigger',
      });
    }
    validateTrigger(trigger.dlqTrigger, dlqPath, errors, warnings);
  }
}

function validateTriggerTemplate(trigger: Trigger, path: string, errors: Issue[], warnings: Issue[]): void {
  const template = trigger.template;
  const at = childPath(path, 'template');
  if (template === undefined) {
    errors.push({ path: at, message: "trigger template can't be nil" });
    return;
  }
  if ((template.name ?? '') === '')
    errors.push({ path: childPath(at, 'name'), message: 'trigger must define a name' });
  (template.conditionsReset ?? []).forEach((reset, i) => {
    const resetPath = childPath(childPath(at, 'conditionsReset'), i);
    if (reset.byTime === undefined) {
      errors.push({ path: resetPath, message: 'invalid conditionsReset' });
      return;
    }
    const cron = reset.byTime.cron ?? '';
    if (checkCronSpec(cron) !== undefined) {
      errors.push({
        path: childPath(childPath(resetPath, 'byTime'), 'cron'),
        message: `invalid cron expression ${JSON.stringify(cron)}`,
      });
    }
    const zone = reset.byTime.timezone ?? '';
    if (!isLoadableTimeZone(zone)) {
      errors.push({
        path: childPath(childPath(resetPath, 'byTime'), 'timezone'),
        message: `invalid timezone ${JSON.stringify(zone)}`,
      });
    }
  });
  const set = triggerTypes.filter((type) => template[type] !== undefined);
  if (set.length === 0) {
    // upstream accepts this and fails at run time ("could not find an implementation")
    warnings.push({ path: at, message: 'no trigger type is set; this trigger can never run' });
  } else if (set.length > 1) {
    warnings.push({
      path: at,
      message: `more than one trigger type is set (${set.join(', ')}); only ${set[0]!} is used`,
    });
  }
  for (const type of set) {
    errors.push(...validateTriggerType(type, template[type], childPath(at, type)));
  }
  // upstream accepts these at validation and fails when the trigger is built (spec/triggers.md §1.5)
  for (const type of ['http', 'kafka', 'nats', 'azureServiceBus'] as const) {
    const tls = template[type]?.tls;
    for (const issue of validateTLSConfig(tls, childPath(childPath(at, type), 'tls'))) {
      warnings.push({ ...issue, message: `${issue.message} (upstream fails when the trigger runs)` });
    }
  }
}

function validateTriggerType<K extends TriggerType>(type: K, block: unknown, path: string): Issue[] {
  const validate = triggerValidators[type] as TriggerValidator<K>;
  return validate(block as Parameters<TriggerValidator<K>>[0], path);
}

function validateTriggerPolicy(trigger: Trigger, path: string, errors: Issue[]): void {
  const policy = trigger.policy;
  const template = trigger.template;
  if (policy === undefined || template === undefined) return;
  const at = childPath(path, 'policy');
  // upstream checks the policy matching the first trigger type in this order
  if (template.k8s !== undefined || template.argoWorkflow !== undefined) {
    if (policy.k8s !== undefined && policy.k8s.labels === undefined) {
      errors.push({
        path: childPath(childPath(at, 'k8s'), 'labels'),
        message: 'resource labels are not specified',
      });
    }
    return;
  }
  if (template.http !== undefined || template.awsLambda !== undefined) {
    if (policy.status !== undefined && policy.status.allow === undefined) {
      errors.push({
        path: childPath(childPath(at, 'status'), 'allow'),
        message: 'list of allowed response status is not specified',
      });
    }
  }
}
