/**
 * Building blocks shared by EventSource, Sensor and EventBus (upstream
 * `pkg/apis/events/v1alpha1`: tls.go, sasl.go, basic_auth.go, backoff.go, metadata.go,
 * template.go, container_template.go, status_types.go, file_config.go, s3.go), plus the
 * shared validators with upstream's exact messages (`validate.go`, `file_config.go`).
 *
 * Kubernetes sub-objects (volumes, tolerations, affinity, service ports, resources…) are kept
 * as free-form JSON: Argus hands them to Kubernetes unchanged and never reads them.
 */
import { checkGoRegexp } from '../kernels/go/regexp.js';
import type { Issue } from '../shared/errors.js';
import {
  amount,
  array,
  boolean,
  integer,
  intOrString,
  json,
  object,
  record,
  string,
  type Infer,
} from './schema.js';

/** `corev1.SecretKeySelector`: one key of a Secret (standalone mode: a file or env var). */
export const SecretKeySelectorCodec = object({
  name: string(),
  key: string(),
  /** Whether a missing Secret/key is tolerated. Not honoured by event sources. @default false */
  optional: boolean(),
});
export type SecretKeySelector = Infer<typeof SecretKeySelectorCodec>;

/** `corev1.ConfigMapKeySelector`: one key of a ConfigMap. */
export const ConfigMapKeySelectorCodec = object({
  name: string(),
  key: string(),
  optional: boolean(),
});
export type ConfigMapKeySelector = Infer<typeof ConfigMapKeySelectorCodec>;

/** `corev1.LocalObjectReference`. */
export const LocalObjectReferenceCodec = object({ name: string() });
export type LocalObjectReference = Infer<typeof LocalObjectReferenceCodec>;

/** Upstream `TLSConfig`. */
export const TLSConfigCodec = object({
  caCertSecret: SecretKeySelectorCodec,
  clientCertSecret: SecretKeySelectorCodec,
  clientKeySecret: SecretKeySelectorCodec,
  /** Skip server certificate verification (and all TLS validation). @default false */
  insecureSkipVerify: boolean(),
  /** Use TLS with the system trust store even without any secret. @default false */
  enabled: boolean(),
});
export type TLSConfig = Infer<typeof TLSConfigCodec>;

/** Upstream `BasicAuth`. */
export const BasicAuthCodec = object({
  username: SecretKeySelectorCodec,
  password: SecretKeySelectorCodec,
});
export type BasicAuth = Infer<typeof BasicAuthCodec>;

/** Upstream `SASLConfig`. */
export const SASLConfigCodec = object({
  /** `PLAIN` (also when empty), `OAUTHBEARER`, `SCRAM-SHA-256`, `SCRAM-SHA-512`, `GSSAPI`. @default "PLAIN" */
  mechanism: string(),
  userSecret: SecretKeySelectorCodec,
  passwordSecret: SecretKeySelectorCodec,
});
export type SASLConfig = Infer<typeof SASLConfigCodec>;

/** Upstream `AWSMSKIAMConfig` (Kafka on AWS MSK with IAM auth). */
export const AWSMSKIAMConfigCodec = object({ region: string() });
export type AWSMSKIAMConfig = Infer<typeof AWSMSKIAMConfigCodec>;

/** Upstream `NATSAuth` (nats event source and trigger): one of the credential kinds. */
export const NATSAuthCodec = object({
  basic: BasicAuthCodec,
  token: SecretKeySelectorCodec,
  nkey: SecretKeySelectorCodec,
  credential: SecretKeySelectorCodec,
});
export type NATSAuth = Infer<typeof NATSAuthCodec>;

/** Upstream `GithubAppCreds` (github event source, git artifact). */
export const GithubAppCredsCodec = object({
  privateKey: SecretKeySelectorCodec,
  appID: integer('int64'),
  installationID: integer('int64'),
});
export type GithubAppCreds = Infer<typeof GithubAppCredsCodec>;

/** Upstream `KafkaConsumerGroup` (kafka event source and Kafka event bus). */
export const KafkaConsumerGroupCodec = object({
  groupName: string(),
  /** Start from the oldest offset when the group has none. @default false */
  oldest: boolean(),
  /** `range`, `sticky`, `roundrobin`. @default "range" */
  rebalanceStrategy: string(),
});
export type KafkaConsumerGroup = Infer<typeof KafkaConsumerGroupCodec>;

/** Upstream `Backoff` (retry strategy). */
export const BackoffCodec = object({
  /**
   * Initial wait: a Go duration string (`"1s"`; a bare numeric string such as `"10"` is not one)
   * or a JSON number of **nanoseconds**. @default "1s"
   */
  duration: intOrString(),
  /** Growth per step, kept as raw JSON text (a quoted number fails when used). @default 1.0 */
  factor: amount(),
  /** Random extra wait as a fraction of the wait, raw JSON text. @default 1 */
  jitter: amount(),
  /** Total number of attempts (≤0 means the default). @default 5 */
  steps: integer('int32'),
});
export type Backoff = Infer<typeof BackoffCodec>;

/** Upstream `Metadata`: labels and annotations for generated pods/services. */
export const MetadataCodec = object({
  annotations: record(string()),
  labels: record(string()),
});
export type Metadata = Infer<typeof MetadataCodec>;

/** Upstream `Selector` (resource event source label/field selectors). */
export const SelectorCodec = object({
  key: string(),
  /** `==`, `=`, `!=`, `in`, `notin`, `gt`, `lt`, `exists`, `!`… @default "=" */
  operation: string(),
  value: string(),
});
export type Selector = Infer<typeof SelectorCodec>;

/** Upstream `WatchPathConfig` (file, sftp, hdfs sources). */
export const WatchPathConfigCodec = object({
  /** Absolute directory to watch. */
  directory: string(),
  /** File path relative to `directory`. */
  path: string(),
  /** Regular expression matched against file names in `directory`. */
  pathRegexp: string(),
});
export type WatchPathConfig = Infer<typeof WatchPathConfigCodec>;

/** Upstream `S3Bucket`. */
export const S3BucketCodec = object({ key: string(), name: string() });
/** Upstream `S3Filter`. */
export const S3FilterCodec = object({ prefix: string(), suffix: string() });
/** Upstream `S3Artifact` (minio event source, S3 trigger artifact location). */
export const S3ArtifactCodec = object({
  endpoint: string(),
  bucket: S3BucketCodec,
  region: string(),
  insecure: boolean(),
  accessKey: SecretKeySelectorCodec,
  secretKey: SecretKeySelectorCodec,
  events: array(string()),
  filter: S3FilterCodec,
  metadata: record(string()),
  caCertificate: SecretKeySelectorCodec,
});
export type S3Artifact = Infer<typeof S3ArtifactCodec>;

/** Upstream `ContainerTemplate` (EventBus containers). */
export const ContainerTemplateCodec = object({
  resources: json(),
  imagePullPolicy: string(),
  securityContext: json(),
});
export type ContainerTemplate = Infer<typeof ContainerTemplateCodec>;

/** Upstream `Container` (`template.container` of EventSource/Sensor). */
export const ContainerCodec = object({
  resources: json(),
  imagePullPolicy: string(),
  securityContext: json(),
  volumeMounts: array(json()),
  env: array(json()),
  envFrom: array(json()),
});
export type Container = Infer<typeof ContainerCodec>;

/** Upstream `Template`: pod customisation for EventSource and Sensor deployments. */
export const TemplateCodec = object({
  metadata: MetadataCodec,
  serviceAccountName: string(),
  container: ContainerCodec,
  volumes: array(json()),
  securityContext: json(),
  nodeSelector: record(string()),
  tolerations: array(json()),
  imagePullSecrets: array(LocalObjectReferenceCodec),
  priorityClassName: string(),
  priority: integer('int32'),
  affinity: json(),
});
export type Template = Infer<typeof TemplateCodec>;

/** Upstream `Service` (EventSource ClusterIP service). */
export const ServiceCodec = object({
  metadata: MetadataCodec,
  /** `corev1.ServicePort` list; the service is created only when non-empty. */
  ports: array(json()),
  clusterIP: string(),
});
export type Service = Infer<typeof ServiceCodec>;

/** Upstream `PersistenceStrategy` (managed NATS/JetStream volumes). */
export const PersistenceStrategyCodec = object({
  storageClassName: string(),
  accessMode: string(),
  /** Kubernetes quantity (`10Gi`); a bare number is accepted as Kubernetes does. */
  volumeSize: intOrString(),
});
export type PersistenceStrategy = Infer<typeof PersistenceStrategyCodec>;

/** Kubernetes `ObjectMeta`: the fields Argus reads, the rest kept as JSON. */
export const ObjectMetaCodec = object({
  name: string(),
  generateName: string(),
  namespace: string(),
  uid: string(),
  resourceVersion: string(),
  generation: integer('int64'),
  creationTimestamp: string(),
  deletionTimestamp: string(),
  deletionGracePeriodSeconds: integer('int64'),
  labels: record(string()),
  annotations: record(string()),
  ownerReferences: array(json()),
  finalizers: array(string()),
  managedFields: array(json()),
  selfLink: string(),
});
export type ObjectMeta = Infer<typeof ObjectMetaCodec>;

/** Upstream `Condition`. */
export const ConditionCodec = object({
  type: string(),
  /** `"True"`, `"False"` or `"Unknown"`. */
  status: string(),
  /** RFC 3339, second precision. */
  lastTransitionTime: string(),
  reason: string(),
  message: string(),
});
export type Condition = Infer<typeof ConditionCodec>;

/** Upstream `Status`. */
export const StatusCodec = object({ conditions: array(ConditionCodec) });
export type Status = Infer<typeof StatusCodec>;

// ---------------------------------------------------------------------------------------------
// Shared validators. Each returns at most one issue (upstream stops at the first problem), with
// `path` naming the field that holds the checked value.

/** Upstream `ValidateTLSConfig`. Absent config and `insecureSkipVerify: true` are always valid. */
export function validateTLSConfig(tls: TLSConfig | undefined, path: string): Issue[] {
  if (tls === undefined || tls.insecureSkipVerify === true) return [];
  const ca = tls.caCertSecret !== undefined;
  const cert = tls.clientCertSecret !== undefined;
  const key = tls.clientKeySecret !== undefined;
  if (!ca && !cert && !key && tls.enabled !== true) {
    return [
      {
        path,
        message:
          'invalid tls config, please configure either caCertSecret, or clientCertSecret and clientKeySecret, or both',
      },
    ];
  }
  if ((cert || key) && !(cert && key)) {
    return [
      {
        path,
        message: 'invalid tls config, both clientCertSecret and clientKeySecret need to be configured',
      },
    ];
  }
  return [];
}

/** Upstream `ValidateBasicAuth`. */
export function validateBasicAuth(auth: BasicAuth | undefined, path: string): Issue[] {
  if (auth === undefined) return [];
  if (auth.username === undefined) return [{ path, message: 'username missing' }];
  if (auth.password === undefined) return [{ path, message: 'password missing' }];
  return [];
}

const saslMechanisms = new Set(['', 'PLAIN', 'OAUTHBEARER', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'GSSAPI']);

/** Upstream `ValidateSASLConfig`. */
export function validateSASLConfig(sasl: SASLConfig | undefined, path: string): Issue[] {
  if (sasl === undefined) return [];
  if (!saslMechanisms.has(sasl.mechanism ?? '')) {
    return [
      {
        path,
        message:
          'invalid sasl config. Possible values for SASL Mechanism are `OAUTHBEARER`, `PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512` and `GSSAPI`',
      },
    ];
  }
  if (sasl.userSecret === undefined || sasl.passwordSecret === undefined) {
    return [{ path, message: 'invalid sasl config, both userSecret and passwordSecret must be defined' }];
  }
  return [];
}

/** Go's `regexp.Compile` error text for a pattern, or undefined (one RE2 parser for api and engine). */
export { checkGoRegexp };

/** Upstream `WatchPathConfig.Validate`. `path` names the watch path config's position. */
export function validateWatchPathConfig(config: WatchPathConfig | undefined, path: string): Issue[] {
  const c = config ?? {};
  const directory = c.directory ?? '';
  const file = c.path ?? '';
  const regexp = c.pathRegexp ?? '';
  if (directory === '') return [{ path, message: 'directory is required' }];
  if (!directory.startsWith('/')) return [{ path, message: 'directory must be an absolute file path' }];
  if (file === '' && regexp === '') return [{ path, message: 'either path or pathRegexp must be specified' }];
  if (file !== '' && regexp !== '')
    return [{ path, message: 'path and pathRegexp cannot be specified together' }];
  if (file !== '' && file.startsWith('/')) return [{ path, message: 'path must be a relative file path' }];
  if (regexp !== '') {
    const err = checkGoRegexp(regexp);
    if (err !== undefined) return [{ path, message: err }];
  }
  return [];
}
