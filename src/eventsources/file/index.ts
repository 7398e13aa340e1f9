/**
 * `file` source (upstream `pkg/eventsources/sources/file`, spec/eventsources.md §8): watches one
 * directory (not recursively) with chokidar and emits `{"name","op","metadata"}` for files that
 * match `path` (exact) or `pathRegexp` (anywhere) and whose operation equals `eventType`.
 *
 * inotify mode: `name` is the cleaned directory joined with the file name and the match is made
 * on that name with the configured `directory` text removed (so `path: x.txt` needs a trailing
 * slash on `directory`, as upstream). Polling mode (every 100 ms): `name` is the base name.
 *
 * Differences from upstream (chokidar reports add/change/unlink, not fsnotify's bits): a rename
 * is seen as REMOVE of the old name and CREATE of the new one (never RENAME or MOVE), and
 * attribute-only changes (CHMOD) are not reported. CREATE, WRITE and REMOVE match upstream.
 * Polling mode stops cleanly (upstream's never returns).
 */
import { stat } from 'node:fs/promises';
import { basename, join, normalize } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { validateFile, type FileEventSource } from '../../api/eventsource/index.js';
import { SourceError, errorMessage } from '../../shared/errors.js';
import { whenAborted } from '../../shared/lifecycle.js';
import { goMap, goString } from '../go-json.js';
import type { SourceContext, SourceDriver } from '../source-driver.js';

/** How often polling mode stats the directory, in ms. */
const POLL_INTERVAL_MS = 100;

/** fsnotify's operation bits. */
export const FILE_OPS = { CREATE: 1, WRITE: 2, REMOVE: 4, RENAME: 8, CHMOD: 16 } as const;
type OpName = keyof typeof FILE_OPS;

const CHOKIDAR_OPS: Record<string, OpName | undefined> = { add: 'CREATE', change: 'WRITE', unlink: 'REMOVE' };

/** Go's `filepath.Clean`. */
function cleanPath(p: string): string {
  const n = normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

async function runFile(ctx: SourceContext<FileEventSource>): Promise<void> {
  const config = ctx.config;
  const wp = config.watchPathConfig ?? {};
  const directory = wp.directory ?? '';
  const polling = config.polling === true;
  const regexp = wp.pathRegexp !== undefined && wp.pathRegexp !== '' ? new RegExp(wp.pathRegexp) : undefined;
  const metadata =
    config.metadata !== undefined && Object.keys(config.metadata).length > 0
      ? goMap(config.metadata)
      : 'null';
  try {
    if (!(await stat(directory)).isDirectory()) throw new Error('not a directory');
  } catch (err: unknown) {
    throw new SourceError(`failed to add directory ${directory}: ${errorMessage(err)}`, {
      cause: err,
      retryable: true,
    });
  }
  const watcher: FSWatcher = watch(directory, {
    ignoreInitial: true,
    depth: 0,
    atomic: false,
    usePolling: polling,
    interval: POLL_INTERVAL_MS,
    binaryInterval: POLL_INTERVAL_MS,
  });
  let failed: ((err: unknown) => void) | undefined;
  const watcherFailed = new Promise<void>((_, reject) => (failed = reject));
  watcherFailed.catch(() => {});
  const onEvent = async (kind: string, path: string): Promise<void> => {
    const op = CHOKIDAR_OPS[kind];
    if (op === undefined) return;
    const started = ctx.clock.now();
    const name = polling ? basename(path) : join(cleanPath(directory), basename(path));
    const rel = polling ? name : name.startsWith(directory) ? name.slice(directory.length) : name;
    const matches =
      (wp.path !== undefined && wp.path !== '' && wp.path === rel) ||
      (regexp !== undefined && regexp.test(rel));
    if (!matches || config.eventType !== op) return;
    ctx.log.debug({ name, op }, 'file event');
    const data = `{"name":${goString(name)},"op":${FILE_OPS[op]},"metadata":${metadata}}`;
    try {
      await ctx.emit(Buffer.from(data));
    } catch (err: unknown) {
      ctx.metrics.processingFailed();
      ctx.log.error({ err }, 'failed to dispatch the file event');
    } finally {
      ctx.metrics.observeDuration(ctx.clock.now() - started);
    }
  };
  // events are handled one after another, in the order the watcher reports them
  let chain = Promise.resolve();
  watcher.on('all', (kind: string, path: string) => {
    chain = chain.then(() => onEvent(kind, path));
  });
  watcher.on('error', (err: unknown) => failed?.(err));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  if (polling) {
    // polling compares each stat with the one before; the directory's first stat is taken on a
    // poll after 'ready', and a file created before it would never differ from that baseline
    await new Promise<void>((resolve) => setTimeout(resolve, POLL_INTERVAL_MS * 3));
  }
  ctx.log.info({ directory, polling }, 'watching directory');
  ctx.ready();
  try {
    await Promise.race([whenAborted(ctx.signal), watcherFailed]);
  } catch (err: unknown) {
    throw new SourceError(`file watcher failed: ${errorMessage(err)}`, { cause: err, retryable: true });
  } finally {
    await watcher.close();
    await chain;
  }
}

export const fileSource: SourceDriver<'file', FileEventSource> = {
  type: 'file',
  validate: validateFile,
  start: runFile,
};
