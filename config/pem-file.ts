/**
 * Settings that name a PEM file (a CA, a client certificate, its key): read once at start-up and
 * checked to hold what they should, so a wrong path stops start-up naming the variable instead of
 * failing later as a TLS handshake error.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export type PemContents = 'certificates' | 'private key';

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * A path setting whose value, once parsed, is the file's contents. Unset or empty: undefined.
 * @example pemFileSetting('certificates') // TEMPORAL_TLS_CA=/etc/tideway/temporal-tls/ca.pem → <Buffer 2d 2d …>
 */
export function pemFileSetting(contents: PemContents) {
  const file = z.string().transform((path, ctx) => {
    let pem: Buffer;
    try {
      pem = readFileSync(path);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      ctx.addIssue({ code: 'custom', message: `cannot read ${path} (${code ?? message})` });
      return z.NEVER;
    }
    const problem = contents === 'certificates' ? certificatesProblem(pem) : privateKeyProblem(pem);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${path}: ${problem}` });
      return z.NEVER;
    }
    return pem;
  });
  return z.preprocess((value) => (value === '' ? undefined : value), file.optional());
}

/** Why `pem` is not one or more PEM certificates (a CA bundle may hold several); undefined when it is. */
function certificatesProblem(pem: Buffer): string | undefined {
  const blocks = pem.toString('utf8').match(CERTIFICATE_BLOCK);
  if (!blocks) return 'not a PEM certificate (no -----BEGIN CERTIFICATE----- block)';
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return `certificate ${index + 1} in it does not parse`;
    }
  }
  return undefined;
}

/** Why `pem` is not an unencrypted PEM private key (PKCS#8, PKCS#1 or SEC1); undefined when it is. */
function privateKeyProblem(pem: Buffer): string | undefined {
  const text = pem.toString('utf8');
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return 'not a PEM private key (no -----BEGIN … PRIVATE KEY----- block)';
  // PKCS#8's encrypted form, and OpenSSL's older one (a Proc-Type header).
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(text)) return 'an encrypted private key: give it without a passphrase';
  try {
    createPrivateKey({ key: pem, format: 'pem' });
    return undefined;
  } catch {
    return 'the private key in it does not parse';
  }
}

/** Whether `key` is the private key of the (first) certificate in `certificate`. */
export function keyMatchesCertificate(certificate: Buffer, key: Buffer): boolean {
  const first = certificate.toString('utf8').match(CERTIFICATE_BLOCK)?.[0];
  try {
    return first !== undefined && new X509Certificate(first).checkPrivateKey(createPrivateKey({ key, format: 'pem' }));
  } catch {
    return false;
  }
}
