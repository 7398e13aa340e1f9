/**
 * Loading manifests from files and directories: YAML (multi-document) and JSON, parsed the
 * way Kubernetes tooling does (sigs.k8s.io/yaml on go-yaml v2, i.e. YAML 1.1 scalars), then
 * decoded, validated, defaulted and frozen through `validateResource`. The only module of the
 * API layer that does I/O.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type Pair,
  type ScalarTag,
  type Tags,
} from 'yaml';
import { LoadError, ValidationError, type Issue } from '../shared/errors.js';
import { EventBusCodec, type EventBusSpec } from './eventbus/types.js';
import { classifyDocument, validateResource, type AnyResourceReport, type LocatedIssue } from './resource.js';
import { decodeWith } from './schema.js';

/** A parsed document of a file (1-based `index` and `line`). */
export interface ParsedDocument {
  readonly index: number;
  readonly line: number;
  readonly value: unknown;
  /** The line of the field at a path (`spec.triggers[0].template.http.url`), or of its nearest present parent. */
  readonly locate?: (path: string) => number | undefined;
}

/** A document that is not an EventSource, Sensor or EventBus, left alone. */
export interface SkippedDocument {
  readonly file: string;
  /** 1-based position in a multi-document file. */
  readonly document: number;
  readonly line: number;
  readonly reason: string;
}

export interface LoadResult {
  /** Every EventSource, Sensor and EventBus found, in file order. */
  readonly resources: readonly AnyResourceReport[];
  /** Documents of other kinds (RBAC, Services, Workflows…), not errors. */
  readonly skipped: readonly SkippedDocument[];
  /** Files that could not be parsed (YAML/JSON syntax), each naming the file and line. */
  readonly failures: readonly Issue[];
}

/** File name endings read from directories. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

const INT_TAG = 'tag:yaml.org,2002:int';

/** Go's `strconv.ParseInt(s, 0, 64)` also reads `0o17`; YAML 1.1 itself has no such form. */
const goOctalInt: ScalarTag = {
  identify: (value) => typeof value === 'number' && Number.isInteger(value),
  default: true,
  tag: INT_TAG,
  format: 'OCT',
  test: /^[-+]?0o[0-7_]+$/,
  resolve: (str: string) => {
    const sign = str.startsWith('-') ? -1 : 1;
    const n = sign * parseInt(str.replace(/^[-+]?0o/, '').replace(/_/g, ''), 8);
    return n === 0 ? 0 : n;
  },
};

/**
 * go-yaml v2 resolves neither sexagesimal numbers (`10:00:00` stays a string) nor, for untyped
 * targets, timestamps (kept as strings); the `yaml` package's 1.1 schema does both, so those
 * tags are removed. Booleans (`on`, `y`, `no`…), octal/hex/binary integers and merge keys stay.
 * Integers are Go ints, so `-0` is 0.
 */
function goYamlTags(tags: Tags): Tags {
  const kept = tags.filter((t) => {
    const tag = typeof t === 'string' ? t : t.tag;
    const format = typeof t === 'string' ? undefined : t.format;
    if (tag === 'tag:yaml.org,2002:timestamp') return false;
    if ((tag === INT_TAG || tag === 'tag:yaml.org,2002:float') && format === 'TIME') return false;
    return true;
  });
  const ints = kept.map((t) => {
    if (typeof t === 'string' || t.tag !== INT_TAG || !('resolve' in t) || t.resolve === undefined) return t;
    const scalar = t as ScalarTag;
    const resolve = scalar.resolve.bind(scalar);
    return {
      ...scalar,
      resolve: (str: string, onError: (message: string) => void, options: object) => {
        const v: unknown = resolve(str, onError, options as never);
        return typeof v === 'number' && Object.is(v, -0) ? 0 : v;
      },
    } as ScalarTag;
  });
  return [...ints, goOctalInt];
}

/** sigs.k8s.io/yaml cannot turn a null map key into a JSON key; it rejects the document. */
function nullKeyErrors(doc: Document.Parsed, text: string): string[] {
  const found: string[] = [];
  visit(doc, {
    Pair(_key, pair) {
      const key = pair.key;
      const isNull = key === null || (isScalar(key) && key.value === null);
      if (isNull) {
        const offset = isScalar(key) && key.range ? key.range[0] : (doc.range[0] ?? 0);
        found.push(`line ${lineOf(text, offset)}: yaml: unsupported map key of type: <nil>`);
      }
    },
  });
  return found;
}

/** Splits an issue path (`a.b[0]["x.y"]`) into keys and indexes. */
function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}

/** Finds the line of `path` in a parsed YAML document, matching keys as the decoder does. */
function locateIn(doc: Document.Parsed, lines: LineCounter, path: string): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined = isNode(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
  for (const segment of splitPath(path)) {
    if (typeof segment === 'number' && isSeq(node)) {
      const item: unknown = node.items[segment];
      if (!isNode(item)) break;
      node = item;
      if (item.range) line = lines.linePos(item.range[0]).line;
    } else if (typeof segment === 'string' && isMap(node)) {
      const keyOf = (p: Pair): string | undefined => (isScalar(p.key) ? String(p.key.value) : undefined);
      const pairs = node.items;
      const pair =
        pairs.find((p) => keyOf(p) === segment) ??
        pairs.find((p) => keyOf(p)?.toLowerCase() === segment.toLowerCase());
      if (pair === undefined) break;
      if (isScalar(pair.key) && pair.key.range) line = lines.linePos(pair.key.range[0]).line;
      node = pair.value;
    } else {
      break;
    }
  }
  return line;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Parses the text of one file into documents. JSON files are parsed as JSON; everything else
 * as YAML 1.1 (a JSON text is also valid YAML). Syntax errors name the file and the line.
 */
export function parseManifestText(
  text: string,
  file: string,
): { documents: ParsedDocument[]; errors: Issue[] } {
  if (extname(file).toLowerCase() === '.json') return parseJson(text, file);
  const documents: ParsedDocument[] = [];
  const errors: Issue[] = [];
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter: lines,
    version: '1.1',
    customTags: goYamlTags,
    merge: true,
    prettyErrors: true, // fills in linePos
    // go-yaml v2 (non-strict, as sigs.k8s.io/yaml.Unmarshal uses it) lets the last duplicate key win
    uniqueKeys: false,
  });
  // parseAllDocuments returns an EmptyStream (no documents) for an empty file
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, i) => {
    const line = lineOf(text, doc.range[0]);
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = err.linePos?.[0];
        const where = pos === undefined ? `document ${i + 1}` : `line ${pos.line}, column ${pos.col}`;
        errors.push({
          file,
          path: '',
          message: `${where}: yaml: ${(err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
        });
      }
      return;
    }
    const keyErrors = nullKeyErrors(doc, text);
    if (keyErrors.length > 0) {
      for (const message of keyErrors) errors.push({ file, path: '', message });
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) return; // empty document (`---` alone, comments)
    documents.push({ index: i + 1, line, value, locate: (path) => locateIn(doc, lines, path) });
  });
  return { documents, errors };
}

function parseJson(text: string, file: string): { documents: ParsedDocument[]; errors: Issue[] } {
  try {
    const value: unknown = JSON.parse(text);
    return { documents: value === null ? [] : [{ index: 1, line: 1, value }], errors: [] };
  } catch (err: unknown) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    const where = pos === null ? '' : `line ${lineOf(text, Number(pos[1]))}: `;
    return { documents: [], errors: [{ file, path: '', message: `${where}json: ${message}` }] };
  }
}

/** Lists the manifest files under `path` (itself when a file), sorted, recursing into folders. */
export async function listManifestFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (err: unknown) {
    throw new LoadError(path, 'cannot read: no such file or directory', { cause: err });
  }
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (err: unknown) {
    throw new LoadError(
      path,
      `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      {
        cause: err,
      },
    );
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // hidden folders (.git, .argus data) and dependencies are never manifests
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await listManifestFiles(child)));
    else if (MANIFEST_EXTENSIONS.includes(extname(entry.name).toLowerCase())) out.push(child);
  }
  return out;
}

interface PendingDocument {
  readonly file: string;
  readonly doc: ParsedDocument;
}

/**
 * The EventBus specs among parsed documents, per folder and then by name (first wins). A
 * Sensor is checked against a bus defined next to it (same folder): manifests in one folder
 * are deployed together, while unrelated folders given in one call (say, a tree of examples)
 * must not influence each other.
 */
function collectEventBuses(
  pending: readonly PendingDocument[],
): Map<string, Map<string, EventBusSpec | undefined>> {
  const byFolder = new Map<string, Map<string, EventBusSpec | undefined>>();
  for (const { file, doc } of pending) {
    const cls = classifyDocument(doc.value);
    if (!('kind' in cls) || cls.kind !== 'EventBus') continue;
    const bus = decodeWith(EventBusCodec, doc.value).value;
    const name = bus?.metadata?.name ?? '';
    const folder = dirname(file);
    const buses = byFolder.get(folder) ?? new Map<string, EventBusSpec | undefined>();
    byFolder.set(folder, buses);
    if (name !== '' && !buses.has(name)) buses.set(name, bus?.spec);
  }
  return byFolder;
}

/**
 * A Kubernetes list (`kind: List` or `<Kind>List` with `items`, as `kubectl get -o yaml` writes
 * it) stands for its items; each item keeps the list's document index and gets its own line.
 */
function expandLists(doc: ParsedDocument): ParsedDocument[] {
  const v = doc.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [doc];
  const record = v as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== 'string' || !kind.endsWith('List') || !Array.isArray(record.items)) return [doc];
  const locate = doc.locate;
  return record.items.map((value: unknown, i): ParsedDocument => {
    const prefix = `items[${i}]`;
    const line = locate?.(prefix) ?? doc.line;
    return locate === undefined
      ? { index: doc.index, line, value }
      : {
          index: doc.index,
          line,
          value,
          locate: (path) => locate(path === '' ? prefix : `${prefix}.${path}`),
        };
  });
}

/** Adds the line of each issue's field (or nearest present parent) when the document can tell. */
function locateIssues(report: AnyResourceReport, doc: ParsedDocument): AnyResourceReport {
  const locate = doc.locate;
  const at = (issue: LocatedIssue): LocatedIssue => {
    const line = locate?.(issue.path) ?? doc.line;
    return { ...issue, line };
  };
  return { ...report, errors: report.errors.map(at), warnings: report.warnings.map(at) } as AnyResourceReport;
}

/**
 * Judges already-read documents: the entry point behind `loadResources`, also used where the
 * text does not come from disk (tests, the server API).
 */
export function judgeDocuments(files: readonly { file: string; text: string }[]): LoadResult {
  const pending: PendingDocument[] = [];
  const failures: Issue[] = [];
  for (const { file, text } of files) {
    const parsed = parseManifestText(text, file);
    failures.push(...parsed.errors);
    for (const doc of parsed.documents)
      for (const item of expandLists(doc)) pending.push({ file, doc: item });
  }
  const eventBuses = collectEventBuses(pending);
  const resources: AnyResourceReport[] = [];
  const skipped: SkippedDocument[] = [];
  for (const { file, doc } of pending) {
    const cls = classifyDocument(doc.value);
    if ('skip' in cls) {
      skipped.push({ file, document: doc.index, line: doc.line, reason: cls.skip });
      continue;
    }
    const report = validateResource(doc.value, { file, eventBuses: eventBuses.get(dirname(file)) });
    resources.push(locateIssues(report, doc));
  }
  return { resources, skipped, failures };
}

/**
 * Loads every EventSource, Sensor and EventBus from `paths` (files or folders, recursively;
 * folders contribute `.yaml`, `.yml` and `.json` files). A Sensor is checked against the
 * EventBus it names when that bus is defined in the same folder; otherwise against Argus's own
 * bus (JetStream-like, as upstream's `lint` does). Throws `LoadError` when a
 * path cannot be read; syntax errors are reported in `failures`.
 */
export async function loadResources(paths: readonly string[]): Promise<LoadResult> {
  const files: { file: string; text: string }[] = [];
  for (const path of paths) {
    for (const file of await listManifestFiles(path)) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err: unknown) {
        throw new LoadError(file, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
          cause: err,
        });
      }
      files.push({ file, text });
    }
  }
  return judgeDocuments(files);
}

/**
 * For callers that must not start with a broken manifest (`argus run`, the sensor and
 * event-source processes): returns the resources, or throws one `ValidationError` listing every
 * parse failure and every error (warnings do not count unless `strict`).
 */
export function requireValid(
  result: LoadResult,
  options: { strict?: boolean } = {},
): readonly AnyResourceReport[] {
  const issues: Issue[] = [...result.failures];
  for (const r of result.resources) {
    issues.push(...r.errors);
    if (options.strict === true) issues.push(...r.warnings);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return result.resources;
}
