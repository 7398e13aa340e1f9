/** What a filter kind decided, with the reasons a user reads in `argus explain` and the UI. */
export interface KindVerdict {
  /** Whether the kind passed. */
  readonly pass: boolean;
  /** Upstream's error text (`data filter error (path 'x' does not exist)`), if any. */
  readonly error?: string;
  /** One line per filter looked at: what was read, what was compared, the outcome. */
  readonly reasons: readonly string[];
}

export type LogicalOperator = 'and' | 'or';

/** `""`/`and` ⇒ and; `or` ⇒ or (validation rejects anything else; treated as and here, as upstream). */
export function operatorOf(op: string | undefined): LogicalOperator {
  return op === 'or' ? 'or' : 'and';
}

export const errMsg = (kind: string, msg: string): string => `${kind} filter error (${msg})`;
export const multiErrMsg = (kind: string, msgs: readonly string[]): string =>
  `${kind} filter errors [${msgs.join(' / ')}]`;
