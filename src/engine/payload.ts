/**
 * What a trigger would do with an event map, without doing it (`sensors.md` §9 steps 2–5,
 * `triggers.md`): template-level parameters, type selection, resource-level parameters, payload.
 * Pure: k8s/argoWorkflow sources that need I/O (file, url, git, s3, configmap) are reported, not read.
 */
import { parse as parseYAML } from 'yaml';
import { decodeWith, type Codec } from '../api/schema.js';
import {
  TriggerTemplateCodec,
  triggerTypeCodecs,
  type Trigger,
  type TriggerParameter,
  type TriggerTemplate,
  type TriggerType,
} from '../api/sensor/index.js';
import { TriggerError } from '../shared/errors.js';
import {
  applyParams,
  constructPayload,
  resolveDynamicHeaders,
  type EventMap,
  type ParamOptions,
  type ParameterTrace,
} from './parameters.js';

/** Upstream's selection order when a template sets several type blocks (`sensors.md` §2.3). */
export const triggerSelectionOrder: readonly TriggerType[] = [
  'k8s',
  'argoWorkflow',
  'http',
  'awsLambda',
  'azureEventHubs',
  'azureServiceBus',
  'kafka',
  'pulsar',
  'nats',
  'slack',
  'openWhisk',
  'custom',
  'log',
  'email',
];

/** The type block a template uses, or undefined (upstream: `could not find an implementation`). */
export function triggerTypeOf(template: TriggerTemplate | undefined): TriggerType | undefined {
  if (template === undefined) return undefined;
  return triggerSelectionOrder.find((t) => template[t] !== undefined);
}

/** A trigger resolved for one firing. */
export interface ResolvedTrigger {
  readonly type: TriggerType;
  /** The template after template-level parameters (`trigger.parameters`). */
  readonly template: TriggerTemplate;
  /**
   * The type block after resource-level parameters (for k8s/argoWorkflow: the Kubernetes object
   * after parameters, or undefined when the source must be fetched at run time).
   */
  readonly resource: unknown;
  /**
   * What the trigger sends: the body for http, kafka, nats, pulsar, awsLambda, openWhisk, azureEventHubs, azureServiceBus, custom
   * (parsed JSON when it is JSON, else the text), the message for slack/email, the object for
   * k8s/argoWorkflow, null for log.
   */
  readonly payload: unknown;
  /** http only: `dynamicHeaders` resolved (header name → value); absent for other types. */
  readonly dynamicHeaders?: Readonly<Record<string, string>>;
  /** Notes for explanations (sources not read offline, skipped parameters…). */
  readonly notes: readonly string[];
  /** Each parameter applied, in order. */
  readonly parameters: readonly ParameterTrace[];
}

function decodeStrict<T>(codec: Codec<T>, value: unknown, what: string): T {
  const r = decodeWith(codec, value);
  if (r.errors.length > 0) {
    throw new TriggerError(`${what}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  return r.value as T;
}

// Spec objects are not mutated (the API layer freezes them): their JSON text is computed once.
const jsonTexts = new WeakMap<object, string>();

function jsonOf(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let text = jsonTexts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    jsonTexts.set(value, text);
  }
  return text;
}

function bodyValue(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Applies `trigger.parameters` to the template (upstream ApplyTemplateParameters). */
export function applyTemplateParameters(
  trigger: Trigger,
  events: EventMap,
  trace?: ParameterTrace[],
  options: ParamOptions = {},
): TriggerTemplate {
  const template = trigger.template ?? {};
  const params = trigger.parameters ?? [];
  if (params.length === 0) return template;
  const json = applyParams(jsonOf(template), params, events, trace, options);
  return decodeStrict(TriggerTemplateCodec, JSON.parse(json) as unknown, 'template after parameters');
}

function k8sObject(source: Record<string, unknown> | undefined, notes: string[]): unknown {
  if (source === undefined) return undefined;
  if (source.s3 !== undefined) notes.push('source.s3 is read at run time');
  else if (source.inline !== undefined) {
    try {
      return parseYAML(String(source.inline)) as unknown;
    } catch (err) {
      throw new TriggerError(
        `cannot parse source.inline: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  } else if (source.resource !== undefined) return source.resource;
  else {
    const kind = ['file', 'url', 'git', 'configmap'].find((k) => source[k] !== undefined) ?? 'unknown';
    notes.push(`source.${kind} is read at run time`);
  }
  return undefined;
}

/**
 * Resolves what a trigger would do for `events` (template parameters, resource parameters,
 * payload). Nothing is sent or fetched.
 * @throws TriggerError where upstream fails the attempt (unresolvable parameter, wrong type after
 * parameters, no trigger type, payload parameter without event and default).
 */
export function resolveTrigger(
  trigger: Trigger,
  events: EventMap,
  options: ParamOptions = {},
): ResolvedTrigger {
  const trace: ParameterTrace[] = [];
  const notes: string[] = [];
  const template = applyTemplateParameters(trigger, events, trace, options);
  const type = triggerTypeOf(template);
  if (type === undefined) {
    throw new TriggerError(`invalid trigger ${template.name ?? ''}, could not find an implementation`);
  }
  const block = template[type] as Record<string, unknown> & {
    parameters?: TriggerParameter[];
    payload?: TriggerParameter[];
  };
  const resourceParams = block.parameters ?? [];
  if (type === 'k8s' || type === 'argoWorkflow') {
    let obj = k8sObject(block.source as Record<string, unknown> | undefined, notes);
    if (obj !== undefined && resourceParams.length > 0) {
      obj = JSON.parse(applyParams(jsonOf(obj), resourceParams, events, trace, options)) as unknown;
    }
    return { type, template, resource: obj, payload: obj ?? null, notes, parameters: trace };
  }
  if (type === 'log') return { type, template, resource: block, payload: null, notes, parameters: trace };
  let resource: Record<string, unknown> = block;
  if (resourceParams.length > 0) {
    const json = applyParams(jsonOf(block), resourceParams, events, trace, options);
    resource = decodeStrict(
      triggerTypeCodecs[type] as Codec<Record<string, unknown>>,
      JSON.parse(json) as unknown,
      `${type} after parameters`,
    );
  }
  if (type === 'slack') {
    const r = resource as { channel?: string; message?: string; attachments?: string; blocks?: string };
    return {
      type,
      template,
      resource,
      payload: {
        channel: (r.channel ?? '').replace(/^#/, ''),
        text: r.message ?? '',
        attachments: r.attachments,
        blocks: r.blocks,
      },
      notes,
      parameters: trace,
    };
  }
  if (type === 'email') {
    const r = resource as { from?: string; to?: string[]; subject?: string; body?: string };
    return {
      type,
      template,
      resource,
      payload: { from: r.from, to: r.to ?? [], subject: r.subject, body: r.body },
      notes,
      parameters: trace,
    };
  }
  const payloadParams = (resource.payload as TriggerParameter[] | undefined) ?? undefined;
  if (payloadParams === undefined) notes.push('no payload: empty body');
  const body = payloadParams === undefined ? '' : constructPayload(payloadParams, events, trace, options);
  if (type === 'http') {
    const dynamic = (resource.dynamicHeaders as TriggerParameter[] | undefined) ?? [];
    const dynamicHeaders = resolveDynamicHeaders(dynamic, events, options);
    return { type, template, resource, payload: bodyValue(body), dynamicHeaders, notes, parameters: trace };
  }
  return { type, template, resource, payload: bodyValue(body), notes, parameters: trace };
}
