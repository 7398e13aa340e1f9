/** `azureServiceBus` event source (upstream `AzureServiceBusEventSource`, `sources/azureservicebus/validate.go`). */
import type { Issue } from '../../../shared/errors.js';
import { SecretKeySelectorCodec, TLSConfigCodec } from '../../common.js';
import { boolean, object, record, string, type Infer } from '../../schema.js';
import { EventSourceFilterCodec } from '../filter.js';
import { issueAt } from '../issue.js';

/** Upstream `AzureServiceBusEventSource`. */
export const AzureServiceBusEventSourceCodec = object({
  /** Either this or `fullyQualifiedNamespace` (Azure AD auth). */
  connectionString: SecretKeySelectorCodec,
  /** Either a queue, or a topic with a subscription. */
  queueName: string(),
  topicName: string(),
  subscriptionName: string(),
  tls: TLSConfigCodec,
  jsonBody: boolean(),
  metadata: record(string()),
  filter: EventSourceFilterCodec,
  fullyQualifiedNamespace: string(),
  /** Peek-lock and complete only after a successful dispatch. @default false */
  deferDelete: boolean(),
});
export type AzureServiceBusEventSource = Infer<typeof AzureServiceBusEventSourceCodec>;

/** Upstream's checks for one event, in upstream's order and with its messages; `path` locates the event. */
export function validateAzureServiceBus(es: AzureServiceBusEventSource, path: string): Issue[] {
  const issues: Issue[] = [];
  if (es.connectionString === undefined && (es.fullyQualifiedNamespace ?? '') === '') {
    issues.push(issueAt(path, undefined, 'ConnectionString or fullyQualifiedNamespace must be specified'));
  }
  const queue = es.queueName ?? '';
  const topic = es.topicName ?? '';
  const subscription = es.subscriptionName ?? '';
  // The four destination rules overlap; upstream reports the first that applies.
  if (queue === '' && (topic === '' || subscription === '')) {
    issues.push(issueAt(path, undefined, 'QueueName or TopicName/SubscriptionName must be specified'));
  } else if (queue !== '' && (topic !== '' || subscription !== '')) {
    issues.push(
      issueAt(
        path,
        undefined,
        'QueueName and TopicName/SubscriptionName cannot be specified at the same time',
      ),
    );
  }
  if (topic === '' && subscription !== '') {
    issues.push(issueAt(path, 'topicName', 'TopicName must be specified when SubscriptionName is specified'));
  } else if (topic !== '' && subscription === '') {
    issues.push(
      issueAt(path, 'subscriptionName', 'SubscriptionName must be specified when TopicName is specified'),
    );
  }
  return issues;
}
