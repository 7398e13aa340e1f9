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
  const series = 'namespace="ns",eventsource_name="es",event_name="e"';
  const text = await m.text();
  assert.match(
    text,
    new RegExp(`argo_events_event_processing_duration_milliseconds_sum\\{${series}\\} 10\n`),
  );
  assert.match(
    text,
    new RegExp(`argo_events_event_processing_duration_milliseconds_count\\{${series}\\} 3\n`),
  );
  assert.throws(() => observe(Number.POSITIVE_INFINITY), /not a finite number/);
  m.registry.resetMetrics();
  observe(7);
  const after = await m.text();
  assert.match(
    after,
    new RegExp(`argo_events_event_processing_duration_milliseconds_sum\\{${series}\\} 7\n`),
  );
  assert.match(
    after,
    new RegExp(`argo_events_event_processing_duration_milliseconds_count\\{${series}\\} 1\n`),
  );
});
