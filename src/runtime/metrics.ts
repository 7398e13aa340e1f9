/**
 * Prometheus metrics under upstream's names and labels (spec/operations.md §2,
 * upstream pkg/metrics/metrics.go). Every `argo_events_*` series carries `namespace`;
 * summaries have no quantiles (only `_sum` and `_count`), as upstream.
 */
import { Counter, Gauge, Registry } from 'prom-client';

const ES = ['namespace', 'eventsource_name'] as const;
const EV = ['namespace', 'eventsource_name', 'event_name'] as const;
const TR = ['namespace', 'sensor_name', 'trigger_name'] as const;

/**
 * A summary without quantiles — only `_sum` and `_count`, which is all upstream exposes. prom-client's
 * Summary feeds a t-digest on every observation even with no percentiles and hashes the labels
 * each time; this keeps two numbers per label set, looked up by the label values in declared order.
 * Registered like any prom-client metric (the registry reads `name`, `get()` and `reset()`).
 */
export class SumCountSummary {
  readonly type = 'summary';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, { labels: Record<string, string>; sum: number; count: number }>();
  /** Counts resets, so a bound observer knows its series was dropped. */
  private generation = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  /** Adds one observation; `labels` must carry every declared label. */
  observe(labels: Readonly<Record<string, string>>, value: number): void {
    this.add(this.seriesOf(labels), value);
  }

  /** An observer of one label set, for a hot path: the series is looked up once, here. */
  bind(labels: Readonly<Record<string, string>>): (value: number) => void {
    let series = this.seriesOf(labels);
    let generation = this.generation;
    return (value) => {
      if (generation !== this.generation) {
        // reset() dropped the series: start it again
        series = this.seriesOf(labels);
        generation = this.generation;
      }
      this.add(series, value);
    };
  }

  private seriesOf(labels: Readonly<Record<string, string>>): { sum: number; count: number } {
    let key = '';
    for (const n of this.labelNames) key += `${labels[n] ?? ''}\u0000`;
    let s = this.series.get(key);
    if (s === undefined) {
      const own: Record<string, string> = {};
      for (const n of this.labelNames) own[n] = labels[n] ?? '';
      s = { labels: own, sum: 0, count: 0 };
      this.series.set(key, s);
    }
    return s;
  }

  private add(series: { sum: number; count: number }, value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`${this.name}: value is not a finite number: ${value}`);
    series.sum += value;
    series.count++;
  }

  get(): Promise<{
    name: string;
    help: string;
    type: 'summary';
    aggregator: 'sum';
    values: Array<{ labels: Record<string, string>; value: number; metricName: string }>;
  }> {
    const values = [...this.series.values()].flatMap((s) => [
      { labels: s.labels, value: s.sum, metricName: `${this.name}_sum` },
      { labels: s.labels, value: s.count, metricName: `${this.name}_count` },
    ]);
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    });
  }

  reset(): void {
    this.generation++;
    this.series.clear();
  }
}

/** The metrics of one process (every runtime in it shares them). */
export class Metrics {
  readonly registry = new Registry();
  readonly eventServiceRunning = new Gauge({
    name: 'argo_events_event_service_running_total',
    help: 'How many configured events in the event source are actively running',
    labelNames: ES,
    registers: [this.registry],
  });
  readonly eventsSent = new Counter({
    name: 'argo_events_events_sent_total',
    help: 'How many events have been sent successfully',
    labelNames: EV,
    registers: [this.registry],
  });
  readonly eventsSentFailed = new Counter({
    name: 'argo_events_events_sent_failed_total',
    help: 'How many events failed to send',
    labelNames: EV,
    registers: [this.registry],
  });
  readonly eventsProcessingFailed = new Counter({
    name: 'argo_events_events_processing_failed_total',
    help: 'How many events failed to process',
    labelNames: EV,
    registers: [this.registry],
  });
  readonly eventProcessingDuration = new SumCountSummary(
    'argo_events_event_processing_duration_milliseconds',
    'Summary of durations of event processing',
    EV,
    this.registry,
  );
  readonly actionTriggered = new Counter({
    name: 'argo_events_action_triggered_total',
    help: 'How many actions have been triggered successfully',
    labelNames: TR,
    registers: [this.registry],
  });
  readonly actionFailed = new Counter({
    name: 'argo_events_action_failed_total',
    help: 'How many actions failed',
    labelNames: TR,
    registers: [this.registry],
  });
  readonly actionRetriesFailed = new Counter({
    name: 'argo_events_action_retries_failed_total',
    help: 'How many actions failed after the retries have been exhausted',
    labelNames: TR,
    registers: [this.registry],
  });
  readonly actionDuration = new SumCountSummary(
    'argo_events_action_duration_milliseconds',
    'Summary of durations of trigger actions',
    TR,
    this.registry,
  );
  readonly buildInfo = new Gauge({
    name: 'build_info',
    help: 'A metric with a constant 1 value labeled by version from which Argo-Events was built.',
    labelNames: ['version', 'goversion', 'goarch', 'commit'],
    registers: [this.registry],
  });

  constructor(version = '0.1.0', commit = 'unknown') {
    this.buildInfo.set({ version, goversion: process.version, goarch: process.arch, commit }, 1);
  }

  /** Creates the zero series of one event (upstream initialises them when the listener starts). */
  initEvent(namespace: string, eventSourceName: string, eventName: string): void {
    const labels = { namespace, eventsource_name: eventSourceName, event_name: eventName };
    this.eventServiceRunning.inc({ namespace, eventsource_name: eventSourceName }, 0);
    this.eventsSent.inc(labels, 0);
    this.eventsSentFailed.inc(labels, 0);
    this.eventsProcessingFailed.inc(labels, 0);
  }

  /** Creates the zero series of one trigger. */
  initTrigger(namespace: string, sensorName: string, triggerName: string): void {
    const labels = { namespace, sensor_name: sensorName, trigger_name: triggerName };
    this.actionTriggered.inc(labels, 0);
    this.actionFailed.inc(labels, 0);
    this.actionRetriesFailed.inc(labels, 0);
  }

  /** The Prometheus text exposition. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
