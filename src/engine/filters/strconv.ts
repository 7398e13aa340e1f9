/** Go `strconv.ParseFloat` / `ParseBool` with Go's error messages, for filter values. */

const decimal = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Go `strconv.ParseFloat(s, 64)`; throws `strconv.ParseFloat: parsing "<s>": invalid syntax`. */
export function parseFloatStrict(s: string): number {
  if (decimal.test(s)) return Number(s);
  switch (s.toLowerCase()) {
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    case 'nan':
      return NaN;
  }
  throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
}

const trueValues = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const falseValues = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go `strconv.ParseBool`; throws `strconv.ParseBool: parsing "<s>": invalid syntax`. */
export function parseBoolStrict(s: string): boolean {
  if (trueValues.has(s)) return true;
  if (falseValues.has(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`);
}
