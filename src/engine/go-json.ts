/**
 * JSON text as Go's `encoding/json` writes it, which is what upstream stores, sends and compares
 * (kernels/go/json.ts), with the engine's choices: the values here come from decoded events, so a
 * lone surrogate stands for the U+FFFD Go's decoder would have put there and is written as that
 * character; object properties holding `undefined` are left out; `\b` and `\f` are written
 * `\u0008` and `\u000c`.
 */
import { marshalJSON, quoteJSONString, type MarshalJSONOptions } from '../kernels/go/json.js';

const engineJSON: MarshalJSONOptions = {
  shortBackspaceFormFeed: false,
  loneSurrogate: 'character',
  omitUndefined: true,
};

/** Quotes a string the way Go's encoding/json does. */
export function quoteGoString(s: string): string {
  return quoteJSONString(s, engineJSON);
}

/**
 * Serialises a value (as JSON.parse or a transform returns it) like Go's json.Marshal of the
 * equivalent `interface{}`: map keys sorted byte-wise, numbers in Go's float64 form.
 * @throws ExpressionError `json: unsupported value: NaN` (or `+Inf`, `-Inf`), as Go's encoder does.
 */
export function marshalGoJSON(value: unknown): string {
  return marshalJSON(value, engineJSON);
}
