// A nats-server serving TLS with a certificate of a private CA made for the test (as a managed upstream
// bus does), optionally with a user/password, an account limit, or plaintext still allowed. Needs
// `openssl` (Debian `openssl`) and nats-server (see nats-server.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openssl, selfSigned } from './certs.js';
import { freePort, startNatsServer, type NatsServer } from './nats-server.js';

/** PEM files of a private CA and a server certificate it signed for 127.0.0.1 / localhost. */
export interface TestCertificates {
  readonly dir: string;
  /** The CA certificate (what a client's `caCertSecret` holds). */
  readonly caPem: string;
  readonly certFile: string;
  readonly keyFile: string;
  /** Another CA's certificate: verifying the server against it fails. */
  readonly otherCaPem: string;
  /** Removes the files. */
  remove(): void;
}

function makeCa(dir: string, name: string): void {
  selfSigned(dir, name, name);
}

/** Makes a CA, a server certificate it signs (SAN 127.0.0.1, localhost), and an unrelated CA. */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'argus-nats-tls-'));
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    join(dir, 'server.key'),
    '-out',
    join(dir, 'server.csr'),
  ]);
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl([
    'x509',
    '-req',
    '-in',
    join(dir, 'server.csr'),
    '-CA',
    join(dir, 'ca.pem'),
    '-CAkey',
    join(dir, 'ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    join(dir, 'ext.cnf'),
    '-out',
    join(dir, 'server.pem'),
  ]);
  return {
    dir,
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    otherCaPem: readFileSync(join(dir, 'other-ca.pem'), 'utf8'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TlsNatsServerOptions {
  /** Require this user and password. */
  readonly user?: { readonly name: string; readonly password: string };
  /** Also accept plaintext clients (INFO says `tls_available` instead of `tls_required`). */
  readonly allowNonTls?: boolean;
  /** The account's JetStream stream limit (e.g. 1: only the bus stream, no KV bucket). */
  readonly maxStreams?: number;
  /** Serve the monitoring endpoint (`/connz`) on a free port. */
  readonly monitor?: boolean;
}

export interface TlsNatsServer extends NatsServer {
  readonly certificates: TestCertificates;
  /** `http://127.0.0.1:<port>` when `monitor` was asked for. */
  readonly monitorUrl?: string;
}

/** Starts a JetStream nats-server serving TLS with a fresh private CA's certificate. */
export async function startTlsNatsServer(opts: TlsNatsServerOptions = {}): Promise<TlsNatsServer> {
  if (opts.maxStreams !== undefined && opts.user === undefined)
    throw new Error('startTlsNatsServer: maxStreams needs a user (the limit is set on its account)');
  const certificates = makeCertificates();
  const lines = [
    `tls { cert_file: "${certificates.certFile}", key_file: "${certificates.keyFile}" }`,
    ...(opts.allowNonTls === true ? ['allow_non_tls: true'] : []),
  ];
  const user =
    opts.user === undefined
      ? ''
      : `users: [{ user: "${opts.user.name}", password: "${opts.user.password}" }]`;
  if (opts.maxStreams !== undefined)
    lines.push(`accounts { A: { jetstream: { max_streams: ${opts.maxStreams} }, ${user} } }`);
  else if (user !== '') lines.push(`authorization { ${user} }`);
  const config = join(certificates.dir, 'nats.conf');
  writeFileSync(config, `${lines.join('\n')}\n`);
  const monitorPort = opts.monitor === true ? await freePort() : undefined;
  try {
    const server = await startNatsServer({
      args: ['-c', config, ...(monitorPort === undefined ? [] : ['-m', String(monitorPort)])],
    });
    return {
      ...server,
      certificates,
      ...(monitorPort === undefined ? {} : { monitorUrl: `http://127.0.0.1:${monitorPort}` }),
      async stop() {
        await server.stop();
        certificates.remove();
      },
    };
  } catch (err) {
    certificates.remove();
    throw err;
  }
}
