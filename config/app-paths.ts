import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Whether this process runs the build (`npm run build`: dist/…/*.js, as in the image) or the
 * TypeScript source through tsx (`npm start`, the tests). The build lives one folder deeper.
 */
export const RUNNING_BUILD = import.meta.url.endsWith('.js');

/** The folder holding package.json: the repository, or /app in the image. */
export const APP_ROOT = fileURLToPath(new URL(RUNNING_BUILD ? '../..' : '..', import.meta.url));

/** What `npm run build` writes. */
export const DIST_DIR = join(APP_ROOT, 'dist');

/** The web console's build, which the API serves at `/console` (`npm run build:console` writes it too). */
export const CONSOLE_DIST = join(DIST_DIR, 'console');
