// Each event-source type's own validation rules: one row per rule, with upstream's exact
// message and the field path we attach to it. Configs go through the real codec first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWith } from '../../schema.js';
import {
  EVENT_SOURCE_DEFINITIONS,
  type EventSourceType,
  type EventSourceTypeDefinition,
} from '../registry.js';

interface Row {
  type: EventSourceType;
  name: string;
  config: Record<string, unknown>;
  /** Expected issues as `path: message`, paths relative to the event (`.` = the event itself). */
  expect: string[];
}

const secret = { name: 's', key: 'k' };
const hook = { endpoint: '/e', port: '12000' };
const tlsCa = { caCertSecret: secret };

const rows: Row[] = [
  // amqp
  {
    type: 'amqp',
    name: 'valid',
    config: { url: 'amqp://x', exchangeType: 'fanout', routingKey: 'r' },
    expect: [],
  },
  {
    type: 'amqp',
    name: 'nothing set',
    config: {},
    expect: [
      'url: either url or urlSecret must be specified',
      'routingKey: routing key must be specified',
      'exchangeType: exchange type must be specified',
    ],
  },
  {
    type: 'amqp',
    name: 'url and urlSecret',
    config: { url: 'amqp://x', urlSecret: secret, exchangeType: 'f', routingKey: 'r' },
    expect: ['urlSecret: only one of url or urlSecret can be specified'],
  },
  {
    type: 'amqp',
    name: 'bad tls hides a bad auth (upstream returns the tls result)',
    config: { url: 'u', exchangeType: 'f', routingKey: 'r', tls: {}, auth: {} },
    expect: [
      'tls: invalid tls config, please configure either caCertSecret, or clientCertSecret and clientKeySecret, or both',
    ],
  },
  {
    type: 'amqp',
    name: 'auth without password',
    config: { url: 'u', exchangeType: 'f', routingKey: 'r', auth: { username: secret } },
    expect: ['auth: password missing'],
  },
  // azureEventsHub
  { type: 'azureEventsHub', name: 'valid, AD auth', config: { fqdn: 'x', hubName: 'h' }, expect: [] },
  {
    type: 'azureEventsHub',
    name: 'key without key name',
    config: { fqdn: 'x', hubName: 'h', sharedAccessKey: secret },
    expect: [
      'sharedAccessKeyName: SharedAccessKey or SharedAccessKeyName is not specified. If one is set then both must be set',
    ],
  },
  {
    type: 'azureEventsHub',
    name: 'empty',
    config: {},
    expect: ['fqdn: FQDN is not specified', 'hubName: hub name/path is not specified'],
  },
  // azureQueueStorage
  {
    type: 'azureQueueStorage',
    name: 'valid',
    config: { storageAccountName: 'a', queueName: 'q' },
    expect: [],
  },
  {
    type: 'azureQueueStorage',
    name: 'empty',
    config: {},
    expect: ['.: must specify connection string or storageAccountName', 'queueName: must specify queue name'],
  },
  // azureServiceBus
  {
    type: 'azureServiceBus',
    name: 'valid queue',
    config: { connectionString: secret, queueName: 'q' },
    expect: [],
  },
  {
    type: 'azureServiceBus',
    name: 'valid topic',
    config: { fullyQualifiedNamespace: 'n', topicName: 't', subscriptionName: 's' },
    expect: [],
  },
  {
    type: 'azureServiceBus',
    name: 'queue and topic',
    config: { connectionString: secret, queueName: 'q', topicName: 't', subscriptionName: 's' },
    expect: ['.: QueueName and TopicName/SubscriptionName cannot be specified at the same time'],
  },
  {
    type: 'azureServiceBus',
    name: 'subscription only',
    config: { connectionString: secret, subscriptionName: 's' },
    expect: [
      '.: QueueName or TopicName/SubscriptionName must be specified',
      'topicName: TopicName must be specified when SubscriptionName is specified',
    ],
  },
  {
    type: 'azureServiceBus',
    name: 'topic only',
    config: { connectionString: secret, topicName: 't' },
    expect: [
      '.: QueueName or TopicName/SubscriptionName must be specified',
      'subscriptionName: SubscriptionName must be specified when TopicName is specified',
    ],
  },
  // bitbucket
  {
    type: 'bitbucket',
    name: 'valid with deprecated owner/slug',
    config: { owner: 'o', repositorySlug: 'r', webhook: hook },
    expect: [],
  },
  {
    type: 'bitbucket',
    name: 'hooks need events',
    config: {
      repositories: [{ owner: 'o', repositorySlug: 'r' }],
      auth: { oauthToken: secret },
      webhook: { ...hook, url: 'https://x' },
    },
    expect: ['events: events must be defined to create a bitbucket webhooks'],
  },
  {
    type: 'bitbucket',
    name: 'no repository, no webhook',
    config: {},
    expect: ['repositories: at least one repository is required', "webhook: webhook can't be nil"],
  },
  // bitbucketserver
  {
    type: 'bitbucketserver',
    name: 'valid',
    config: { bitbucketserverBaseURL: 'https://b', webhook: hook },
    expect: [],
  },
  {
    type: 'bitbucketserver',
    name: 'bad check interval',
    config: { bitbucketserverBaseURL: 'https://b', webhook: hook, checkInterval: '1d' },
    expect: [
      'checkInterval: failed to parse webhook check interval duration: time: unknown unit "d" in duration "1d"',
    ],
  },
  {
    type: 'bitbucketserver',
    name: 'hooks need events',
    config: {
      bitbucketserverBaseURL: 'https://b',
      projects: ['p'],
      accessToken: secret,
      webhook: { ...hook, url: 'https://x' },
    },
    expect: ['events: events must be defined to create a bitbucket server webhook'],
  },
  // calendar
  { type: 'calendar', name: 'valid schedule', config: { schedule: '*/5 * * * *' }, expect: [] },
  { type: 'calendar', name: 'valid interval', config: { interval: '1h30m' }, expect: [] },
  {
    type: 'calendar',
    name: 'bad schedule wins over a good interval',
    config: { schedule: '* * *', interval: '10s' },
    expect: [
      'schedule: failed to parse schedule * * * from calendar event. Cause: expected exactly 5 fields, found 3: [* * *]',
    ],
  },
  {
    type: 'calendar',
    name: 'descriptor',
    config: { schedule: '@daily' },
    expect: [
      'schedule: failed to parse schedule @daily from calendar event. Cause: parser does not accept descriptors: @daily',
    ],
  },
  {
    type: 'calendar',
    name: 'bad interval',
    config: { interval: '10' },
    expect: [
      'interval: failed to parse interval 10 from calendar event. Cause: time: missing unit in duration "10"',
    ],
  },
  // emitter
  { type: 'emitter', name: 'valid', config: { broker: 'b', channelKey: 'k', channelName: 'n' }, expect: [] },
  {
    type: 'emitter',
    name: 'empty with bad tls',
    config: { tls: { clientCertSecret: secret } },
    expect: [
      'broker: broker url must be specified',
      'channelName: channel name must be specified',
      'channelKey: channel key secret selector must be specified',
      'tls: invalid tls config, both clientCertSecret and clientKeySecret need to be configured',
    ],
  },
  // file
  {
    type: 'file',
    name: 'valid',
    config: { eventType: 'CREATE', watchPathConfig: { directory: '/d/', path: 'x' } },
    expect: [],
  },
  {
    type: 'file',
    name: 'relative directory',
    config: { eventType: 'CREATE', watchPathConfig: { directory: 'd', path: 'x' } },
    expect: ['watchPathConfig: directory must be an absolute file path'],
  },
  {
    type: 'file',
    name: 'empty',
    config: {},
    expect: ['eventType: type must be specified', 'watchPathConfig: directory is required'],
  },
  // generic
  { type: 'generic', name: 'valid', config: { url: 'h:1', config: 'c' }, expect: [] },
  {
    type: 'generic',
    name: 'empty',
    config: {},
    expect: ["url: server url can't be empty", "config: config can't be empty"],
  },
  // gerrit
  {
    type: 'gerrit',
    name: 'valid',
    config: { projects: ['p'], events: [], gerritBaseURL: 'https://g', auth: {}, webhook: hook },
    expect: [],
  },
  {
    type: 'gerrit',
    name: 'empty',
    config: {},
    expect: [
      'projects: projects cannot be empty',
      "events: events can't be empty",
      "gerritBaseURL: gerrit base url can't be empty",
      "auth: username and password can't be empty",
      "webhook: webhook can't be nil",
    ],
  },
  // github
  {
    type: 'github',
    name: 'valid organizations',
    config: { organizations: ['o'], webhook: hook },
    expect: [],
  },
  {
    type: 'github',
    name: 'repositories and organizations',
    config: { repositories: [{ owner: 'o', names: ['n'] }], organizations: ['o'], webhook: hook },
    expect: ['.: only one of repositories and organizations is allowed'],
  },
  {
    type: 'github',
    name: 'hooks need events; bad content type; base without upload URL',
    config: {
      owner: 'o',
      repository: 'r',
      apiToken: secret,
      contentType: 'xml',
      githubBaseURL: 'https://g/api',
      webhook: { ...hook, url: 'https://x' },
    },
    expect: [
      'events: events must be defined to create a github webhook',
      'contentType: content type must be "json" or "form"',
      'githubUploadURL: githubUploadURL is required when githubBaseURL is set',
    ],
  },
  {
    type: 'github',
    name: 'upload without base URL; bad port',
    config: { organizations: [], githubUploadURL: 'https://u', webhook: { endpoint: '/e', port: 'x1' } },
    expect: [
      'githubBaseURL: githubBaseURL is required when githubUploadURL is set',
      'webhook.port: failed to parse server port x1. err: strconv.Atoi: parsing "x1": invalid syntax',
    ],
  },
  // gitlab
  {
    type: 'gitlab',
    name: 'valid',
    config: { events: ['PushEvents'], gitlabBaseURL: 'https://g', accessToken: secret, webhook: hook },
    expect: [],
  },
  {
    type: 'gitlab',
    name: 'empty',
    config: {},
    expect: [
      "events: events can't be empty",
      "gitlabBaseURL: gitlab base url can't be empty",
      "accessToken: access token can't be nil",
      "webhook: webhook can't be nil",
    ],
  },
  // hdfs
  {
    type: 'hdfs',
    name: 'valid',
    config: { type: 'CREATE|WRITE', directory: '/d', path: 'x', addresses: ['a:8020'], hdfsUser: 'u' },
    expect: [],
  },
  {
    type: 'hdfs',
    name: 'bad type, interval and missing addresses/user',
    config: { type: 'MOVE', checkInterval: '5', directory: '/d', pathRegexp: '.*' },
    expect: [
      'type: type is invalid',
      'checkInterval: failed to parse interval',
      'addresses: addresses is required',
      '.: either hdfsUser, krbCCacheSecret or krbKeytabSecret is required',
    ],
  },
  {
    type: 'hdfs',
    name: 'keytab needs its companions',
    config: { type: 'CREATE', directory: '/d', path: 'x', addresses: ['a'], krbKeytabSecret: secret },
    expect: [
      '.: krbServicePrincipalName, krbConfigConfigMap, krbUsername and krbRealm are required with krbKeytabSecret',
    ],
  },
  {
    type: 'hdfs',
    name: 'ccache needs its companions',
    config: { type: 'CREATE', directory: '/d', path: 'x', addresses: ['a'], krbCCacheSecret: secret },
    expect: ['.: krbServicePrincipalName and krbConfigConfigMap are required with krbCCacheSecret'],
  },
  // kafka
  {
    type: 'kafka',
    name: 'valid partition mode',
    config: { url: 'k:9092', topic: 't', partition: '0' },
    expect: [],
  },
  {
    type: 'kafka',
    name: 'no partition nor group',
    config: { url: 'k', topic: 't' },
    expect: ['.: consumerGroup or partition must be specified'],
  },
  {
    type: 'kafka',
    name: 'bad sasl mechanism',
    config: {
      url: 'k',
      topic: 't',
      partition: '0',
      sasl: { mechanism: 'X', userSecret: secret, passwordSecret: secret },
    },
    expect: [
      'sasl: invalid sasl config. Possible values for SASL Mechanism are `OAUTHBEARER`, `PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512` and `GSSAPI`',
    ],
  },
  {
    type: 'kafka',
    name: 'good tls hides bad sasl (only the first present block is checked)',
    config: { url: 'k', topic: 't', partition: '0', tls: tlsCa, sasl: {} },
    expect: [],
  },
  // minio
  {
    type: 'minio',
    name: 'valid',
    config: {
      endpoint: 'm:9000',
      bucket: { name: 'b' },
      accessKey: secret,
      secretKey: secret,
      events: ['s3:ObjectCreated:Put'],
    },
    expect: [],
  },
  {
    type: 'minio',
    name: 'empty event name, no bucket',
    config: { endpoint: 'm', accessKey: secret, secretKey: secret, events: [''] },
    expect: ["bucket.name: bucket name can't be empty", 'events[0]: unknown event '],
  },
  // mns
  { type: 'mns', name: 'valid', config: { queue: 'q', endpoint: 'http://e' }, expect: [] },
  // mqtt
  { type: 'mqtt', name: 'valid', config: { url: 'tcp://m:1883', topic: 't', clientId: 'c' }, expect: [] },
  {
    type: 'mqtt',
    name: 'no client id, auth without username',
    config: { url: 'u', topic: 't', auth: { password: secret } },
    expect: ['clientId: client id must be specified', 'auth: username missing'],
  },
  // nats
  {
    type: 'nats',
    name: 'valid with queue',
    config: { url: 'nats://n', subject: 's', queue: 'g' },
    expect: [],
  },
  {
    type: 'nats',
    name: 'empty queue',
    config: { url: 'nats://n', subject: 's', queue: '' },
    expect: ['queue: queue group cannot be empty if specified'],
  },
  {
    type: 'nats',
    name: 'empty queue is not checked when tls is set (upstream)',
    config: { url: 'nats://n', subject: 's', queue: '', tls: tlsCa },
    expect: [],
  },
  // nsq
  {
    type: 'nsq',
    name: 'empty',
    config: {},
    expect: [
      'hostAddress: host address must be specified',
      'topic: topic must be specified',
      'channel: channel must be specified',
    ],
  },
  // pubSub
  { type: 'pubSub', name: 'valid subscription', config: { subscriptionID: 's' }, expect: [] },
  {
    type: 'pubSub',
    name: 'topicProjectID without topic',
    config: { topicProjectID: 'p', subscriptionID: 's' },
    expect: ["topicProjectID: you can't specify topicProjectID if you don't specify topic"],
  },
  // pulsar
  { type: 'pulsar', name: 'valid', config: { topics: ['t'], url: 'pulsar://p', type: 'shared' }, expect: [] },
  {
    type: 'pulsar',
    name: 'empty type is rejected',
    config: { topics: [], url: 'pulsar://p' },
    expect: ['type: subscription type must be either exclusive or shared'],
  },
  // redis
  { type: 'redis', name: 'valid', config: { hostAddress: 'r:6379', channels: ['c'] }, expect: [] },
  {
    type: 'redis',
    name: 'password without namespace',
    config: { hostAddress: 'r', channels: [], password: secret },
    expect: ['namespace: namespace must be defined in order to retrieve the password from the secret'],
  },
  {
    type: 'redis',
    name: 'no channels',
    config: { hostAddress: 'r' },
    expect: ['channels: channel/s must be specified'],
  },
  // redisStream
  {
    type: 'redisStream',
    name: 'no streams',
    config: { hostAddress: 'r' },
    expect: ['streams: stream/streams must be specified'],
  },
  // resource
  {
    type: 'resource',
    name: 'valid',
    config: { version: 'v1', resource: 'pods', eventTypes: ['ADD'] },
    expect: [],
  },
  {
    type: 'resource',
    name: 'selector without key',
    config: {
      version: 'v1',
      resource: 'pods',
      eventTypes: [],
      filter: { labels: [{ key: 'a' }, { value: 'x' }], fields: [{ operation: '==' }] },
    },
    expect: [
      "filter.labels[1].key: key can't be empty for selector",
      "filter.fields[0].key: key can't be empty for selector",
    ],
  },
  {
    type: 'resource',
    name: 'empty',
    config: {},
    expect: [
      'version: version must be specified',
      'resource: resource must be specified',
      'eventTypes: event types must be specified',
    ],
  },
  // sftp
  {
    type: 'sftp',
    name: 'both path and pathRegexp',
    config: { eventType: 'CREATE', watchPathConfig: { directory: '/d', path: 'a', pathRegexp: 'b' } },
    expect: ['watchPathConfig: path and pathRegexp cannot be specified together'],
  },
  // slack
  {
    type: 'slack',
    name: 'valid',
    config: { token: secret, signingSecret: secret, webhook: hook },
    expect: [],
  },
  {
    type: 'slack',
    name: 'no signing secret, no port',
    config: { token: secret, webhook: { endpoint: '/e' } },
    expect: ['signingSecret: signingSecret not provided', "webhook.port: port can't be empty"],
  },
  // sns
  {
    type: 'sns',
    name: 'no region, no endpoint',
    config: { topicArn: 'arn', webhook: { port: '1' } },
    expect: ['region: must specify region', "webhook.endpoint: endpoint can't be empty"],
  },
  // sqs
  { type: 'sqs', name: 'valid', config: { region: 'r', queue: 'q' }, expect: [] },
  { type: 'sqs', name: 'no region', config: { queue: 'q' }, expect: ['region: must specify region'] },
  // storageGrid
  {
    type: 'storageGrid',
    name: 'valid',
    config: { topicArn: 't', apiURL: 'https://a', authToken: secret, bucket: 'b', events: [], webhook: hook },
    expect: [],
  },
  {
    type: 'storageGrid',
    name: 'missing bucket and events',
    config: { topicArn: 't', apiURL: 'https://a', authToken: secret, webhook: hook },
    expect: ['bucket: bucket name must be provided', 'events: event types must be provided'],
  },
  // stripe
  { type: 'stripe', name: 'valid', config: { webhook: hook }, expect: [] },
  // webhook
  { type: 'webhook', name: 'valid without method (method is not validated)', config: hook, expect: [] },
  {
    type: 'webhook',
    name: 'port out of int64 range',
    config: { endpoint: '/e', port: '99999999999999999999' },
    expect: [
      'port: failed to parse server port 99999999999999999999. err: strconv.Atoi: parsing "99999999999999999999": value out of range',
    ],
  },
  {
    type: 'webhook',
    name: 'signed port parses like Atoi',
    config: { endpoint: '/e', port: '+80' },
    expect: [],
  },
];

const base = 'spec.t.ev';

for (const row of rows) {
  void test(`${row.type}: ${row.name}`, () => {
    const definition = EVENT_SOURCE_DEFINITIONS[row.type] as EventSourceTypeDefinition<unknown>;
    const decoded = decodeWith(definition.codec, row.config, base);
    assert.deepEqual(decoded.errors, []);
    const issues = definition.validate(decoded.value, base);
    const got = issues.map((i) => {
      const rel = i.path === base ? '.' : i.path.slice(base.length + 1);
      return `${rel}: ${i.message}`;
    });
    assert.deepEqual(got, row.expect);
  });
}

void test('every type has at least one row', () => {
  const covered = new Set(rows.map((r) => r.type));
  assert.deepEqual(
    Object.keys(EVENT_SOURCE_DEFINITIONS).filter((t) => !covered.has(t as EventSourceType)),
    [],
  );
});
