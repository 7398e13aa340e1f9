/** Upstream `EventSourceFilter`: the source-side `filter.expression` of most event types. */
import { object, string, type Infer } from '../schema.js';

/** `filter: {expression}`: an expr-lang boolean expression evaluated over the event data. */
export const EventSourceFilterCodec = object({
  /** Events for which this evaluates to `false` (or fails) are dropped before publishing. */
  expression: string(),
});
export type EventSourceFilter = Infer<typeof EventSourceFilterCodec>;
