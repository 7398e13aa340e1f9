// Throw-away certificates for TLS tests, made with the `openssl` command (Debian `openssl`).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs `openssl <args>`; a failure names the subcommand and how to install openssl. */
export function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    throw new Error(`openssl ${args[0]} failed (install it with: apt-get install openssl): ${String(err)}`);
  }
}

/**
 * A self-signed certificate for `cn` (valid one day), written to `<dir>/<name>.key` and
 * `<dir>/<name>.pem`; `altName` (e.g. `IP:127.0.0.1`) becomes its subjectAltName.
 */
export function selfSigned(
  dir: string,
  name: string,
  cn: string,
  altName?: string,
): { keyFile: string; certFile: string } {
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.pem`);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    `/CN=${cn}`,
    ...(altName === undefined ? [] : ['-addext', `subjectAltName=${altName}`]),
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  return { keyFile, certFile };
}
