/**
 * The error model of Argus: one base class with a stable `code`, a `retryable`
 * flag decided by the code that creates the error, and a `cause` whenever an
 * error is wrapped. Every code is listed in docs/errors.md; a test keeps the two
 * in step. A retired code is never reused.
 */

/** Every error code Argus emits. Keep docs/errors.md in step (test/errors-doc.test.ts). */
export const ErrorCodes = {
  /** A manifest or request failed validation. */
  VALIDATION: 'ARGUS_VALIDATION',
  /** Settings (flags, environment, files) are missing or contradictory. */
  CONFIG: 'ARGUS_CONFIG',
  /** A manifest file could not be read or parsed. */
  LOAD: 'ARGUS_LOAD',
  /** The event bus is closed; no more publishes or subscriptions. */
  BUS_CLOSED: 'ARGUS_BUS_CLOSED',
  /** The event bus could not store or deliver an event. */
  BUS_UNAVAILABLE: 'ARGUS_BUS_UNAVAILABLE',
  /** A stored record failed its checksum or could not be decoded. */
  BUS_CORRUPT: 'ARGUS_BUS_CORRUPT',
  /** An event source failed. */
  SOURCE: 'ARGUS_SOURCE',
  /** A trigger failed. */
  TRIGGER: 'ARGUS_TRIGGER',
  /** A trigger did not answer in time. */
  TRIGGER_TIMEOUT: 'ARGUS_TRIGGER_TIMEOUT',
  /** A path, template, expression or schedule could not be parsed or evaluated. */
  EXPRESSION: 'ARGUS_EXPRESSION',
  /** A Lua or jq script failed or exceeded its budget. */
  SCRIPT: 'ARGUS_SCRIPT',
  /** An operation was called in a state that does not allow it (second start, use after close). */
  ILLEGAL_STATE: 'ARGUS_ILLEGAL_STATE',
  /** An operation did not finish before its deadline. */
  TIMEOUT: 'ARGUS_TIMEOUT',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface ArgusErrorOptions {
  /** The error being wrapped. */
  cause?: unknown;
  /** Whether retrying the same operation may succeed. @default false */
  retryable?: boolean;
}

/** Base class of every error Argus throws on purpose. */
export class ArgusError extends Error {
  override name = 'ArgusError';
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: ArgusErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** One problem found while validating a resource, located by file, resource and field path. */
export interface Issue {
  /** The file the resource came from, as given by the user. */
  file?: string;
  /** `Kind/name`, for example `Sensor/webhook`. */
  resource?: string;
  /** Field path inside the resource, for example `spec.triggers[0].template.http.url`. */
  path: string;
  /** Lower-case message saying what is wrong. */
  message: string;
}

/** Formats an issue the way the CLI prints it: `file: Kind/name: path: message`. */
export function formatIssue(issue: Issue): string {
  return [issue.file, issue.resource, issue.path, issue.message]
    .filter((p) => p !== undefined && p !== '')
    .join(': ');
}

/** Every validation problem of one or more resources, thrown once after all were collected. */
export class ValidationError extends ArgusError {
  override name = 'ValidationError';
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[], options: ArgusErrorOptions = {}) {
    super(ErrorCodes.VALIDATION, issues.map(formatIssue).join('\n') || 'validation failed', options);
    this.issues = issues;
  }
}

export class ConfigError extends ArgusError {
  override name = 'ConfigError';
  constructor(message: string, options: ArgusErrorOptions = {}) {
    super(ErrorCodes.CONFIG, message, options);
  }
}

export class LoadError extends ArgusError {
  override name = 'LoadError';
  readonly file: string;
  constructor(file: string, message: string, options: ArgusErrorOptions = {}) {
    super(ErrorCodes.LOAD, `${file}: ${message}`, options);
    this.file = file;
  }
}

export class BusError extends ArgusError {
  override name = 'BusError';
  readonly subject: string | undefined;
  constructor(
    code: typeof ErrorCodes.BUS_CLOSED | typeof ErrorCodes.BUS_UNAVAILABLE | typeof ErrorCodes.BUS_CORRUPT,
    message: string,
    options: ArgusErrorOptions & { subject?: string } = {},
  ) {
    super(code, message, options);
    this.subject = options.subject;
  }
}

export class SourceError extends ArgusError {
  override name = 'SourceError';
  readonly eventSourceName: string | undefined;
  readonly eventName: string | undefined;
  constructor(
    message: string,
    options: ArgusErrorOptions & { eventSourceName?: string; eventName?: string } = {},
  ) {
    super(ErrorCodes.SOURCE, message, options);
    this.eventSourceName = options.eventSourceName;
    this.eventName = options.eventName;
  }
}

export class TriggerError extends ArgusError {
  override name = 'TriggerError';
  readonly triggerName: string | undefined;
  constructor(
    message: string,
    options: ArgusErrorOptions & {
      triggerName?: string;
      code?: typeof ErrorCodes.TRIGGER | typeof ErrorCodes.TRIGGER_TIMEOUT;
    } = {},
  ) {
    super(options.code ?? ErrorCodes.TRIGGER, message, options);
    this.triggerName = options.triggerName;
  }
}

/** A path, template, expression or schedule that cannot be parsed or evaluated. */
export class ExpressionError extends ArgusError {
  override name = 'ExpressionError';
  constructor(message: string, options: ArgusErrorOptions = {}) {
    super(ErrorCodes.EXPRESSION, message, options);
  }
}

export class ScriptError extends ArgusError {
  override name = 'ScriptError';
  constructor(message: string, options: ArgusErrorOptions = {}) {
    super(ErrorCodes.SCRIPT, message, options);
  }
}

export class IllegalStateError extends ArgusError {
  override name = 'IllegalStateError';
  constructor(message: string, options: ArgusErrorOptions = {}) {
    super(ErrorCodes.ILLEGAL_STATE, message, options);
  }
}

export class TimeoutError extends ArgusError {
  override name = 'TimeoutError';
  constructor(message: string, options: ArgusErrorOptions = {}) {
    super(ErrorCodes.TIMEOUT, message, { retryable: true, ...options });
  }
}

/** Narrows an unknown thrown value to a message for logs and answers. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
