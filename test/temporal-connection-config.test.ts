import { createPrivateKey } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.js';
import { REDACTED } from '../config/log-redaction.js';
import { createLogger } from '../config/logger.js';
import { temporalConnectionOptions } from '../config/temporal-connection.js';
import { makeTempDir } from '../stack/temp-dir.js';
import { makeTestCertificates, type TestCertificates } from './support/test-certificates.js';

const dir = makeTempDir('tideway-temporal-config-').path;
let certs: TestCertificates;
/** Files that are not what a setting wants. */
const wrong = {
  text: join(dir, 'notes.txt'),
  brokenCertificate: join(dir, 'broken.pem'),
  encryptedKey: join(dir, 'encrypted.key'),
  folder: join(dir, 'a-folder'),
};
const CLOUD_KEY = 'eyJhbGciOiJFUzI1NiJ9.a-temporal-cloud-key';

const options = (env: Record<string, string>) => temporalConnectionOptions(loadConfig(env));

beforeAll(() => {
  certs = makeTestCertificates(dir);
  writeFileSync(wrong.text, 'not a certificate\n');
  writeFileSync(wrong.brokenCertificate, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
  writeFileSync(wrong.encryptedKey, createPrivateKey(certs.client.key.pem).export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' }));
  mkdirSync(wrong.folder);
});

describe('the Temporal connection settings', () => {
  it('connect in plain gRPC by default, and take empty values (as compose passes them) as unset', () => {
    expect(options({})).toEqual({ address: '127.0.0.1:7233', tls: false });
    const empty = { TEMPORAL_TLS: '', TEMPORAL_TLS_CA: '', TEMPORAL_TLS_CERT: '', TEMPORAL_TLS_KEY: '', TEMPORAL_TLS_SERVER_NAME: '', TEMPORAL_API_KEY: '' };
    expect(options({ TEMPORAL_ADDRESS: 'temporal:7233', ...empty })).toEqual({ address: 'temporal:7233', tls: false });
  });

  it('read the PEM files at start-up: the CA, and the client certificate pair for mTLS', () => {
    expect(options({ TEMPORAL_TLS_CA: certs.ca.path, TEMPORAL_TLS_CERT: certs.client.cert.path, TEMPORAL_TLS_KEY: certs.client.key.path, TEMPORAL_TLS_SERVER_NAME: 'temporal.example.com' })).toEqual({
      address: '127.0.0.1:7233',
      tls: { serverRootCACertificate: certs.ca.pem, clientCertPair: { crt: certs.client.cert.pem, key: certs.client.key.pem }, serverNameOverride: 'temporal.example.com' },
    });
  });

  it('turn TLS on, with the system roots, for an API key or TEMPORAL_TLS=true alone', () => {
    expect(options({ TEMPORAL_ADDRESS: 'tideway.a1b2c.tmprl.cloud:7233', TEMPORAL_API_KEY: CLOUD_KEY })).toEqual({ address: 'tideway.a1b2c.tmprl.cloud:7233', tls: {}, apiKey: CLOUD_KEY });
    expect(options({ TEMPORAL_TLS: 'true' })).toEqual({ address: '127.0.0.1:7233', tls: {} });
    expect(options({ TEMPORAL_TLS: '1' }).tls).toEqual({});
  });

  it('send the API key in clear only when TEMPORAL_TLS=false says so', () => {
    expect(options({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: CLOUD_KEY })).toEqual({ address: '127.0.0.1:7233', tls: false, apiKey: CLOUD_KEY });
  });

  it.each([
    ['TEMPORAL_TLS_CA', () => join(dir, 'no-such-ca.pem'), /TEMPORAL_TLS_CA: cannot read .*no-such-ca\.pem \(ENOENT\)/],
    ['TEMPORAL_TLS_CA', () => wrong.folder, /TEMPORAL_TLS_CA: cannot read .*a-folder \(EISDIR\)/],
    ['TEMPORAL_TLS_CA', () => wrong.text, /TEMPORAL_TLS_CA: .*notes\.txt: not a PEM certificate/],
    ['TEMPORAL_TLS_CA', () => certs.ca.path.replace(/\.pem$/, '.key'), /TEMPORAL_TLS_CA: .*ca\.key: not a PEM certificate/],
    ['TEMPORAL_TLS_CA', () => wrong.brokenCertificate, /TEMPORAL_TLS_CA: .*broken\.pem: certificate 1 in it does not parse/],
    ['TEMPORAL_TLS_CERT', () => join(dir, 'no-such-client.pem'), /TEMPORAL_TLS_CERT: cannot read .*no-such-client\.pem \(ENOENT\)/],
    ['TEMPORAL_TLS_KEY', () => certs.client.cert.path, /TEMPORAL_TLS_KEY: .*client\.pem: not a PEM private key/],
    ['TEMPORAL_TLS_KEY', () => wrong.encryptedKey, /TEMPORAL_TLS_KEY: .*encrypted\.key: an encrypted private key: give it without a passphrase/],
  ])('stop start-up on a bad file, naming the variable: %s', (variable, path, message) => {
    const pair = { TEMPORAL_TLS_CERT: certs.client.cert.path, TEMPORAL_TLS_KEY: certs.client.key.path };
    expect(() => loadConfig({ ...pair, [variable]: path() })).toThrow(/^Invalid configuration:\n/);
    expect(() => loadConfig({ ...pair, [variable]: path() })).toThrow(message);
  });

  it('stop start-up on half a client certificate pair, naming both', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: certs.client.cert.path })).toThrow(/\n {2}TEMPORAL_TLS_KEY: required when TEMPORAL_TLS_CERT is set \(TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY are a pair\)/);
    expect(() => loadConfig({ TEMPORAL_TLS_KEY: certs.client.key.path })).toThrow(/\n {2}TEMPORAL_TLS_CERT: required when TEMPORAL_TLS_KEY is set \(TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY are a pair\)/);
  });

  it("stop start-up on a key that is not the certificate's", () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: certs.client.cert.path, TEMPORAL_TLS_KEY: certs.server.key.path })).toThrow(/\n {2}TEMPORAL_TLS_KEY: not the private key of the certificate in TEMPORAL_TLS_CERT/);
  });

  it('stop start-up on TLS settings with TEMPORAL_TLS=false, and on values that are not what they should be', () => {
    expect(() => loadConfig({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: certs.ca.path, TEMPORAL_TLS_SERVER_NAME: 'temporal.example.com' })).toThrow(
      /\n {2}TEMPORAL_TLS: false, but TEMPORAL_TLS_CA, TEMPORAL_TLS_SERVER_NAME are set: remove them, or TEMPORAL_TLS/,
    );
    expect(() => loadConfig({ TEMPORAL_TLS: 'yes please' })).toThrow(/\n {2}TEMPORAL_TLS: true or false/);
    expect(() => loadConfig({ TEMPORAL_TLS_SERVER_NAME: 'https://temporal.example.com:7233' })).toThrow(/\n {2}TEMPORAL_TLS_SERVER_NAME: a host name, like temporal\.example\.com \(no scheme, no port\)/);
  });

  it('stop start-up on an API key with spaces or line breaks, without writing the key out', () => {
    const bad = () => loadConfig({ TEMPORAL_API_KEY: `${CLOUD_KEY}\n` });
    expect(bad).toThrow(/\n {2}TEMPORAL_API_KEY: the API key as Temporal Cloud shows it, without spaces or line breaks/);
    expect(bad).not.toThrow(new RegExp(CLOUD_KEY.replace(/\./g, '\\.')));
  });

  it('are redacted when logged: the API key and the client key, as settings and as connection options', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    const env = { TEMPORAL_API_KEY: CLOUD_KEY, TEMPORAL_TLS_CERT: certs.client.cert.path, TEMPORAL_TLS_KEY: certs.client.key.path };
    const config = loadConfig(env);
    logger.info({ TEMPORAL_API_KEY: config.TEMPORAL_API_KEY, TEMPORAL_TLS_KEY: config.TEMPORAL_TLS_KEY }, 'settings');
    logger.info({ connection: temporalConnectionOptions(config) }, 'connecting');
    const logged = lines.join('');
    expect(JSON.parse(lines[0]!)).toMatchObject({ TEMPORAL_API_KEY: REDACTED, TEMPORAL_TLS_KEY: REDACTED });
    expect(logged).not.toContain(CLOUD_KEY);
    expect(logged).not.toMatch(/PRIVATE KEY|"key":\{"type":"Buffer"/);
  });
});
