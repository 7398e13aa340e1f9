/** `argus eventsource -f es.yaml --bus nats://…`: one EventSource per process (an upstream event source pod). */
import { Command } from 'commander';
import type { CommandFactory } from '../context.js';
import { addHostOptions, runOne, type OneFlags } from './run.js';

export const eventSourceCommand: CommandFactory = (ctx) =>
  addHostOptions(
    new Command('eventsource')
      .description('run one EventSource; active-passive types elect a leader on JetStream')
      .option(
        '-f, --file <file>',
        'the EventSource manifest (default: $EVENTSOURCE_OBJECT, base64 JSON, as in an upstream pod)',
      ),
  ).action((flags: OneFlags) => runOne(ctx, 'EventSource', flags));
