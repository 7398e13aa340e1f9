/** `filters.context` (`filters.md` §6): exact equality of the non-empty type/subject/source/datacontenttype. */
import type { EventContext } from '../../api/sensor/index.js';
import type { Event } from '../event.js';
import type { KindVerdict } from './verdict.js';

const compared = ['type', 'subject', 'source', 'datacontenttype'] as const;

/** Evaluates a context filter; never errors. */
export function evaluateContextFilter(filter: EventContext | undefined, event: Event): KindVerdict {
  if (filter === undefined) return { pass: true, reasons: [] };
  const reasons: string[] = [];
  let pass = true;
  for (const k of compared) {
    const want = filter[k] ?? '';
    if (want === '') continue;
    const got = event.context[k];
    const ok = want === got;
    pass &&= ok;
    reasons.push(
      `context.${k}: event has ${JSON.stringify(got)}, filter wants ${JSON.stringify(want)}: ${ok ? 'passes' : 'fails'}`,
    );
  }
  if (reasons.length === 0) reasons.push('context: no attribute set, passes');
  return { pass, reasons };
}
