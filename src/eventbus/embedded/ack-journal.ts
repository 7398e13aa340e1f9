/**
 * The ack journal of the embedded bus. A sensor acks every event after processing it, one at a
 * time, so a write transaction per ack would cap a sensor at the commit rate. Instead an ack is one
 * `write()` of a short line to an append-only file — it is in the kernel's page cache when `ack()`
 * resolves, so it survives a crash of the process (SIGKILL). Every few thousand acks, and when a
 * consumer stops, the consumers' floors and ack sets are checkpointed into lmdb (fsync'd) and the
 * journal files covered by the checkpoint are deleted. An OS crash can lose acks written since the
 * last checkpoint: those events are delivered again, never lost.
 *
 * Records are buffered by `append` and written by `flush` with one `write()` for all of them: the
 * bus flushes once per event-loop turn and resolves the acks of that turn afterwards (one system
 * call per turn instead of two per message — an ack and a "delivered" record).
 *
 * Files: `<dir>/acks-<n>.log`, one line per record, `<JSON consumer name> a|d <seq>\n` (`a` an
 * ack, `d` the highest delivered seq, for redelivery counts). A torn last line (the process died
 * mid-write) is ignored.
 */
import { closeSync, openSync, readFileSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** One journal record: an ack, or a new highest delivered seq. */
export interface JournalEntry {
  readonly consumer: string;
  readonly kind: 'a' | 'd';
  readonly seq: number;
}

const FILE = /^acks-(\d+)\.log$/;

export class AckJournal {
  private fd: number | undefined;
  private index: number;
  /** Records appended to the current file (written or buffered). */
  count = 0;
  /** Records appended but not yet written. */
  private buffered = '';

  constructor(private readonly dir: string) {
    const existing = this.files();
    this.index = existing.length === 0 ? 1 : (existing[existing.length - 1]?.[0] ?? 0) + 1;
  }

  /** The journal files present, oldest first, as [index, path]. */
  files(): Array<[number, string]> {
    const out: Array<[number, string]> = [];
    for (const name of readdirSync(this.dir)) {
      const m = FILE.exec(name);
      if (m !== null) out.push([Number(m[1]), join(this.dir, name)]);
    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  /** Every complete entry of every file, oldest first. */
  read(): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (const [, path] of this.files()) {
      const text = readFileSync(path, 'utf8');
      const end = text.lastIndexOf('\n');
      if (end < 0) continue;
      for (const line of text.slice(0, end).split('\n')) {
        const space = line.lastIndexOf(' ');
        const kind = line.slice(space - 1, space);
        try {
          const consumer: unknown = JSON.parse(line.slice(0, space - 2));
          const seq = Number(line.slice(space + 1));
          if (typeof consumer === 'string' && Number.isInteger(seq) && (kind === 'a' || kind === 'd'))
            out.push({ consumer, kind, seq });
        } catch {
          // a damaged line: skip it (at worst one event is delivered again)
        }
      }
    }
    return out;
  }

  /** Buffers one record; `flush` writes it. */
  append(consumer: string, kind: 'a' | 'd', seq: number): void {
    this.buffered += `${JSON.stringify(consumer)} ${kind} ${seq}\n`;
    this.count++;
  }

  /** True when records are waiting for `flush`. */
  get pending(): boolean {
    return this.buffered !== '';
  }

  /** Writes the buffered records with one `write()`; returns once the kernel has them. Throws when it cannot. */
  flush(): void {
    if (this.buffered === '') return;
    this.fd ??= openSync(join(this.dir, `acks-${this.index}.log`), 'a');
    const text = this.buffered;
    writeSync(this.fd, text);
    this.buffered = '';
  }

  /** Writes what is buffered, then starts a new file; returns the index of the last file a checkpoint taken now covers. */
  rotate(): number {
    this.flush();
    const covered = this.index;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.index++;
    this.count = 0;
    return covered;
  }

  /** Deletes the files up to and including `index` (their acks are checkpointed). */
  deleteUpTo(index: number): void {
    for (const [i, path] of this.files()) if (i <= index) unlinkSync(path);
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
