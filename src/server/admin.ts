/**
 * The admin HTTP server of a runtime process: `/healthz` (the process answers), `/readyz`
 * (ready only when the bus is connected and every runtime takes events: sources listening,
 * sensors subscribed), `/metrics` (Prometheus text with upstream's names). Upstream event
 * source and sensor pods serve `/metrics` on 7777 and have no probes (spec/operations.md §2, §4).
 */
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** What the admin server reads. */
export interface AdminSources {
  readonly registry: Registry;
  /** Why the process is not ready (empty when ready). */
  notReady(): string[];
}

/** A running admin server. */
export interface AdminServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the admin server on `port` (0 picks a free one) and `host`. */
export async function startAdminServer(
  sources: AdminSources,
  port: number,
  host = '0.0.0.0',
): Promise<AdminServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    if (path === '/readyz') {
      const reasons = sources.notReady();
      res.writeHead(reasons.length === 0 ? 200 : 503, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ready: reasons.length === 0, reasons }));
      return;
    }
    if (path === '/metrics') {
      sources.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': sources.registry.contentType });
          res.end(text);
        },
        (err: unknown) => {
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(err instanceof Error ? err.message : String(err));
        },
      );
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 page not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr !== null ? addr.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
