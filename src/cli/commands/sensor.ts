/** `argus sensor -f sensor.yaml --bus nats://…`: one Sensor per process (an upstream sensor pod). */
import { Command } from 'commander';
import type { CommandFactory } from '../context.js';
import { addHostOptions, runOne, type OneFlags } from './run.js';

export const sensorCommand: CommandFactory = (ctx) =>
  addHostOptions(
    new Command('sensor')
      .description('run one Sensor; replicas on JetStream elect a leader (active-passive)')
      .option(
        '-f, --file <file>',
        'the Sensor manifest (default: $SENSOR_OBJECT, base64 JSON, as in an upstream pod)',
      ),
  ).action((flags: OneFlags) => runOne(ctx, 'Sensor', flags));
