import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The API key `npm start` uses when TIDEWAY_API_KEY is unset: made once, kept in the data folder. */
export function localApiKey(dataDir: string): { key: string; file: string; created: boolean } {
  const file = path.join(dataDir, 'api-key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), file, created: false };
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, file, created: true };
}
