/**
 * `argus run <files|dirs>`: every EventSource and Sensor found, in one process, on one bus (the
 * EventBus manifest if one is given, else `--bus`, else the embedded bus in `--data-dir`), with
 * the admin server and manifest reload. Also exports the process host the one-resource commands
 * (`argus eventsource`, `argus sensor`) share.
 */
import { Command, Option } from 'commander';
import { watch } from 'chokidar';
import { judgeDocuments, loadResources, type LoadResult } from '../../api/load.js';
import { API_VERSION } from '../../api/resource.js';
import type { EventBus } from '../../api/eventbus/index.js';
import {
  EVENT_SOURCE_DEFINITIONS,
  EVENT_SOURCE_TYPES,
  listDeclaredEvents,
  type EventSource,
} from '../../api/eventsource/index.js';
import type { Sensor, TriggerTemplate } from '../../api/sensor/index.js';
import { triggerTypeOf } from '../../engine/payload.js';
import { sourceDriverFor, sourceDrivers } from '../../eventsources/index.js';
import { triggerDriverFor, triggerDrivers } from '../../triggers/index.js';
import { LeaseElector, leaseKey } from '../../runtime/leader.js';
import type { Bus } from '../../eventbus/bus.js';
import {
  openBus,
  describeBus,
  eventBusFromBusConfig,
  jetStreamOptions,
  type BusSettings,
} from '../../runtime/bus-factory.js';
import type { NatsConnectionSettings } from '../../eventbus/jetstream/jetstream-bus.js';
import { Metrics } from '../../runtime/metrics.js';
import { Supervisor, type Workload } from '../../runtime/supervisor.js';
import type { FilterEvaluator } from '../../runtime/source-filter.js';
import { capYoungGeneration } from '../../runtime/young-generation.js';
import { startAdminServer, type AdminServer } from '../../server/admin.js';
import { LoadError, errorMessage, formatIssue, type Issue } from '../../shared/errors.js';
import { SecretRegistry, createLogger, type Logger, type LogFormat } from '../../shared/logging.js';
import { createSecretResolver } from '../../shared/secrets.js';
import type { CommandContext, CommandFactory } from '../context.js';
import { stdoutLogOutput } from '../stdout.js';
import { handleSignals } from '../signals.js';

/** Flags shared by run, eventsource and sensor. */
export interface HostFlags {
  dataDir?: string;
  bus?: string;
  adminPort?: string;
  secretsDir?: string;
  configDir?: string;
  logLevel?: string;
  logFormat?: string;
  graceSeconds?: string;
}

/** Adds the shared flags to a command. */
export function addHostOptions(cmd: Command): Command {
  return cmd
    .option('--data-dir <dir>', 'where the embedded bus keeps events and state', './.argus')
    .option('--bus <url>', 'nats://host:port for NATS JetStream, or "embedded"')
    .option('--admin-port <n>', 'port of /healthz, /readyz and /metrics (0 = any free port)', '7777')
    .option('--secrets-dir <dir>', 'secretKeyRef values are read from <dir>/<secret-name>/<key>')
    .option('--config-dir <dir>', 'configMapKeyRef values are read from <dir>/<configmap-name>/<key>')
    .option('--log-level <level>', 'trace, debug, info, warn or error (env LOG_LEVEL)')
    .addOption(
      new Option('--log-format <format>', 'json lines, or pretty for people')
        .choices(['json', 'pretty'])
        .default('json'),
    )
    .option('--grace-seconds <n>', 'time allowed for a graceful stop after SIGINT/SIGTERM', '30');
}

/** Everything a host process owns, for the commands to run workloads on. */
export interface Host {
  readonly log: Logger;
  readonly bus: Bus;
  readonly metrics: Metrics;
  readonly supervisor: Supervisor;
  readonly admin: AdminServer;
  /** How the bus connects (servers, credentials, TLS) when it is JetStream; undefined for the embedded bus. */
  readonly jetstream: NatsConnectionSettings | undefined;
  readonly signal: AbortSignal;
  /** Stops everything in order; returns the exit code. */
  shutdown(): Promise<number>;
}

/** Builds logger, secrets, metrics, bus, supervisor, admin server and signal handling. */
export async function startHost(
  ctx: CommandContext,
  flags: HostFlags,
  eventBus: EventBus | undefined,
  filter?: FilterEvaluator,
): Promise<Host> {
  const registry = new SecretRegistry();
  const log = createLogger({
    level: flags.logLevel ?? ctx.env['LOG_LEVEL'] ?? 'info',
    format: (flags.logFormat ?? 'json') as LogFormat,
    secrets: registry,
    destination: stdoutLogOutput(),
  });
  const hostLog = log.child({ logger: 'argus' });
  const youngGeneration = capYoungGeneration({
    execArgv: process.execArgv,
    nodeOptions: ctx.env['NODE_OPTIONS'],
  });
  hostLog.debug(
    youngGeneration.operatorFlag === undefined
      ? { semiSpaceMiB: youngGeneration.semiSpaceMiB }
      : { operatorFlag: youngGeneration.operatorFlag },
    'V8 young generation',
  );
  const secrets = createSecretResolver({
    ...(flags.secretsDir === undefined ? {} : { secretsDir: flags.secretsDir }),
    ...(flags.configDir === undefined ? {} : { configDir: flags.configDir }),
    env: ctx.env,
    registry,
  });
  const metrics = new Metrics();
  const busChoice = describeBus({ eventBus, url: flags.bus, dataDir: flags.dataDir });
  hostLog.info(
    { driver: busChoice.driver, url: busChoice.url, dataDir: flags.dataDir, note: busChoice.note },
    'opening the event bus',
  );
  const busSettings: BusSettings = { eventBus, url: flags.bus, dataDir: flags.dataDir, secrets, registry };
  const jetstream = await jetStreamOptions(busSettings);
  const bus = await openBus(busSettings, { jetstream });
  // Reconnecting means degraded; connected and closed (on shutdown) are lifecycle.
  bus.onStatus((s) =>
    s.type === 'reconnecting'
      ? hostLog.warn({ status: s }, 'bus status')
      : hostLog.info({ status: s }, 'bus status'),
  );
  const supervisor = new Supervisor({
    bus,
    log,
    metrics,
    secrets,
    ...(filter === undefined ? {} : { filter }),
  });
  const admin = await startAdminServer(
    {
      registry: metrics.registry,
      notReady: () => {
        const reasons: string[] = [];
        if (bus.status.type !== 'connected') reasons.push(`bus ${bus.status.type}`);
        for (const s of supervisor.status()) if (!s.ready) reasons.push(`${s.name} ${s.state}`);
        return reasons;
      },
    },
    Number(flags.adminPort ?? '7777'),
  );
  hostLog.info({ port: admin.port }, 'admin server listening (/healthz, /readyz, /metrics)');
  const controller = new AbortController();
  const unhandle = handleSignals({
    controller,
    log: hostLog,
    graceMs: Number(flags.graceSeconds ?? '30') * 1000,
    pending: () => supervisor.pending(),
  });
  let done: Promise<number> | undefined;
  return {
    log: hostLog,
    bus,
    metrics,
    supervisor,
    admin,
    jetstream,
    signal: controller.signal,
    shutdown: () => {
      done ??= (async () => {
        let code = 0;
        try {
          await supervisor.stop();
        } catch (err: unknown) {
          hostLog.error({ err }, 'error while stopping runtimes');
          code = 1;
        }
        try {
          await bus.close();
        } catch (err: unknown) {
          hostLog.error({ err }, 'error while closing the bus');
          code = 1;
        }
        await admin.close();
        unhandle();
        youngGeneration.stop();
        hostLog.info('stopped');
        return code;
      })();
      return done;
    },
  };
}

/** Loads manifests; returns the runnable workloads and the EventBus, or prints the problems. */
export async function loadWorkloads(
  ctx: CommandContext,
  paths: readonly string[],
): Promise<{ workloads: Workload[]; eventBus: EventBus | undefined } | undefined> {
  return collectWorkloads(ctx, await loadResources(paths));
}

/** The runnable workloads of a load result, or undefined after printing its problems. */
function collectWorkloads(
  ctx: CommandContext,
  result: LoadResult,
): { workloads: Workload[]; eventBus: EventBus | undefined } | undefined {
  const judged = judgeWorkloads(result);
  if ('problems' in judged) {
    for (const p of judged.problems) ctx.io.stderr(`${formatIssue(p)}\n`);
    return undefined;
  }
  return judged;
}

/**
 * The workloads and EventBus of a load result, or every reason it cannot run: invalid manifests
 * first, else source and trigger types without a driver. Used at start and on reload alike.
 */
function judgeWorkloads(
  result: LoadResult,
): { problems: Issue[] } | { workloads: Workload[]; eventBus: EventBus | undefined } {
  const invalid = [...result.failures, ...result.resources.flatMap((r) => r.errors)];
  if (invalid.length > 0) return { problems: invalid };
  const unsupported = result.resources.flatMap((r) =>
    missingDrivers(r.kind === 'EventSource' || r.kind === 'Sensor' ? r : undefined).map((issue) => ({
      ...issue,
      file: r.file,
      resource: `${r.kind}/${r.name ?? ''}`,
    })),
  );
  if (unsupported.length > 0) return { problems: unsupported };
  const workloads: Workload[] = [];
  let eventBus: EventBus | undefined;
  for (const r of result.resources) {
    if (r.kind === 'EventSource') workloads.push({ kind: 'EventSource', resource: r.resource });
    else if (r.kind === 'Sensor') workloads.push({ kind: 'Sensor', resource: r.resource });
    else eventBus ??= r.resource;
  }
  return { workloads, eventBus };
}

/**
 * The event source and trigger types a resource uses that Argus cannot run yet: refused at
 * start with the list of supported ones, instead of a restart loop (upstream's pods crash-loop).
 */
function missingDrivers(
  r: { kind: 'EventSource'; resource: EventSource } | { kind: 'Sensor'; resource: Sensor } | undefined,
): Issue[] {
  if (r === undefined) return [];
  if (r.kind === 'EventSource') {
    const supported = Object.keys(sourceDrivers).join(', ');
    return EVENT_SOURCE_TYPES.filter(
      (type) => r.resource.spec?.[type] !== undefined && sourceDriverFor(type) === undefined,
    ).map((type) => ({
      path: `spec.${type}`,
      message: `event source type "${type}" is not supported by argus run yet (supported: ${supported})`,
    }));
  }
  const supported = Object.keys(triggerDrivers).join(', ');
  const issues: Issue[] = [];
  (r.resource.spec?.triggers ?? []).forEach((trigger, i) => {
    const templates: Array<[string, TriggerTemplate | undefined]> = [
      [`spec.triggers[${i}].template`, trigger.template],
      [`spec.triggers[${i}].dlqTrigger.template`, trigger.dlqTrigger?.template],
    ];
    for (const [path, template] of templates) {
      const type = triggerTypeOf(template);
      if (type !== undefined && triggerDriverFor(type) === undefined) {
        issues.push({
          path: `${path}.${type}`,
          message: `trigger type "${type}" is not supported by argus run yet (supported: ${supported})`,
        });
      }
    }
  });
  return issues;
}

/**
 * Upstream's pod inputs, for running under the upstream controller: `EVENTSOURCE_OBJECT` /
 * `SENSOR_OBJECT` (base64 JSON of the object, read by the caller as `encoded`) instead of `-f`,
 * and `EVENTBUS_CONFIG` (see {@link eventBusFromEnvironment}) instead of `--bus`.
 */
function loadFromEnvironment(
  ctx: CommandContext,
  kind: 'EventSource' | 'Sensor',
  variable: string,
  encoded: string,
): { workloads: Workload[]; eventBus: EventBus | undefined } | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    ctx.io.stderr(`argus ${kind.toLowerCase()}: $${variable} is not base64-encoded JSON\n`);
    return undefined;
  }
  const object = { apiVersion: API_VERSION, kind, ...(doc as Record<string, unknown>) };
  return collectWorkloads(ctx, judgeDocuments([{ file: `$${variable}`, text: JSON.stringify(object) }]));
}

/**
 * Upstream's `EVENTBUS_CONFIG`: base64 JSON of the EventBus's finalized `status.config` (a
 * BusConfig: `{"jetstream":{"url","accessSecret","streamConfig","tls"}}`), as an EventBus for the
 * bus factory, which maps all of it (runtime/bus-factory.ts). `{}` when the variable is unset;
 * undefined after printing what is wrong with it.
 */
function eventBusFromEnvironment(
  ctx: CommandContext,
  kind: 'EventSource' | 'Sensor',
): { eventBus?: EventBus } | undefined {
  const encoded = ctx.env['EVENTBUS_CONFIG'];
  if (encoded === undefined || encoded === '') return {};
  const fail = (what: string): undefined => {
    ctx.io.stderr(`argus ${kind.toLowerCase()}: $EVENTBUS_CONFIG ${what}\n`);
    return undefined;
  };
  // as Go's base64.StdEncoding (line breaks ignored); Buffer.from would skip any stray character
  const base64 = encoded.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0)
    return fail('is not base64 (standard alphabet with padding)');
  let config: unknown;
  try {
    config = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
  } catch (err: unknown) {
    return fail(`is not base64-encoded JSON: ${errorMessage(err)}`);
  }
  try {
    return { eventBus: eventBusFromBusConfig(config) };
  } catch (err: unknown) {
    return fail(`is not a usable bus configuration: ${errorMessage(err)}`);
  }
}

/**
 * {@link loadWorkloads} for a command's start: a path that cannot be read is a usage error (exit
 * 2, as `argus validate`), an invalid manifest exits 1. Undefined after printing why.
 */
async function loadAtStart(
  ctx: CommandContext,
  command: string,
  paths: readonly string[],
): Promise<{ workloads: Workload[]; eventBus: EventBus | undefined } | undefined> {
  try {
    const loaded = await loadWorkloads(ctx, paths);
    if (loaded === undefined) ctx.setExitCode(1);
    return loaded;
  } catch (err: unknown) {
    if (!(err instanceof LoadError)) throw err;
    ctx.io.stderr(`argus ${command}: ${err.message}\n`);
    ctx.setExitCode(2);
    return undefined;
  }
}

async function runAll(ctx: CommandContext, paths: string[], flags: HostFlags): Promise<void> {
  const loaded = await loadAtStart(ctx, 'run', paths);
  if (loaded === undefined) return;
  if (loaded.workloads.length === 0) {
    ctx.io.stderr('argus run: no EventSource or Sensor found\n');
    ctx.setExitCode(1);
    return;
  }
  const host = await startHost(ctx, flags, loaded.eventBus);
  await host.supervisor.apply(loaded.workloads);
  host.log.info(
    { resources: loaded.workloads.map((w) => `${w.kind}/${w.resource.metadata?.name ?? ''}`) },
    'running',
  );
  // reload a resource when its manifest changes, as the upstream controller rolls its pod
  let timer: NodeJS.Timeout | undefined;
  let reloading = Promise.resolve();
  const watcher = watch(paths, { ignoreInitial: true });
  watcher.on('all', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      reloading = reloading.then(async () => {
        try {
          const judged = judgeWorkloads(await loadResources(paths));
          if ('problems' in judged) {
            host.log.error(
              { problems: judged.problems.map(formatIssue) },
              'manifests changed but cannot run: keeping the running ones',
            );
            return;
          }
          if (!host.signal.aborted) await host.supervisor.apply(judged.workloads);
        } catch (err: unknown) {
          host.log.error({ err }, `reload failed: ${errorMessage(err)}`);
        }
      });
    }, 300);
  });
  await new Promise<void>((resolve) =>
    host.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  if (timer !== undefined) clearTimeout(timer);
  await watcher.close();
  await reloading;
  ctx.setExitCode(await host.shutdown());
}

export const runCommand: CommandFactory = (ctx) =>
  addHostOptions(
    new Command('run')
      .description('run EventSources and Sensors from manifest files or folders in one process')
      .argument('<paths...>', 'manifest files or folders (.yaml, .yml, .json)'),
  ).action((paths: string[], flags: HostFlags) => runAll(ctx, paths, flags));

/** Flags of the one-resource commands. */
export interface OneFlags extends HostFlags {
  /** The manifest; without it, upstream's `EVENTSOURCE_OBJECT` / `SENSOR_OBJECT` is read. */
  file?: string;
}

/**
 * `argus eventsource` / `argus sensor`: one resource per process, the shape of an upstream pod.
 * On JetStream, a Sensor (always) and an EventSource with active-passive types elect a leader
 * through a lease (runtime/leader.ts), connecting as the bus does; standbys wait. An election
 * that cannot start and a lost lease stop the process with code 1, as input that cannot be
 * parsed or is invalid (`-f`, `$SENSOR_OBJECT`, `$EVENTBUS_CONFIG`; docs/cli/validate.md).
 */
export async function runOne(
  ctx: CommandContext,
  kind: 'EventSource' | 'Sensor',
  flags: OneFlags,
): Promise<void> {
  const command = kind.toLowerCase();
  const variable = kind === 'Sensor' ? 'SENSOR_OBJECT' : 'EVENTSOURCE_OBJECT';
  const encoded = ctx.env[variable] ?? '';
  if (flags.file === undefined && encoded === '') {
    // nothing to run: a usage error, as an unknown flag
    ctx.io.stderr(`argus ${command}: give -f <file> or set $${variable}\n`);
    ctx.setExitCode(2);
    return;
  }
  let loaded: { workloads: Workload[]; eventBus: EventBus | undefined } | undefined;
  if (flags.file !== undefined) loaded = await loadAtStart(ctx, command, [flags.file]);
  else {
    loaded = loadFromEnvironment(ctx, kind, variable, encoded);
    if (loaded === undefined) ctx.setExitCode(1);
  }
  if (loaded === undefined) return;
  if (flags.bus === undefined) {
    const fromEnvironment = eventBusFromEnvironment(ctx, kind);
    if (fromEnvironment === undefined) {
      // as a malformed $SENSOR_OBJECT, or a manifest that cannot be parsed or is invalid
      ctx.setExitCode(1);
      return;
    }
    // an EventBus manifest given with -f that names a JetStream server still wins
    if (
      fromEnvironment.eventBus !== undefined &&
      describeBus({ eventBus: loaded.eventBus }).driver === 'embedded'
    )
      loaded.eventBus = fromEnvironment.eventBus;
  }
  const mine = loaded.workloads.filter((w) => w.kind === kind);
  if (mine.length !== 1) {
    ctx.io.stderr(
      `argus ${kind.toLowerCase()}: ${flags.file ?? 'the input'} must hold exactly one ${kind} (found ${mine.length})\n`,
    );
    ctx.setExitCode(2);
    return;
  }
  const workload = mine[0]!;
  const host = await startHost(ctx, flags, loaded.eventBus);
  const meta = workload.resource.metadata ?? {};
  const connection = host.jetstream;
  const needsLeader =
    connection !== undefined &&
    (kind === 'Sensor' ||
      hasActivePassiveTypes(workload.kind === 'EventSource' ? workload.resource : undefined));
  let elector: LeaseElector | undefined;
  let lost = false;
  const stopped = new Promise<void>((resolve) =>
    host.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  const lostLeadership = new Promise<void>((resolve) => {
    if (!needsLeader) return;
    // the bus's own connection settings: servers, credentials and TLS
    elector = new LeaseElector({
      ...connection,
      key: leaseKey(
        meta.namespace ?? 'argo-events',
        kind === 'Sensor' ? 'sensor' : 'eventsource',
        meta.name ?? '',
      ),
      log: host.log,
    });
    elector.onLost((reason) => {
      lost = true;
      host.log.fatal({ reason }, 'leader lost');
      resolve();
    });
  });
  if (elector !== undefined) {
    let leading: boolean;
    try {
      leading = await elector.acquire(host.signal);
    } catch (err: unknown) {
      // nothing runs without the lease: stop now rather than wait for a signal
      const message = `leader election failed: ${errorMessage(err)}`;
      host.log.fatal({ err }, message);
      await elector.release();
      await host.shutdown();
      ctx.io.stderr(`argus ${kind.toLowerCase()}: ${message}\n`);
      ctx.setExitCode(1);
      return;
    }
    if (!leading) {
      await elector.release();
      ctx.setExitCode(await host.shutdown());
      return;
    }
  }
  await host.supervisor.apply([workload]);
  host.log.info({ resource: `${kind}/${meta.name ?? ''}` }, 'running');
  await Promise.race([stopped, lostLeadership]);
  const code = await host.shutdown();
  await elector?.release();
  ctx.setExitCode(lost ? 1 : code);
}

function hasActivePassiveTypes(es: EventSource | undefined): boolean {
  if (es === undefined) return false;
  return listDeclaredEvents(es.spec ?? {}).some(
    (e) => EVENT_SOURCE_DEFINITIONS[e.type].strategy === 'Recreate',
  );
}
