/**
 * The Sensor resource (upstream `pkg/apis/events/v1alpha1/sensor_types.go`), field for field
 * with upstream's names. Semantics: ../shared/spec/sensors.md, filters.md, parameters.md,
 * triggers.md.
 */
import {
  BackoffCodec,
  BasicAuthCodec,
  ConfigMapKeySelectorCodec,
  GithubAppCredsCodec,
  NATSAuthCodec,
  ObjectMetaCodec,
  S3ArtifactCodec,
  SASLConfigCodec,
  SecretKeySelectorCodec,
  StatusCodec,
  TemplateCodec,
  TLSConfigCodec,
  type Backoff,
} from '../common.js';
import {
  array,
  boolean,
  integer,
  json,
  lazy,
  object,
  record,
  string,
  type Codec,
  type Infer,
  type ObjectCodec,
} from '../schema.js';

// ---- dependencies ---------------------------------------------------------------------------

/** Upstream `EventContext`: CloudEvents context attributes (lower-case names). */
export const EventContextCodec = object({
  id: string(),
  source: string(),
  specversion: string(),
  type: string(),
  datacontenttype: string(),
  subject: string(),
  /** RFC 3339. */
  time: string(),
});
export type EventContext = Infer<typeof EventContextCodec>;

/** Upstream `TimeFilter`: `start` inclusive, `stop` exclusive, `HH:MM:SS` in `timezone`. */
export const TimeFilterCodec = object({
  start: string(),
  stop: string(),
  /** IANA zone name. @default "UTC" */
  timezone: string(),
});
export type TimeFilter = Infer<typeof TimeFilterCodec>;

/** Upstream `DataFilter`. */
export const DataFilterCodec = object({
  /** GJSON path into the event data. */
  path: string(),
  /** `string`, `number`, `bool` (not checked by validation). */
  type: string(),
  /** Accepted values, OR-ed; regular expressions for `string`. */
  value: array(string()),
  /** `>=`, `>`, `=`, `!=`, `<`, `<=`. @default "=" */
  comparator: string(),
  /** Go template applied to the value first (`.Input`). */
  template: string(),
});
export type DataFilter = Infer<typeof DataFilterCodec>;

/** Upstream `PayloadField`: binds an expression variable to a GJSON path. */
export const PayloadFieldCodec = object({ path: string(), name: string() });
export type PayloadField = Infer<typeof PayloadFieldCodec>;

/** Upstream `ExprFilter`. */
export const ExprFilterCodec = object({ expr: string(), fields: array(PayloadFieldCodec) });
export type ExprFilter = Infer<typeof ExprFilterCodec>;

/** Upstream `EventDependencyFilter`. */
export const EventDependencyFilterCodec = object({
  time: TimeFilterCodec,
  context: EventContextCodec,
  data: array(DataFilterCodec),
  exprs: array(ExprFilterCodec),
  /** `and` or `or` between data filters. @default "and" */
  dataLogicalOperator: string(),
  /** `and` or `or` between expression filters. @default "and" */
  exprLogicalOperator: string(),
  /** Lua script returning a boolean. */
  script: string(),
});
export type EventDependencyFilter = Infer<typeof EventDependencyFilterCodec>;

/** Upstream `EventDependencyTransformer`. */
export const EventDependencyTransformerCodec = object({ jq: string(), script: string() });
export type EventDependencyTransformer = Infer<typeof EventDependencyTransformerCodec>;

/** Upstream `EventDependency`. */
export const EventDependencyCodec = object({
  name: string(),
  eventSourceName: string(),
  eventName: string(),
  filters: EventDependencyFilterCodec,
  transform: EventDependencyTransformerCodec,
  /** `and` or `or` between filter kinds. @default "and" */
  filtersLogicalOperator: string(),
});
export type EventDependency = Infer<typeof EventDependencyCodec>;

// ---- parameters -----------------------------------------------------------------------------

/** Upstream `TriggerParameterSource`. */
export const TriggerParameterSourceCodec = object({
  dependencyName: string(),
  contextKey: string(),
  contextTemplate: string(),
  dataKey: string(),
  dataTemplate: string(),
  /** Default value (used when the key/template resolves nothing, or the event is missing). */
  value: string(),
  /** Write objects/arrays/numbers/booleans typed instead of as strings. @default false */
  useRawData: boolean(),
});
export type TriggerParameterSource = Infer<typeof TriggerParameterSourceCodec>;

/** Upstream `TriggerParameter`. */
export const TriggerParameterCodec = object({
  src: TriggerParameterSourceCodec,
  /** sjson path in the target document. */
  dest: string(),
  /** `overwrite`, `append`, `prepend` (empty = overwrite). */
  operation: string(),
});
export type TriggerParameter = Infer<typeof TriggerParameterCodec>;

const parameters = (): Codec<TriggerParameter[]> => array(TriggerParameterCodec);

// ---- artifacts (k8s and argoWorkflow sources) -----------------------------------------------

/** Upstream `FileArtifact`. */
export const FileArtifactCodec = object({ path: string() });
/** Upstream `URLArtifact`. */
export const URLArtifactCodec = object({ path: string(), verifyCert: boolean() });
/** Upstream `GitRemoteConfig`. */
export const GitRemoteConfigCodec = object({ name: string(), urls: array(string()) });
/** Upstream `GitCreds`. */
export const GitCredsCodec = object({ username: SecretKeySelectorCodec, password: SecretKeySelectorCodec });
/** Upstream `GitArtifact`. */
export const GitArtifactCodec = object({
  url: string(),
  cloneDirectory: string(),
  creds: GitCredsCodec,
  sshKeySecret: SecretKeySelectorCodec,
  filePath: string(),
  branch: string(),
  tag: string(),
  ref: string(),
  remote: GitRemoteConfigCodec,
  insecureIgnoreHostKey: boolean(),
  githubApp: GithubAppCredsCodec,
});
export type GitArtifact = Infer<typeof GitArtifactCodec>;

/** Upstream `ArtifactLocation`: where a k8s/argoWorkflow trigger's resource comes from. */
export const ArtifactLocationCodec = object({
  s3: S3ArtifactCodec,
  inline: string(),
  file: FileArtifactCodec,
  url: URLArtifactCodec,
  configmap: ConfigMapKeySelectorCodec,
  git: GitArtifactCodec,
  /** Upstream `K8SResource`: the Kubernetes object itself, kept as JSON. */
  resource: json(),
});
export type ArtifactLocation = Infer<typeof ArtifactLocationCodec>;

// ---- trigger types --------------------------------------------------------------------------

/** Upstream `ValueFromSource`. */
export const ValueFromSourceCodec = object({
  secretKeyRef: SecretKeySelectorCodec,
  configMapKeyRef: ConfigMapKeySelectorCodec,
});
/** Upstream `SecureHeader`. */
export const SecureHeaderCodec = object({ name: string(), valueFrom: ValueFromSourceCodec });
export type SecureHeader = Infer<typeof SecureHeaderCodec>;

/** Upstream `StandardK8STrigger`. */
export const StandardK8STriggerCodec = object({
  source: ArtifactLocationCodec,
  /** `create`, `update`, `patch`, `delete`. @default "create" */
  operation: string(),
  parameters: parameters(),
  /** `application/json-patch+json`, `application/merge-patch+json`, `application/strategic-merge-patch+json`, `application/apply-patch+yaml`. */
  patchStrategy: string(),
  liveObject: boolean(),
});
export type StandardK8STrigger = Infer<typeof StandardK8STriggerCodec>;

/** Upstream `ArgoWorkflowTrigger`. */
export const ArgoWorkflowTriggerCodec = object({
  source: ArtifactLocationCodec,
  /** `submit`, `submit-from`, `resubmit`, `resume`, `retry`, `suspend`, `terminate`, `stop`. @default "submit" */
  operation: string(),
  parameters: parameters(),
  args: array(string()),
});
export type ArgoWorkflowTrigger = Infer<typeof ArgoWorkflowTriggerCodec>;

/** Upstream `HTTPTrigger`. */
export const HTTPTriggerCodec = object({
  url: string(),
  payload: parameters(),
  tls: TLSConfigCodec,
  /** @default "POST" */
  method: string(),
  parameters: parameters(),
  /** Request timeout in seconds. @default 60 */
  timeout: integer('int64'),
  basicAuth: BasicAuthCodec,
  headers: record(string()),
  secureHeaders: array(SecureHeaderCodec),
  dynamicHeaders: parameters(),
  /** Overrides the Host header. */
  host: string(),
});
export type HTTPTrigger = Infer<typeof HTTPTriggerCodec>;

/** Upstream `AWSLambdaTrigger`. */
export const AWSLambdaTriggerCodec = object({
  functionName: string(),
  accessKey: SecretKeySelectorCodec,
  secretKey: SecretKeySelectorCodec,
  region: string(),
  payload: parameters(),
  parameters: parameters(),
  /** `RequestResponse`, `Event`, `DryRun`. @default "RequestResponse" */
  invocationType: string(),
  roleARN: string(),
});
export type AWSLambdaTrigger = Infer<typeof AWSLambdaTriggerCodec>;

/** Upstream `AzureEventHubsTrigger`. */
export const AzureEventHubsTriggerCodec = object({
  fqdn: string(),
  hubName: string(),
  sharedAccessKeyName: SecretKeySelectorCodec,
  sharedAccessKey: SecretKeySelectorCodec,
  payload: parameters(),
  parameters: parameters(),
});
export type AzureEventHubsTrigger = Infer<typeof AzureEventHubsTriggerCodec>;

/** Upstream `AzureServiceBusTrigger`. */
export const AzureServiceBusTriggerCodec = object({
  connectionString: SecretKeySelectorCodec,
  queueName: string(),
  topicName: string(),
  subscriptionName: string(),
  tls: TLSConfigCodec,
  payload: parameters(),
  parameters: parameters(),
});
export type AzureServiceBusTrigger = Infer<typeof AzureServiceBusTriggerCodec>;

/** Upstream `SchemaRegistryConfig`. */
export const SchemaRegistryConfigCodec = object({
  url: string(),
  schemaId: integer('int32'),
  auth: BasicAuthCodec,
});
export type SchemaRegistryConfig = Infer<typeof SchemaRegistryConfigCodec>;

/** Upstream `KafkaTrigger`. */
export const KafkaTriggerCodec = object({
  /** Comma-separated broker list. */
  url: string(),
  topic: string(),
  /** Deprecated upstream; ignored. */
  partition: integer('int32'),
  parameters: parameters(),
  /** 0 none, 1 leader, -1 all. @default 1 */
  requiredAcks: integer('int32'),
  compress: boolean(),
  /** Milliseconds between flushes. @default 500 */
  flushFrequency: integer('int32'),
  tls: TLSConfigCodec,
  payload: parameters(),
  partitioningKey: string(),
  version: string(),
  sasl: SASLConfigCodec,
  schemaRegistry: SchemaRegistryConfigCodec,
  headers: record(string()),
  secureHeaders: array(SecureHeaderCodec),
});
export type KafkaTrigger = Infer<typeof KafkaTriggerCodec>;

/** Upstream `PulsarTrigger`. */
export const PulsarTriggerCodec = object({
  url: string(),
  topic: string(),
  parameters: parameters(),
  payload: parameters(),
  tlsTrustCertsSecret: SecretKeySelectorCodec,
  tlsAllowInsecureConnection: boolean(),
  tlsValidateHostname: boolean(),
  tls: TLSConfigCodec,
  authTokenSecret: SecretKeySelectorCodec,
  connectionBackoff: BackoffCodec,
  authAthenzParams: record(string()),
  authAthenzSecret: SecretKeySelectorCodec,
});
export type PulsarTrigger = Infer<typeof PulsarTriggerCodec>;

/** Upstream `NATSTrigger`. */
export const NATSTriggerCodec = object({
  url: string(),
  subject: string(),
  payload: parameters(),
  parameters: parameters(),
  tls: TLSConfigCodec,
  auth: NATSAuthCodec,
});
export type NATSTrigger = Infer<typeof NATSTriggerCodec>;

/** Upstream `CustomTrigger` (gRPC trigger server). */
export const CustomTriggerCodec = object({
  serverURL: string(),
  secure: boolean(),
  certSecret: SecretKeySelectorCodec,
  serverNameOverride: string(),
  spec: record(string()),
  parameters: parameters(),
  payload: parameters(),
});
export type CustomTrigger = Infer<typeof CustomTriggerCodec>;

/** Upstream `EmailTrigger`. */
export const EmailTriggerCodec = object({
  parameters: parameters(),
  username: string(),
  smtpPassword: SecretKeySelectorCodec,
  host: string(),
  port: integer('int32'),
  to: array(string()),
  from: string(),
  subject: string(),
  body: string(),
});
export type EmailTrigger = Infer<typeof EmailTriggerCodec>;

/** Upstream `SlackSender`. */
export const SlackSenderCodec = object({ username: string(), icon: string() });
/** Upstream `SlackThread`. */
export const SlackThreadCodec = object({
  messageAggregationKey: string(),
  broadcastMessageToChannel: boolean(),
});
/** Upstream `SlackTrigger`. */
export const SlackTriggerCodec = object({
  parameters: parameters(),
  slackToken: SecretKeySelectorCodec,
  channel: string(),
  message: string(),
  /** JSON text of Slack attachments. */
  attachments: string(),
  /** JSON text of Slack blocks. */
  blocks: string(),
  thread: SlackThreadCodec,
  sender: SlackSenderCodec,
});
export type SlackTrigger = Infer<typeof SlackTriggerCodec>;

/** Upstream `OpenWhiskTrigger`. */
export const OpenWhiskTriggerCodec = object({
  host: string(),
  /** @default "v1" */
  version: string(),
  /** @default "_" */
  namespace: string(),
  authToken: SecretKeySelectorCodec,
  actionName: string(),
  payload: parameters(),
  parameters: parameters(),
});
export type OpenWhiskTrigger = Infer<typeof OpenWhiskTriggerCodec>;

/** Upstream `LogTrigger`. */
export const LogTriggerCodec = object({
  /** Log at most once per this many seconds (0 = every time). @default 0 */
  intervalSeconds: integer('uint64'),
});
export type LogTrigger = Infer<typeof LogTriggerCodec>;

// ---- trigger --------------------------------------------------------------------------------

/** Upstream `ConditionsResetByTime`. */
export const ConditionsResetByTimeCodec = object({
  /** 5-field cron expression. */
  cron: string(),
  /** @default "UTC" */
  timezone: string(),
});
/** Upstream `ConditionsResetCriteria`. */
export const ConditionsResetCriteriaCodec = object({ byTime: ConditionsResetByTimeCodec });
export type ConditionsResetCriteria = Infer<typeof ConditionsResetCriteriaCodec>;

/**
 * The trigger types, keyed by their manifest field. A trigger template sets exactly one of them
 * (upstream picks the first in this order when several are set).
 */
export const triggerTypeCodecs = {
  k8s: StandardK8STriggerCodec,
  argoWorkflow: ArgoWorkflowTriggerCodec,
  http: HTTPTriggerCodec,
  awsLambda: AWSLambdaTriggerCodec,
  custom: CustomTriggerCodec,
  kafka: KafkaTriggerCodec,
  nats: NATSTriggerCodec,
  slack: SlackTriggerCodec,
  openWhisk: OpenWhiskTriggerCodec,
  log: LogTriggerCodec,
  azureEventHubs: AzureEventHubsTriggerCodec,
  pulsar: PulsarTriggerCodec,
  azureServiceBus: AzureServiceBusTriggerCodec,
  email: EmailTriggerCodec,
} as const;
/** A trigger type key (`http`, `k8s`, …). */
export type TriggerType = keyof typeof triggerTypeCodecs;
/** The trigger type keys in upstream's order. */
export const triggerTypes = Object.keys(triggerTypeCodecs) as TriggerType[];

/** Upstream `TriggerTemplate`. */
export const TriggerTemplateCodec = object({
  name: string(),
  /** Boolean expression over dependency names (`dep1 && (dep2 || dep3)`); default: all with `&&`. */
  conditions: string(),
  conditionsReset: array(ConditionsResetCriteriaCodec),
  ...triggerTypeCodecs,
});
export type TriggerTemplate = Infer<typeof TriggerTemplateCodec>;

/** Upstream `K8SResourcePolicy`. */
export const K8SResourcePolicyCodec = object({
  labels: record(string()),
  backoff: BackoffCodec,
  errorOnBackoffTimeout: boolean(),
});
export type K8SResourcePolicy = Infer<typeof K8SResourcePolicyCodec>;

/** Upstream `StatusPolicy`: HTTP-ish status codes counted as success. */
export const StatusPolicyCodec = object({ allow: array(integer('int32')) });
export type StatusPolicy = Infer<typeof StatusPolicyCodec>;

/** Upstream `TriggerPolicy`. */
export const TriggerPolicyCodec = object({ k8s: K8SResourcePolicyCodec, status: StatusPolicyCodec });
export type TriggerPolicy = Infer<typeof TriggerPolicyCodec>;

/** Upstream `RateLimit`. */
export const RateLimitCodec = object({
  /** `Second`, `Minute`, `Hour`. @default "Second" */
  unit: string(),
  /** @default 1 */
  requestsPerUnit: integer('int32'),
});
export type RateLimit = Infer<typeof RateLimitCodec>;

/** Upstream `Trigger`. Written out because it is recursive (`dlqTrigger`). */
export interface Trigger {
  template?: TriggerTemplate;
  /** Parameters applied to the template itself. */
  parameters?: TriggerParameter[];
  policy?: TriggerPolicy;
  /** Retries of a failed trigger; absent = tried once. */
  retryStrategy?: Backoff;
  rateLimit?: RateLimit;
  /** Ack the events only after the trigger succeeded. @default false */
  atLeastOnce?: boolean;
  /** Trigger run with the same events when this one fails for good. */
  dlqTrigger?: Trigger;
}

const triggerShape = {
  template: TriggerTemplateCodec,
  parameters: parameters(),
  policy: TriggerPolicyCodec,
  retryStrategy: BackoffCodec,
  rateLimit: RateLimitCodec,
  atLeastOnce: boolean(),
  dlqTrigger: lazy((): Codec<Trigger> => TriggerCodec),
};
export const TriggerCodec: ObjectCodec<typeof triggerShape> = object(triggerShape);

// ---- sensor ---------------------------------------------------------------------------------

/** Upstream `SensorSpec`. */
export const SensorSpecCodec = object({
  dependencies: array(EventDependencyCodec),
  triggers: array(TriggerCodec),
  template: TemplateCodec,
  /** Mark the round failed (and the pod unhealthy) when any trigger fails. @default false */
  errorOnFailedRound: boolean(),
  /** @default "default" */
  eventBusName: string(),
  /** @default 1 */
  replicas: integer('int32'),
  revisionHistoryLimit: integer('int32'),
  loggingFields: record(string()),
});
export type SensorSpec = Infer<typeof SensorSpecCodec>;

/** A whole Sensor manifest. */
export const SensorCodec = object({
  apiVersion: string(),
  kind: string(),
  metadata: ObjectMetaCodec,
  spec: SensorSpecCodec,
  status: StatusCodec,
});
export type Sensor = Infer<typeof SensorCodec>;
