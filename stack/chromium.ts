import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The headless browser the console's tests click through: CHROMIUM_PATH, else Debian's `chromium`
 * package (browser builds cannot be downloaded by npm packages everywhere; the distribution's can).
 */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? CANDIDATES.find((candidate) => existsSync(candidate));
  if (!path || !existsSync(path)) {
    throw new Error('No Chromium found for the console tests: install Debian\'s package ("apt-get install chromium") or set CHROMIUM_PATH.');
  }
  return path;
}
