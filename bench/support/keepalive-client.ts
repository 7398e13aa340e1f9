// A lean HTTP/1.1 keep-alive client for the open-loop sender: raw sockets, one request in flight
// per connection, minimal response parsing (Content-Length or chunked). node:http's client
// costs several times more CPU per request, which on two shared cores made the harness, not
// the server, the bottleneck at 5,000 requests/s.
import { connect, type Socket } from 'node:net';

/** Answer of one request: the status code, or undefined on a connection error. */
export type Answer = (status: number | undefined) => void;

interface Pending {
  readonly bytes: Buffer;
  readonly answer: Answer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

class Connection {
  private socket: Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private current: Pending | undefined;
  private chunked = false;
  private bodyLeft = -1;
  private status = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly release: (c: Connection) => void,
  ) {}

  send(p: Pending): void {
    this.current = p;
    if (this.socket === undefined) this.open();
    this.socket?.write(p.bytes);
  }

  private open(): void {
    const s = connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = s;
    this.buffer = Buffer.alloc(0);
    this.bodyLeft = -1;
    s.on('data', (d: Buffer) => this.onData(d));
    const fail = (): void => {
      if (this.socket !== s) return;
      this.socket = undefined;
      s.destroy();
      const p = this.current;
      this.current = undefined;
      if (p !== undefined) {
        p.answer(undefined);
        this.release(this);
      }
    };
    s.on('error', fail);
    s.on('close', fail);
  }

  private onData(d: Buffer): void {
    this.buffer = this.buffer.length === 0 ? d : Buffer.concat([this.buffer, d]);
    for (;;) {
      if (this.bodyLeft < 0) {
        const end = this.buffer.indexOf(HEADER_END);
        if (end < 0) return;
        const head = this.buffer.subarray(0, end).toString('latin1');
        this.buffer = this.buffer.subarray(end + 4);
        this.status = Number(head.slice(9, 12));
        const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        this.chunked = cl === null && /\r\ntransfer-encoding:\s*chunked/i.test(head);
        this.bodyLeft = cl === null ? 0 : Number(cl[1]);
      }
      if (this.chunked) {
        // skip chunks until the terminating zero-length chunk
        const term = this.buffer.indexOf('0\r\n\r\n');
        if (term < 0) return;
        this.buffer = this.buffer.subarray(term + 5);
      } else {
        if (this.buffer.length < this.bodyLeft) return;
        this.buffer = this.buffer.subarray(this.bodyLeft);
      }
      this.bodyLeft = -1;
      const p = this.current;
      this.current = undefined;
      p?.answer(this.status);
      this.release(this);
      if (this.buffer.length === 0) return;
    }
  }

  close(): void {
    const s = this.socket;
    this.socket = undefined;
    s?.destroy();
  }
}

/** A pool of at most `maxConnections` keep-alive connections to one host:port. */
export class KeepAliveClient {
  private readonly idle: Connection[] = [];
  private readonly all: Connection[] = [];
  // a FIFO as array + head index: shift() on a long backlog would be quadratic
  private queue: Pending[] = [];
  private head = 0;
  private open = 0;
  private readonly prefix: string;

  constructor(
    url: string,
    private readonly maxConnections: number,
  ) {
    const u = new URL(url);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.prefix = `POST ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\nContent-Length: `;
  }

  private readonly host: string;
  private readonly port: number;

  /** POSTs the JSON `body`; `answer` gets the status code (undefined on a connection error). */
  post(body: string, answer: Answer): void {
    const bytes = Buffer.from(`${this.prefix}${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const p = { bytes, answer };
    const c = this.idle.pop() ?? (this.open < this.maxConnections ? this.create() : undefined);
    if (c === undefined) this.queue.push(p);
    else c.send(p);
  }

  /** Requests waiting for a free connection. */
  get queued(): number {
    return this.queue.length - this.head;
  }

  private create(): Connection {
    this.open++;
    const c = new Connection(this.host, this.port, (free) => {
      const next = this.queue[this.head];
      if (next === undefined) {
        this.idle.push(free);
        return;
      }
      this.queue[this.head++] = undefined as unknown as Pending;
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      free.send(next);
    });
    this.all.push(c);
    return c;
  }

  /** Closes every connection. */
  close(): void {
    for (const c of this.all) c.close();
    this.idle.length = 0;
  }
}
