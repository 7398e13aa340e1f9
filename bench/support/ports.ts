// Free loopback TCP ports for the servers a benchmark starts.
import { createServer } from 'node:net';

/** Asks the kernel for a free port on 127.0.0.1 and releases it (tiny race, acceptable for benches). */
export async function freePort(): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
