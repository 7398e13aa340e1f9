// Cross-checks our codecs against upstream's JSON Schema (upstream-schema.json): every
// definition reachable from EventSource must have a codec here with exactly the same field
// names, and every field's JSON shape (string, integer, array of object…) must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  BackoffCodec,
  BasicAuthCodec,
  ConditionCodec,
  ConfigMapKeySelectorCodec,
  ContainerCodec,
  GithubAppCredsCodec,
  MetadataCodec,
  NATSAuthCodec,
  S3BucketCodec,
  S3FilterCodec,
  SASLConfigCodec,
  SecretKeySelectorCodec,
  SelectorCodec,
  ServiceCodec,
  TemplateCodec,
  TLSConfigCodec,
  WatchPathConfigCodec,
  AWSMSKIAMConfigCodec,
} from '../common.js';
import type { Codec, Shape } from '../schema.js';
import * as es from './index.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const conformanceDir = process.env.ARGUS_CONFORMANCE_DIR ?? resolve(repoRoot, '..', 'shared', 'conformance');
const schemaFile = join(conformanceDir, 'upstream-schema.json');

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode;
}

type ShapedCodec = Codec<unknown> & { shape: Shape };

const ARGO = 'io.argoproj.events.v1alpha1.';

/** Upstream definition name → our codec for it. */
const codecs: Record<string, ShapedCodec> = {
  [`${ARGO}EventSource`]: es.EventSourceCodec,
  [`${ARGO}EventSourceSpec`]: es.EventSourceSpecCodec,
  [`${ARGO}EventSourceStatus`]: es.EventSourceStatusCodec,
  [`${ARGO}EventSourceFilter`]: es.EventSourceFilterCodec,
  [`${ARGO}WebhookContext`]: es.WebhookContextCodec,
  [`${ARGO}WebhookEventSource`]: es.WebhookEventSourceCodec,
  [`${ARGO}AMQPEventSource`]: es.AMQPEventSourceCodec,
  [`${ARGO}AMQPExchangeDeclareConfig`]: es.AMQPExchangeDeclareConfigCodec,
  [`${ARGO}AMQPQueueDeclareConfig`]: es.AMQPQueueDeclareConfigCodec,
  [`${ARGO}AMQPQueueBindConfig`]: es.AMQPQueueBindConfigCodec,
  [`${ARGO}AMQPConsumeConfig`]: es.AMQPConsumeConfigCodec,
  [`${ARGO}AzureEventsHubEventSource`]: es.AzureEventsHubEventSourceCodec,
  [`${ARGO}AzureQueueStorageEventSource`]: es.AzureQueueStorageEventSourceCodec,
  [`${ARGO}AzureServiceBusEventSource`]: es.AzureServiceBusEventSourceCodec,
  [`${ARGO}BitbucketEventSource`]: es.BitbucketEventSourceCodec,
  [`${ARGO}BitbucketAuth`]: es.BitbucketAuthCodec,
  [`${ARGO}BitbucketBasicAuth`]: es.BitbucketBasicAuthCodec,
  [`${ARGO}BitbucketRepository`]: es.BitbucketRepositoryCodec,
  [`${ARGO}BitbucketServerEventSource`]: es.BitbucketServerEventSourceCodec,
  [`${ARGO}BitbucketServerRepository`]: es.BitbucketServerRepositoryCodec,
  [`${ARGO}CalendarEventSource`]: es.CalendarEventSourceCodec,
  [`${ARGO}EventPersistence`]: es.EventPersistenceCodec,
  [`${ARGO}CatchupConfiguration`]: es.CatchupConfigurationCodec,
  [`${ARGO}ConfigMapPersistence`]: es.ConfigMapPersistenceCodec,
  [`${ARGO}EmitterEventSource`]: es.EmitterEventSourceCodec,
  [`${ARGO}FileEventSource`]: es.FileEventSourceCodec,
  [`${ARGO}GenericEventSource`]: es.GenericEventSourceCodec,
  [`${ARGO}GerritEventSource`]: es.GerritEventSourceCodec,
  [`${ARGO}GithubEventSource`]: es.GithubEventSourceCodec,
  [`${ARGO}OwnedRepositories`]: es.OwnedRepositoriesCodec,
  [`${ARGO}GitlabEventSource`]: es.GitlabEventSourceCodec,
  [`${ARGO}HDFSEventSource`]: es.HDFSEventSourceCodec,
  [`${ARGO}KafkaEventSource`]: es.KafkaEventSourceCodec,
  [`${ARGO}KafkaConsumerGroup`]: es.KafkaConsumerGroupCodec,
  [`${ARGO}SchemaRegistryConfig`]: es.SchemaRegistryConfigCodec,
  [`${ARGO}S3Artifact`]: es.MinioEventSourceCodec,
  [`${ARGO}MNSEventSource`]: es.MNSEventSourceCodec,
  [`${ARGO}MQTTEventSource`]: es.MQTTEventSourceCodec,
  [`${ARGO}NATSEventsSource`]: es.NATSEventsSourceCodec,
  [`${ARGO}NSQEventSource`]: es.NSQEventSourceCodec,
  [`${ARGO}PubSubEventSource`]: es.PubSubEventSourceCodec,
  [`${ARGO}PulsarEventSource`]: es.PulsarEventSourceCodec,
  [`${ARGO}RedisEventSource`]: es.RedisEventSourceCodec,
  [`${ARGO}RedisStreamEventSource`]: es.RedisStreamEventSourceCodec,
  [`${ARGO}ResourceEventSource`]: es.ResourceEventSourceCodec,
  [`${ARGO}ResourceFilter`]: es.ResourceFilterCodec,
  [`${ARGO}SFTPEventSource`]: es.SFTPEventSourceCodec,
  [`${ARGO}SlackEventSource`]: es.SlackEventSourceCodec,
  [`${ARGO}SNSEventSource`]: es.SNSEventSourceCodec,
  [`${ARGO}SQSEventSource`]: es.SQSEventSourceCodec,
  [`${ARGO}StorageGridEventSource`]: es.StorageGridEventSourceCodec,
  [`${ARGO}StorageGridFilter`]: es.StorageGridFilterCodec,
  [`${ARGO}StripeEventSource`]: es.StripeEventSourceCodec,
  // shared building blocks (src/api/common.ts)
  [`${ARGO}AWSMSKIAMConfig`]: AWSMSKIAMConfigCodec,
  [`${ARGO}Backoff`]: BackoffCodec,
  [`${ARGO}BasicAuth`]: BasicAuthCodec,
  [`${ARGO}Condition`]: ConditionCodec,
  [`${ARGO}Container`]: ContainerCodec,
  [`${ARGO}GithubAppCreds`]: GithubAppCredsCodec,
  [`${ARGO}Metadata`]: MetadataCodec,
  [`${ARGO}NATSAuth`]: NATSAuthCodec,
  [`${ARGO}S3Bucket`]: S3BucketCodec,
  [`${ARGO}S3Filter`]: S3FilterCodec,
  [`${ARGO}SASLConfig`]: SASLConfigCodec,
  [`${ARGO}Selector`]: SelectorCodec,
  [`${ARGO}Service`]: ServiceCodec,
  [`${ARGO}Template`]: TemplateCodec,
  [`${ARGO}TLSConfig`]: TLSConfigCodec,
  [`${ARGO}WatchPathConfig`]: WatchPathConfigCodec,
  'io.k8s.api.core.v1.SecretKeySelector': SecretKeySelectorCodec,
  'io.k8s.api.core.v1.ConfigMapKeySelector': ConfigMapKeySelectorCodec,
};

/** Kubernetes objects that Argus keeps as free-form JSON or partly decodes (ObjectMeta). */
function isOpaqueKubernetes(name: string): boolean {
  return name.startsWith('io.k8s.') && !(name in codecs) && !name.endsWith('.Time');
}

if (!existsSync(schemaFile)) {
  console.error(
    `\n!!! ${schemaFile} not found: set ARGUS_CONFORMANCE_DIR; skipping the schema cross-check\n`,
  );
  void test.skip('schema coverage (ARGUS_CONFORMANCE_DIR not found)');
} else {
  const definitions = (
    JSON.parse(readFileSync(schemaFile, 'utf8')) as { definitions: Record<string, SchemaNode> }
  ).definitions;
  const refName = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);

  /** The `expected` texts of our codecs that match a schema node. */
  const expectedOf = (node: SchemaNode): string[] => {
    if (node.$ref !== undefined) {
      const name = refName(node.$ref);
      const def = definitions[name]!;
      // Kubernetes objects are kept as JSON, or decoded into the few fields Argus reads
      if (isOpaqueKubernetes(name)) return ['any', 'object'];
      if (def.properties !== undefined) return ['object'];
      return expectedOf(def);
    }
    const type = node.type;
    if (Array.isArray(type)) return type.join(',') === 'integer,string' ? ['integer or string'] : [];
    if (type === 'array') return expectedOf(node.items ?? {}).map((e) => `array of ${e}`);
    if (type === 'object') {
      if (node.additionalProperties !== undefined) {
        return expectedOf(node.additionalProperties).map((e) => `object of ${e}`);
      }
      return ['object', 'any'];
    }
    return type === undefined ? ['any'] : [type];
  };

  // every io.argoproj definition reachable from EventSource
  const reachable: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') {
          const name = refName(v);
          if (!reachable.includes(name) && !isOpaqueKubernetes(name)) {
            reachable.push(name);
            visit(definitions[name]);
          }
        } else visit(v);
      }
    }
  };
  reachable.push(`${ARGO}EventSource`);
  visit(definitions[`${ARGO}EventSource`]);
  const objectDefinitions = reachable.filter((n) => definitions[n]?.properties !== undefined);

  void test('every object definition reachable from EventSource has a codec', () => {
    assert.ok(objectDefinitions.length > 70, `only ${objectDefinitions.length} definitions reached`);
    assert.deepEqual(
      objectDefinitions.filter((n) => !(n in codecs)),
      [],
    );
  });

  void test('the spec has one map per type key, exactly EVENT_SOURCE_TYPES', () => {
    const specFields = Object.keys(definitions[`${ARGO}EventSourceSpec`]!.properties!);
    const typeKeys = specFields.filter(
      (f) => !['eventBusName', 'template', 'service', 'replicas'].includes(f),
    );
    assert.deepEqual([...typeKeys].sort(), [...es.EVENT_SOURCE_TYPES].sort());
    assert.deepEqual(Object.keys(es.EVENT_SOURCE_DEFINITIONS), [...es.EVENT_SOURCE_TYPES]);
  });

  for (const name of objectDefinitions) {
    const codec = codecs[name];
    if (codec === undefined) continue; // reported by the test above
    void test(`codec fields match upstream ${name.replace(ARGO, '')}`, () => {
      const properties = definitions[name]!.properties!;
      assert.deepEqual(Object.keys(codec.shape).sort(), Object.keys(properties).sort());
      for (const [field, node] of Object.entries(properties)) {
        const ours: Codec<unknown> = codec.shape[field]!;
        const allowed = expectedOf(node);
        assert.ok(
          allowed.includes(ours.expected),
          `${field}: ours ${ours.expected}, upstream ${allowed.join(' | ')}`,
        );
        // a nested struct field must use the codec registered for its definition
        if (node.$ref !== undefined && codecs[refName(node.$ref)] !== undefined) {
          const theirs = codecs[refName(node.$ref)]!;
          assert.deepEqual(
            Object.keys((ours as Partial<ShapedCodec>).shape ?? {}).sort(),
            Object.keys(theirs.shape).sort(),
            `${field}: nested fields differ from ${refName(node.$ref)}`,
          );
        }
      }
    });
  }
}
