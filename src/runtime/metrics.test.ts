import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Metrics } from './metrics.js';

test('duration summaries expose only _sum and _count per label set, with HELP and TYPE summary', async () => {
  const m = new Metrics();
  const a = { namespace: 'ns', sensor_name: 's', trigger_name: 'a' };
  m.actionDuration.observe(a, 1.5);
  m.actionDuration.observe(a, 2.5);
  m.actionDuration.observe({ ...a, trigger_name: 'b' }, 4);
  const text = await m.text();
  assert.match(
    text,
    /# HELP argo_events_action_duration_milliseconds Summary of durations of trigger actions/,
  );
  assert.match(text, /# TYPE argo_events_action_duration_milliseconds summary/);
  assert.match(
    text,
    /argo_events_action_duration_milliseconds_sum\{namespace="ns",sensor_name="s",trigger_name="a"\} 4\n/,
  );
  assert.match(
    text,
    /argo_events_action_duration_milliseconds_count\{namespace="ns",sensor_name="s",trigger_name="a"\} 2\n/,
  );
  assert.match(
    text,
    /argo_events_action_duration_milliseconds_count\{namespace="ns",sensor_name="s",trigger_name="b"\} 1\n/,
  );
  assert.doesNotMatch(text, /quantile/);
  assert.throws(() => m.actionDuration.observe(a, Number.NaN), /not a finite number/);
  m.registry.resetMetrics();
  assert.doesNotMatch(await m.text(), /argo_events_action_duration_milliseconds_count/);
});

test('a bound observer adds to its label set, and starts it again after a reset', async () => {
  const m = new Metrics();
  const labels = { namespace: 'ns', eventsource_name: 'es', event_name: 'e' };
  const observe = m.eventProcessingDuration.bind(labels);
  observe(2);
  m.eventProcessingDuration.observe(labels, 3);
  observe(5);
  // [sum, count] of the series in the exposition text
  const sumCount = async (): Promise<[number, number]> => {
    const text = await m.text();
    const read = (suffix: string): number => {
      const line = new RegExp(
        `^argo_events_event_processing_duration_milliseconds_${suffix}\\{namespace="ns",eventsource_name="es",event_name="e"\\} (\\S+)$`,
        'm',
      ).exec(text);
      return Number(line?.[1]);
    };
    return [read('sum'), read('count')];
  };
  assert.deepEqual(await sumCount(), [10, 3]);
  assert.throws(() => observe(Number.POSITIVE_INFINITY), /not a finite number/);
  m.registry.resetMetrics();
  observe(7);
  assert.deepEqual(await sumCount(), [7, 1]);
});
