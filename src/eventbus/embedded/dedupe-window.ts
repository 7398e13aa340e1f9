/**
 * The embedded bus's duplicate window (JetStream's `duplicates`): which event ids were stored in
 * the last `windowMs`, and at which seq. A Map from id to seq plus the ids in arrival order, so
 * expiry walks from the oldest and no per-id object is kept (at 10,000 events/s a 2-minute window
 * holds over a million ids). Bounded: beyond `maxIds` the oldest are forgotten early. Pure.
 */
export class DedupeWindow {
  private readonly seqs = new Map<string, number>();
  private ids: string[] = [];
  private order: number[] = [];
  private times: number[] = [];
  private head = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxIds: number,
  ) {}

  /** How many ids are remembered. */
  get size(): number {
    return this.seqs.size;
  }

  /** The seq stored for `id` inside the window, if any. */
  get(id: string): number | undefined {
    return this.seqs.get(id);
  }

  /** Remembers that `id` was stored as `seq` at `t` (ms); `t` should not go backwards. */
  add(id: string, seq: number, t: number): void {
    this.seqs.set(id, seq);
    this.ids.push(id);
    this.order.push(seq);
    this.times.push(t);
  }

  /** Forgets `id` if it is still remembered as `seq` (its write failed). */
  delete(id: string, seq: number): void {
    if (this.seqs.get(id) === seq) this.seqs.delete(id);
  }

  /** Forgets ids older than the window at `now`, and the oldest beyond `maxIds`. */
  prune(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.head < this.ids.length) {
      const live = this.ids.length - this.head;
      if (this.times[this.head]! >= cutoff && live <= this.maxIds) break;
      const id = this.ids[this.head]!;
      if (this.seqs.get(id) === this.order[this.head]) this.seqs.delete(id);
      this.head++;
    }
    // drop the consumed front once it is most of the arrays
    if (this.head > 1024 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.order = this.order.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
