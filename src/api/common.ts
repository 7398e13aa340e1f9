/**
 * Building blocks shared by EventSource, Sensor and EventBus (upstream
 * `pkg/apis/events/v1alpha1`: tls.go, sasl.go, basic_auth.go, backoff.go, metadata.go,
 * template.go, container_template.go, status_types.go, file_config.go, s3.go), plus the
 * shared validators with upstream's exact messages (`validate.go`, `file_config.go`).
 *
 * Kubernetes sub-objects (volumes, tolerations, affinity, service ports, resources…) are kept
 * as free-form JSON: Argus hands them to Kubernetes unchanged and never reads them.
 */
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

/** Go's error text for a pattern that does not compile. */
function goRegexpError(detail: string): string {
  return `error parsing regexp: ${detail}`;
}

/** Escapes Go accepts as classes or assertions outside `[…]`; `Q` starts quoted text. */
const goEscapesOutsideClass = new Set(['A', 'b', 'B', 'z', 'Q', 'E', 'd', 'D', 's', 'S', 'w', 'W', 'p', 'P']);
const goEscapesAnywhere = new Set([
  'd',
  'D',
  's',
  'S',
  'w',
  'W',
  'p',
  'P',
  'a',
  'f',
  'n',
  'r',
  't',
  'v',
  'x',
]);

/** Whether `name` is a Unicode class Go knows (`\pL`, `\p{Greek}`): JavaScript's tables stand in. */
function isUnicodeClassName(name: string): boolean {
  for (const form of [name, `Script=${name}`]) {
    try {
      new RegExp(`\\p{${form}}`, 'u');
      return true;
    } catch {
      // try the next form
    }
  }
  return name === 'Any';
}

/**
 * One escape of a Go regexp starting at `at` (the backslash): Go's error text, or the
 * JavaScript text to use and where the escape ends.
 */
function checkGoEscape(pattern: string, at: number, inClass: boolean): string | { js: string; end: number } {
  const c = pattern[at + 1];
  if (c === undefined) return 'trailing backslash at end of expression: ``';
  const code = c.charCodeAt(0);
  if (code < 128 && !/[A-Za-z0-9]/.test(c)) return { js: `\\${c}`, end: at + 2 };
  if (!inClass && c === 'Q') {
    const close = pattern.indexOf('\\E', at + 2);
    const text = close < 0 ? pattern.slice(at + 2) : pattern.slice(at + 2, close);
    return {
      js: text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'),
      end: close < 0 ? pattern.length : close + 2,
    };
  }
  if (c === 'p' || c === 'P') {
    const m = /^\\[pP](?:\{\^?([A-Za-z_ ]+)\}|([A-Za-z]))/.exec(pattern.slice(at));
    const name = m?.[1] ?? m?.[2];
    if (m === null || name === undefined || !isUnicodeClassName(name)) {
      return `invalid character class range: \`${m?.[0] ?? pattern.slice(at, at + 2)}\``;
    }
    return { js: m[0], end: at + m[0].length };
  }
  if (c === 'x') {
    const m = /^\\x(?:[0-9A-Fa-f]{2}|\{[0-9A-Fa-f]+\})/.exec(pattern.slice(at));
    if (m === null) return `invalid escape sequence: \`${pattern.slice(at, at + 4)}\``;
    return { js: m[0], end: at + m[0].length };
  }
  if (c === '0' || (/[1-7]/.test(c) && /[0-7]/.test(pattern[at + 2] ?? ''))) {
    // octal: up to three digits in all
    const m = /^\\[0-7]{1,3}/.exec(pattern.slice(at))!;
    return { js: m[0], end: at + m[0].length };
  }
  if ((inClass ? goEscapesAnywhere : new Set([...goEscapesAnywhere, ...goEscapesOutsideClass])).has(c)) {
    return { js: `\\${c}`, end: at + 2 };
  }
  return `invalid escape sequence: \`\\${c}\``;
}

/**
 * Checks that `pattern` compiles as a Go (RE2) regular expression; returns Go's error text or
 * undefined. RE2-only syntax (`(?P<name>`, inline flags anywhere, `(?i:…)`) is translated for
 * JavaScript's parser; constructs RE2 rejects but JavaScript accepts (look-around,
 * back-references, repeat counts over 1000) are rejected first, with Go's messages. Named
 * groups `(?<name>…)` are accepted, as Go 1.22+ (which upstream builds with) accepts them.
 */
export function checkGoRegexp(pattern: string): string | undefined {
  let js = '';
  let inClass = false;
  let classContentStart = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      // a class escape cannot end a range (`[a-\d]`)
      const classEscape = /[dDsSwWpP]/.test(pattern[i + 1] ?? '');
      if (inClass && classEscape && pattern[i - 1] === '-' && i - 1 > classContentStart) {
        return goRegexpError(`invalid escape sequence: \`\\${pattern[i + 1]!}\``);
      }
      const escape = checkGoEscape(pattern, i, inClass);
      if (typeof escape === 'string') return goRegexpError(escape);
      js += escape.js;
      i = escape.end - 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      js += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      js += c;
      // a ']' right after '[' or '[^' is a literal
      if (pattern[i + 1] === '^') {
        js += '^';
        i++;
      }
      classContentStart = i + 1;
      if (pattern[i + 1] === ']') {
        js += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i);
      for (const bad of ['(?=', '(?!', '(?<=', '(?<!']) {
        if (rest.startsWith(bad))
          return goRegexpError(`invalid or unsupported Perl syntax: \`${bad.slice(0, 3)}\``);
      }
      const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest);
      if (named !== null) {
        js += `(?<${named[1]!}>`;
        i += named[0].length - 1;
        continue;
      }
      const flags = /^\(\?-?[imsU]+(?:-[imsU]*)?([:)])/.exec(rest);
      if (flags !== null) {
        // flags change matching, not validity: keep a plain group, drop a bare flag setting
        if (flags[1] === ':') js += '(?:';
        i += flags[0].length - 1;
        continue;
      }
    }
    if (c === '{') {
      const count = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (count !== null && (Number(count[1]) > 1000 || Number(count[2] || 0) > 1000)) {
        return goRegexpError(`invalid repeat count: \`${count[0]}\``);
      }
    }
    js += c;
  }
  try {
    new RegExp(js);
    return undefined;
  } catch (err: unknown) {
    const detail = err instanceof Error ? err.message : String(err);
    return goRegexpError(`${detail}: \`${pattern}\``);
  }
}

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
