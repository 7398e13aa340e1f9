/** gjson `Valid`: strict JSON syntax check (one value, optional surrounding whitespace). */

function isWS(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Position after the value at `i`, or -1 when it is not valid JSON. */
function validAny(d: string, i: number): number {
  for (; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (isWS(c)) continue;
    switch (c) {
      case 123:
        return validObject(d, i + 1);
      case 91:
        return validArray(d, i + 1);
      case 34:
        return validString(d, i + 1);
      case 116:
        return d.startsWith('true', i) ? i + 4 : -1;
      case 102:
        return d.startsWith('false', i) ? i + 5 : -1;
      case 110:
        return d.startsWith('null', i) ? i + 4 : -1;
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return validNumber(d, i);
        return -1;
    }
  }
  return -1;
}

function skipWS(d: string, i: number): number {
  while (i < d.length && isWS(d.charCodeAt(i))) i++;
  return i;
}

function validObject(d: string, i: number): number {
  i = skipWS(d, i);
  if (i >= d.length) return -1;
  if (d.charCodeAt(i) === 125) return i + 1;
  for (;;) {
    if (d.charCodeAt(i) !== 34) return -1;
    i = validString(d, i + 1);
    if (i < 0) return -1;
    i = skipWS(d, i);
    if (d.charCodeAt(i) !== 58) return -1;
    i = validAny(d, i + 1);
    if (i < 0) return -1;
    i = skipWS(d, i);
    if (i >= d.length) return -1;
    const c = d.charCodeAt(i);
    if (c === 125) return i + 1;
    if (c !== 44) return -1;
    i = skipWS(d, i + 1);
    if (i >= d.length) return -1;
  }
}

function validArray(d: string, i: number): number {
  i = skipWS(d, i);
  if (i >= d.length) return -1;
  if (d.charCodeAt(i) === 93) return i + 1;
  for (;;) {
    i = validAny(d, i);
    if (i < 0) return -1;
    i = skipWS(d, i);
    if (i >= d.length) return -1;
    const c = d.charCodeAt(i);
    if (c === 93) return i + 1;
    if (c !== 44) return -1;
    i++;
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function validString(d: string, i: number): number {
  for (; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c < 32) return -1;
    if (c === 92) {
      i++;
      if (i >= d.length) return -1;
      switch (d.charCodeAt(i)) {
        case 34:
        case 92:
        case 47:
        case 98:
        case 102:
        case 110:
        case 114:
        case 116:
          break;
        case 117:
          for (let j = 0; j < 4; j++) {
            i++;
            if (i >= d.length || !isHex(d.charCodeAt(i))) return -1;
          }
          break;
        default:
          return -1;
      }
    } else if (c === 34) return i + 1;
  }
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function validNumber(d: string, i: number): number {
  if (d.charCodeAt(i) === 45) {
    i++;
    if (i >= d.length || !isDigit(d.charCodeAt(i))) return -1;
  }
  if (i >= d.length) return -1;
  if (d.charCodeAt(i) === 48) i++;
  else while (i < d.length && isDigit(d.charCodeAt(i))) i++;
  if (i >= d.length) return i;
  if (d.charCodeAt(i) === 46) {
    i++;
    if (i >= d.length || !isDigit(d.charCodeAt(i))) return -1;
    while (i < d.length && isDigit(d.charCodeAt(i))) i++;
  }
  if (i >= d.length) return i;
  const e = d.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    if (i >= d.length) return -1;
    const s = d.charCodeAt(i);
    if (s === 43 || s === 45) i++;
    if (i >= d.length || !isDigit(d.charCodeAt(i))) return -1;
    while (i < d.length && isDigit(d.charCodeAt(i))) i++;
  }
  return i;
}

/** Whether `json` is one valid JSON value (gjson `Valid`). */
export function valid(json: string): boolean {
  const i = validAny(json, 0);
  if (i < 0) return false;
  return skipWS(json, i) === json.length;
}
