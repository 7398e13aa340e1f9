// The local HTTP sink the end-to-end benchmark's trigger posts to. It reads `seq` and `sent`
// from each JSON body and records when it arrived, on the same clock as the open-loop sender
// (both live in the benchmark process), so per-event latency needs no cross-process clock.
import { createServer, type Server } from 'node:http';

export interface Sink {
  readonly port: number;
  /** Arrival time (performance.now()) of each sequence number's first delivery. */
  readonly arrivals: Map<number, number>;
  /** Deliveries whose seq was seen before (at-least-once redeliveries). */
  duplicates: number;
  /** Bodies without a readable `seq` (still answered 200). */
  unreadable: number;
  /** Every delivery, including duplicates and unreadable ones. */
  total: number;
  /** Forgets every arrival (between runs). */
  reset(): void;
  close(): Promise<void>;
}

/** Reads `seq` whether the trigger wrote it as a JSON number or a string. */
function readSeq(body: string): number | undefined {
  const m = /"seq"\s*:\s*"?(\d+)/.exec(body);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Starts the sink on 127.0.0.1 (free port). Answers 200 to everything. */
export async function startSink(): Promise<Sink> {
  const server: Server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const now = performance.now();
      sink.total++;
      const seq = readSeq(Buffer.concat(chunks).toString('utf8'));
      if (seq === undefined) sink.unreadable++;
      else if (sink.arrivals.has(seq)) sink.duplicates++;
      else sink.arrivals.set(seq, now);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const sink: Sink = {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    arrivals: new Map(),
    duplicates: 0,
    unreadable: 0,
    total: 0,
    reset() {
      this.arrivals.clear();
      this.duplicates = 0;
      this.unreadable = 0;
      this.total = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return sink;
}
