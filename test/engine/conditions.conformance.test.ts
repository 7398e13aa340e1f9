import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadResources } from '../../src/api/index.js';
import type { EventDependency, Sensor, TriggerTemplate } from '../../src/api/sensor/index.js';
import { emptyConditionState, resolveConditions, type ConditionState } from '../../src/engine/conditions.js';
import { makeEvent } from '../../src/engine/event.js';
import { compileSensor } from '../../src/engine/sensor.js';
import { ManualClock } from '../../src/shared/clock.js';
import { conformanceDir, loadCases } from './conformance.js';

const cases = loadCases('conditions.json');

interface Step {
  send?: string;
  sendEvent?: { eventSourceName: string; eventName: string; data: string };
  restartSensor?: boolean;
}

async function loadSensor(file: string): Promise<Sensor> {
  const result = await loadResources([resolve(conformanceDir, 'upstream-examples', file)]);
  const sensor = result.resources.find((r) => r.kind === 'Sensor');
  assert.ok(sensor !== undefined, `no Sensor in ${file}`);
  return sensor.resource as Sensor;
}

if (cases === undefined) {
  void test.skip('conditions.json conformance (ARGUS_CONFORMANCE_DIR not found)');
} else {
  for (const c of cases) {
    void test(`conditions.json: ${c.name} (${c.from})`, async () => {
      if (c.input.kind === 'dependencyExpression') {
        const template = c.input.template as TriggerTemplate;
        const deps = c.input.dependencies as EventDependency[];
        if (c.expect.error === true) {
          assert.throws(() => resolveConditions(template, deps));
          return;
        }
        assert.equal(resolveConditions(template, deps).expression, c.expect.expression);
        return;
      }
      // sequence: send events in order, count firings per trigger (log triggers always succeed)
      const sensor = await loadSensor(c.input.sensorFile as string);
      const clock = new ManualClock(Date.parse('2024-07-15T16:36:34Z'));
      let compiled = await compileSensor(sensor.spec ?? {}, { clock });
      let state: ConditionState = emptyConditionState;
      const counts = new Map<string, number>();
      const expected = c.expect.firingsAfterStep as Record<string, number>[];
      const steps = c.input.steps as Step[];
      for (const [i, step] of steps.entries()) {
        clock.advance(1000);
        if (step.restartSensor === true) {
          // the state survives in the KV as plain JSON; a new process compiles the sensor again
          state = JSON.parse(JSON.stringify(state)) as ConditionState;
          compiled = await compileSensor(sensor.spec ?? {}, { clock });
        } else {
          let source: string;
          let subject: string;
          let data = '{"header":{},"body":{}}';
          if (step.sendEvent !== undefined) {
            source = step.sendEvent.eventSourceName;
            subject = step.sendEvent.eventName;
            data = step.sendEvent.data;
          } else {
            const dep = (sensor.spec?.dependencies ?? []).find((d) => d.name === step.send);
            assert.ok(dep !== undefined, `no dependency ${step.send ?? ''}`);
            source = dep.eventSourceName ?? '';
            subject = dep.eventName ?? '';
          }
          const event = makeEvent(
            {
              id: `e${i}`,
              source,
              subject,
              type: 'webhook',
              specversion: '1.0',
              datacontenttype: 'application/json',
              time: new Date(clock.now()).toISOString(),
            },
            data,
          );
          const r = compiled.applyVerdicts(state, compiled.matchEvent(event));
          state = r.state;
          for (const f of r.fired) counts.set(f.trigger, (counts.get(f.trigger) ?? 0) + 1);
        }
        for (const [trigger, n] of Object.entries(expected[i] ?? {})) {
          assert.equal(counts.get(trigger) ?? 0, n, `after step ${i + 1}, firings of ${trigger}`);
        }
      }
    });
  }
}
