/**
 * Throw-away certificates for TLS tests, made with the openssl command: a CA, a server certificate
 * for {@link SERVER_NAME} and a client certificate for mTLS, both signed by that CA (EC P-256 keys,
 * valid for two days). Each as a PEM file and its contents.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The name in the server certificate: clients reach the front by IP and check this name. */
export const SERVER_NAME = 'temporal.tideway.test';

export interface PemFile {
  path: string;
  pem: Buffer;
}

export interface TestCertificates {
  ca: PemFile;
  server: { cert: PemFile; key: PemFile };
  client: { cert: PemFile; key: PemFile };
}

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
const file = (path: string): PemFile => ({ path, pem: readFileSync(path) });

/** A certificate for `subject` with `extensions`, signed by the CA in `dir`. */
function signed(dir: string, name: string, subject: string, extensions: string[]): { cert: PemFile; key: PemFile } {
  openssl(dir, ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${subject}`]);
  writeFileSync(join(dir, `${name}.ext`), `${extensions.join('\n')}\n`);
  const serial = `0x${randomBytes(8).toString('hex')}`;
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', serial, '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`]);
  return { cert: file(join(dir, `${name}.pem`)), key: file(join(dir, `${name}.key`)) };
}

/** Makes the CA, the server and the client certificates in `dir`. */
export function makeTestCertificates(dir: string): TestCertificates {
  openssl(dir, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2',
    '-subj', '/CN=Tideway test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const leaf = ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature'];
  return {
    ca: file(join(dir, 'ca.pem')),
    server: signed(dir, 'server', SERVER_NAME, [...leaf, 'extendedKeyUsage=serverAuth', `subjectAltName=DNS:${SERVER_NAME}`]),
    client: signed(dir, 'client', 'tideway-worker', [...leaf, 'extendedKeyUsage=clientAuth']),
  };
}
