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
