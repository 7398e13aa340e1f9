/** The per-type trigger validators, one per trigger type key (the compiler reports a missing one). */
import type { TriggerType } from '../types.js';
import { validateArgoWorkflowTrigger } from './argo-workflow.js';
import { validateAwsLambdaTrigger } from './aws-lambda.js';
import { validateAzureEventHubsTrigger } from './azure-event-hubs.js';
import { validateAzureServiceBusTrigger } from './azure-service-bus.js';
import { validateCustomTrigger } from './custom.js';
import { validateEmailTrigger } from './email.js';
import { validateHttpTrigger } from './http.js';
import { validateK8sTrigger } from './k8s.js';
import { validateKafkaTrigger } from './kafka.js';
import { validateLogTrigger } from './log.js';
import { validateNatsTrigger } from './nats.js';
import { validateOpenWhiskTrigger } from './open-whisk.js';
import { validatePulsarTrigger } from './pulsar.js';
import { validateSlackTrigger } from './slack.js';
import type { TriggerValidator } from './trigger-validator.js';

export type { TriggerValidator } from './trigger-validator.js';

export const triggerValidators = {
  k8s: validateK8sTrigger,
  argoWorkflow: validateArgoWorkflowTrigger,
  http: validateHttpTrigger,
  awsLambda: validateAwsLambdaTrigger,
  custom: validateCustomTrigger,
  kafka: validateKafkaTrigger,
  nats: validateNatsTrigger,
  slack: validateSlackTrigger,
  openWhisk: validateOpenWhiskTrigger,
  log: validateLogTrigger,
  azureEventHubs: validateAzureEventHubsTrigger,
  pulsar: validatePulsarTrigger,
  azureServiceBus: validateAzureServiceBusTrigger,
  email: validateEmailTrigger,
} satisfies { [K in TriggerType]: TriggerValidator<K> };
