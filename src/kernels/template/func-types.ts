/**
 * How template functions are described: Go parameter types drive the argument checks and
 * constant conversions of text/template's `evalCall`/`evalArg`/`validateType`.
 */

/**
 * A Go type as the checks need it, spelled as Go's reflect prints it:
 * `interface {}` accepts anything, `reflect.Value` is a builtin's raw argument (missing stays
 * missing), `string`, `int`, `int64`, `float64`, `bool`, `time.Time`, `[]interface {}`,
 * `map[string]interface {}`, `[]string`, ...
 */
export type ParamType = string;

export const ANY: ParamType = 'interface {}';
export const VALUE: ParamType = 'reflect.Value';

/** A function callable from a template. */
export interface GoFunc {
  /** Fixed parameters. */
  readonly params: readonly ParamType[];
  /** Element type of a trailing `...` parameter. */
  readonly variadic?: ParamType;
  /** True when the Go result type is `interface {}` (results are then boxed interfaces). */
  readonly returnsAny?: boolean;
  /** The implementation; throws {@link GoError} for an error result or a panic. */
  readonly fn: (...args: unknown[]) => unknown;
}

/** An error returned (or a panic raised) by a template function: `error calling NAME: <message>`. */
export class GoError extends Error {
  override name = 'GoError';
}

/** Builds a {@link GoFunc}. */
export function goFunc(
  params: readonly ParamType[],
  fn: (...args: never[]) => unknown,
  options: { variadic?: ParamType; returnsAny?: boolean } = {},
): GoFunc {
  return { params, fn: fn as (...args: unknown[]) => unknown, ...options };
}

export type FuncMap = ReadonlyMap<string, GoFunc>;
