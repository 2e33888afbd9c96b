/**
 * How the API, the worker, the CLIs and the worker's health check reach Temporal: the address, TLS
 * (a private CA, a client certificate for mTLS, a server name) and an API key (Temporal Cloud).
 * config/env.ts validates these with every other setting; {@link temporalConnectionOptions} turns
 * them into the options of both `Connection.connect` (client) and `NativeConnection.connect` (worker).
 */
import type { TLSConfig } from '@temporalio/client';
import { z } from 'zod';
import { keyMatchesCertificate, pemFileSetting } from './pem-file.js';

const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

/** The Temporal connection settings. */
export const temporalConnectionFields = {
  /** `host:port` of the Temporal frontend. @default '127.0.0.1:7233' @example 'tideway.a1b2c.tmprl.cloud:7233' */
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  /** TLS on or off; unset, on as soon as any other setting below is set. `false` with an API key sends the key in clear. */
  TEMPORAL_TLS: z.preprocess(unsetWhenEmpty, z.enum(['true', 'false', '1', '0'], { error: 'true or false' }).transform((value) => value === 'true' || value === '1').optional()),
  /** A PEM file of the CA(s) that signed the server's certificate; unset, the system's roots. */
  TEMPORAL_TLS_CA: pemFileSetting('certificates'),
  /** The client certificate (PEM) for mTLS, with TEMPORAL_TLS_KEY. */
  TEMPORAL_TLS_CERT: pemFileSetting('certificates'),
  /** The client certificate's private key (PEM, unencrypted), with TEMPORAL_TLS_CERT. */
  TEMPORAL_TLS_KEY: pemFileSetting('private key'),
  /** The name the server's certificate is checked against (and sent as SNI) instead of the address's host. */
  TEMPORAL_TLS_SERVER_NAME: z.preprocess(unsetWhenEmpty, z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, 'a host name, like temporal.example.com (no scheme, no port)').optional()),
  /** A Temporal Cloud API key, sent as `Authorization: Bearer <key>`; turns TLS on. */
  TEMPORAL_API_KEY: z.preprocess(unsetWhenEmpty, z.string().regex(/^[\x21-\x7e]+$/, 'the API key as Temporal Cloud shows it, without spaces or line breaks').optional()),
};

export type TemporalConnectionSettings = z.infer<z.ZodObject<typeof temporalConnectionFields>>;

/** The rules between the settings: a client certificate comes with its key, and TLS off means no TLS settings. */
export function checkTemporalConnection(settings: TemporalConnectionSettings, ctx: z.RefinementCtx): void {
  const { TEMPORAL_TLS: tls, TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key } = settings;
  const flag = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  if (cert && !key) flag('TEMPORAL_TLS_KEY', 'required when TEMPORAL_TLS_CERT is set (TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY are a pair)');
  if (key && !cert) flag('TEMPORAL_TLS_CERT', 'required when TEMPORAL_TLS_KEY is set (TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY are a pair)');
  if (cert && key && !keyMatchesCertificate(cert, key)) flag('TEMPORAL_TLS_KEY', 'not the private key of the certificate in TEMPORAL_TLS_CERT');
  if (tls === false) {
    const set = (['TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_SERVER_NAME'] as const).filter((name) => settings[name] !== undefined);
    if (set.length) flag('TEMPORAL_TLS', `false, but ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set: remove ${set.length === 1 ? 'it' : 'them'}, or TEMPORAL_TLS`);
  }
}

/** What `Connection.connect` and `NativeConnection.connect` take from the settings. */
export interface TemporalConnectionOptions {
  address: string;
  /** `false`: plain gRPC. */
  tls: TLSConfig | false;
  apiKey?: string;
}

/**
 * The connection options for `Connection.connect(…)` and `NativeConnection.connect(…)`.
 * @example await NativeConnection.connect(temporalConnectionOptions(loadConfig()))
 */
export function temporalConnectionOptions(settings: TemporalConnectionSettings): TemporalConnectionOptions {
  const { TEMPORAL_ADDRESS: address, TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_CERT: crt, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_SERVER_NAME: serverName, TEMPORAL_API_KEY: apiKey } = settings;
  const tlsOn = settings.TEMPORAL_TLS ?? Boolean(ca || crt || key || serverName || apiKey);
  const tls: TLSConfig | false = tlsOn && {
    ...(serverName && { serverNameOverride: serverName }),
    ...(ca && { serverRootCACertificate: ca }),
    ...(crt && key && { clientCertPair: { crt, key } }),
  };
  return { address, tls, ...(apiKey && { apiKey }) };
}
