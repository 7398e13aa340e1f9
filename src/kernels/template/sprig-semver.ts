/**
 * sprig's `semver` and `semverCompare` (Masterminds/semver v3 as packaged with sprig 3.2.3):
 * version parsing, `*Version` methods, and constraint checks (`^ ~ > >= < <= = != || ,`,
 * wildcards, hyphen ranges).
 */
import { GoError, goFunc, type GoFunc } from './func-types.js';
import { GoInt, type GoStringer } from './values.js';

const semVerRe =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

const UINT64_MAX = 2n ** 64n - 1n;

export class SemVersion implements GoStringer {
  readonly goType = '*semver.Version';
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly metadata: string,
    readonly original: string,
  ) {}
  goString(): string {
    let s = `${this.major}.${this.minor}.${this.patch}`;
    if (this.pre !== '') s += '-' + this.pre;
    if (this.metadata !== '') s += '+' + this.metadata;
    return s;
  }
  method(name: string): ((...args: unknown[]) => unknown) | undefined {
    switch (name) {
      case 'Major':
        return () => new GoInt('uint64', this.major);
      case 'Minor':
        return () => new GoInt('uint64', this.minor);
      case 'Patch':
        return () => new GoInt('uint64', this.patch);
      case 'Prerelease':
        return () => this.pre;
      case 'Metadata':
        return () => this.metadata;
      case 'Original':
        return () => this.original;
      case 'String':
        return () => this.goString();
    }
    return undefined;
  }
}

function parseSeg(s: string): bigint {
  const v = BigInt(s);
  if (v > UINT64_MAX)
    throw new GoError(`Error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`);
  return v;
}

/** semver.NewVersion. */
export function newVersion(v: string): SemVersion {
  const m = semVerRe.exec(v);
  if (m === null) throw new GoError('Invalid Semantic Version');
  const pre = m[5] ?? '';
  const meta = m[8] ?? '';
  const sv = new SemVersion(
    parseSeg(m[1] as string),
    m[2] !== undefined ? parseSeg(m[2].slice(1)) : 0n,
    m[3] !== undefined ? parseSeg(m[3].slice(1)) : 0n,
    pre,
    meta,
    v,
  );
  if (pre !== '') {
    for (const p of pre.split('.')) {
      if (/^[0-9]+$/.test(p)) {
        if (p.length > 1 && p[0] === '0') throw new GoError('Version segment starts with 0');
      } else if (!/^[0-9A-Za-z-]*$/.test(p)) throw new GoError('Invalid Prerelease string');
    }
  }
  if (meta !== '') {
    for (const p of meta.split('.'))
      if (!/^[0-9A-Za-z-]*$/.test(p)) throw new GoError('Invalid Metadata string');
  }
  return sv;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return s !== '' ? 1 : -1;
  const oNum = /^[0-9]+$/.test(o);
  const sNum = /^[0-9]+$/.test(s);
  if (!oNum && !sNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  const l = Math.max(sp.length, op.length);
  for (let i = 0; i < l; i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function compare(v: SemVersion, o: SemVersion): number {
  return (
    cmp(v.major, o.major) ||
    cmp(v.minor, o.minor) ||
    cmp(v.patch, o.patch) ||
    (v.pre === '' && o.pre === ''
      ? 0
      : v.pre === ''
        ? 1
        : o.pre === ''
          ? -1
          : comparePrerelease(v.pre, o.pre))
  );
}

interface Constraint {
  con: SemVersion;
  orig: string;
  op: string;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}

const cv = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const ops = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const sp = '[\\t\\n\\f\\r ]';
const constraintRe = new RegExp(`^${sp}*(${ops})${sp}*(${cv})${sp}*$`);
const rangeRe = new RegExp(`${sp}*(${cv})${sp}+-${sp}+(${cv})${sp}*`, 'g');
const findRe = new RegExp(`(${ops})${sp}*(${cv})`, 'g');
const validRe = new RegExp(
  `^(${sp}*(${ops})${sp}*(${cv})${sp}*)((?:${sp}+|,${sp}*)(${ops})${sp}*(${cv})${sp}*)*$`,
);

const isX = (x: string | undefined): boolean => x === 'x' || x === '*' || x === 'X';

function parseConstraint(c: string): Constraint {
  if (c.length === 0) {
    return { con: newVersion('0.0.0'), orig: c, op: '', minorDirty: false, patchDirty: false, dirty: true };
  }
  const m = constraintRe.exec(c);
  if (m === null) throw new GoError(`improper constraint: ${c}`);
  let ver = m[2] as string;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  const m3 = m[3] ?? '';
  const m4 = m[4] ?? '';
  const m5 = m[5] ?? '';
  const m6 = m[6] ?? '';
  if (isX(m3) || m3 === '') {
    ver = `0.0.0${m6}`;
    dirty = true;
  } else if (isX(m4.replace(/^\./, '')) || m4 === '') {
    minorDirty = true;
    dirty = true;
    ver = `${m3}.0.0${m6}`;
  } else if (isX(m5.replace(/^\./, '')) || m5 === '') {
    dirty = true;
    patchDirty = true;
    ver = `${m3}${m4}.0${m6}`;
  }
  let con: SemVersion;
  try {
    con = newVersion(ver);
  } catch {
    throw new GoError('constraint Parser Error');
  }
  return { con, orig: m[2] as string, op: m[1] as string, minorDirty, patchDirty, dirty };
}

function check(v: SemVersion, c: Constraint): boolean {
  const preBlocked = v.pre !== '' && c.con.pre === '';
  const tilde = (): boolean => {
    if (preBlocked) return false;
    if (compare(v, c.con) < 0) return false;
    if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty)
      return true;
    if (v.major !== c.con.major) return false;
    if (v.minor !== c.con.minor && !c.minorDirty) return false;
    return true;
  };
  switch (c.op) {
    case '':
    case '=':
      if (preBlocked) return false;
      if (c.dirty) return tilde();
      return compare(v, c.con) === 0;
    case '!=':
      if (c.dirty) {
        if (preBlocked) return false;
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (c.con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
          return false;
        }
      }
      return compare(v, c.con) !== 0;
    case '>':
      if (preBlocked) return false;
      if (!c.dirty) return compare(v, c.con) === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return compare(v, c.con) === 1;
    case '<':
      if (preBlocked) return false;
      return compare(v, c.con) < 0;
    case '>=':
    case '=>':
      if (preBlocked) return false;
      return compare(v, c.con) >= 0;
    case '<=':
    case '=<':
      if (preBlocked) return false;
      if (!c.dirty) return compare(v, c.con) <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde();
    case '^':
      if (preBlocked) return false;
      if (compare(v, c.con) < 0) return false;
      if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
      if (c.con.major === 0n && v.major > 0n) return false;
      if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
      if (c.con.minor === 0n && v.minor > 0n) return false;
      return c.con.patch === v.patch;
  }
  return false;
}

/** semver.NewConstraint(c).Check(semver.NewVersion(v)). */
export function semverCompare(constraint: string, version: string): boolean {
  const rewritten = constraint.replace(rangeRe, (_all, a: string, ...rest: unknown[]) => {
    const b = rest[9] as string;
    return `>= ${a}, <= ${b}`;
  });
  const groups: Constraint[][] = [];
  for (const part of rewritten.split('||')) {
    if (!validRe.test(part)) throw new GoError(`improper constraint: ${part}`);
    const found = part.match(findRe) ?? [part];
    groups.push(found.map(parseConstraint));
  }
  const v = newVersion(version);
  return groups.some((g) => g.every((c) => check(v, c)));
}

export function semverFuncs(): Array<[string, GoFunc]> {
  return [
    ['semver', goFunc(['string'], newVersion)],
    ['semverCompare', goFunc(['string', 'string'], semverCompare)],
  ];
}
